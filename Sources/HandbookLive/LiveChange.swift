#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookSite

/// A file of the content or theme folder that the watcher saw written, created or removed.
public struct LiveChange: Sendable, Hashable {
    public typealias Folder = InputChange.Folder

    public var folder: Folder
    /// Relative to its folder; a folder that was created, moved or removed as a whole ends in `/`.
    public var path: String

    public init(_ folder: Folder, _ path: String) {
        self.folder = folder
        self.path = path
    }

    /// The input change it is, told from the handbook as last read and the file as it is now; nil for a
    /// Markdown file that neither was nor is there (an editor's file that came and went).
    /// - Parameters:
    ///   - knownPages: the Markdown paths of the handbook as last read.
    ///   - contentRoot: the content folder, to tell an edit from a removal.
    func inputChange(knownPages: Set<String>, contentRoot: String) -> InputChange? {
        guard folder == .content, !path.hasSuffix("/"), path.lowercased().hasSuffix(".md") else {
            return InputChange.of(file: path, in: folder, .edited)
        }
        var info = stat()
        let exists = stat("\(contentRoot)/\(path)", &info) == 0, known = knownPages.contains(path)
        switch (exists, known) {
        case (true, true): return .pageEdited(path)
        case (true, false): return .pageAdded(path)
        case (false, true): return .pageRemoved(path)
        case (false, false): return nil
        }
    }
}
