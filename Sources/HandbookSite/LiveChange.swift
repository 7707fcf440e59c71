#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of the content or theme folder that was written, created or removed, and what it means
/// for the build.
public struct LiveChange: Sendable, Hashable {
    public enum Folder: Sendable, Hashable {
        case content
        case theme
    }

    public var folder: Folder
    /// Relative to its folder; a folder that was created, moved or removed as a whole ends in `/`.
    public var path: String

    public init(_ folder: Folder, _ path: String) {
        self.folder = folder
        self.path = path
    }

    enum Effect: Equatable {
        /// `handbook.yml` or `people.yml`: everything is read again.
        case settings
        /// A Markdown file added or removed: it is read or dropped, with the pages whose links point at it.
        case pageSetChanged
        /// The text of one existing page.
        case page(String)
        /// An image or attachment of the content folder, copied as it is.
        case contentAsset(String)
        /// A template or a strings file: every page is rendered again (no Markdown is read again).
        case template
        /// A stylesheet, script or other theme asset.
        case themeAsset
    }

    /// - Parameters:
    ///   - knownPages: the Markdown paths of the handbook as last read.
    ///   - contentRoot: the content folder, to tell an edit from a removal.
    func effect(knownPages: Set<String>, contentRoot: String) -> Effect {
        // `path/`: a folder created, moved or removed as a whole.
        let isFolder = path.hasSuffix("/")
        switch folder {
        case .theme:
            return path.hasPrefix("assets/") && !isFolder ? .themeAsset : .template
        case .content:
            if path == "handbook.yml" || path == "people.yml" || isFolder { return .settings }
            guard path.lowercased().hasSuffix(".md") else { return .contentAsset(path) }
            var info = stat()
            let exists = stat("\(contentRoot)/\(path)", &info) == 0
            return exists && knownPages.contains(path) ? .page(path) : .pageSetChanged
        }
    }
}
