#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookModel

/// Lists the files of a content folder: Markdown pages and other files, skipping hidden entries.
/// Symbolic links to files inside the folder are followed; links to folders are not (no loops), and a
/// link to a file outside the folder is a finding, never published (a site must not leak `/etc/passwd`).
struct ContentScanner {
    struct Listing {
        var markdown: [String] = []
        var assets: [String] = []
        var diagnostics: [Diagnostic] = []
    }

    let root: String
    private let realRoot: String?

    init(root: String) {
        self.root = root
        realRoot = Self.realPath(root)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func scan() -> Listing {
        var listing = Listing()
        walk("", into: &listing)
        listing.markdown.sort()
        listing.assets.sort()
        return listing
    }

    private func walk(_ relative: String, into listing: inout Listing) {
        let folder = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let directory = opendir(folder) else {
            // The content folder itself is checked by the loader; a folder inside it is a finding.
            if !relative.isEmpty {
                listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: relative),
                                                      "the folder \(relative) cannot be read (\(String(cString: strerror(errno)))); its files are not published",
                                                      hint: errno == ENAMETOOLONG ? "move it higher up: its path is longer than the system allows" : "check its permissions"))
            }
            return
        }
        defer { closedir(directory) }
        var entries: [(String, UInt8)] = []
        while let entry = readdir(directory) {
            let decoded = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { (String(validatingCString: $0), String(cString: $0)) }
            }
            let name = decoded.1
            if name.hasPrefix(".") || name.hasPrefix("_") && name.hasSuffix(".tmp") { continue }
            guard decoded.0 != nil else {
                let shown = relative.isEmpty ? name : "\(relative)/\(name)"
                listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: shown),
                                                      "the name \(Quoted.text(name)) is not UTF-8 (shown with � for the bytes that are not); it is skipped with everything in it",
                                                      hint: "rename it in UTF-8"))
                continue
            }
            entries.append((name, entry.pointee.d_type))
        }
        // Swift compares names by their Unicode meaning: `café` composed and decomposed are one name here,
        // two files on disk. The first is read; the other is a finding (and would break every table by path).
        var seen: [String: [UInt8]] = [:]
        for (name, type) in entries.sorted(by: { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }) {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            if let first = seen[name], first != Array(name.utf8) {
                listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                      "\(Quoted.text(name)) and another name in the same folder differ only in how their letters are encoded (Unicode normalization); this one is skipped",
                                                      hint: "rename one of them"))
                continue
            }
            seen[name] = Array(name.utf8)
            if let problem = SafeName.characterProblem(name) {
                listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                      "the name \(Quoted.text(name)) cannot be published: \(problem); it is skipped",
                                                      hint: "rename it with letters, digits and '-'"))
                continue
            }
            if "\(root)/\(path)".utf8.count >= Int(PATH_MAX) {
                listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                      "the path of \(Quoted.plain(name, limit: 40)) is longer than the system allows (\(PATH_MAX) bytes); it is skipped",
                                                      hint: "move it higher up or give its folders shorter names"))
                continue
            }
            var isDirectory = type == UInt8(DT_DIR)
            var isFile = type == UInt8(DT_REG)
            // Some file systems do not say what an entry is (DT_UNKNOWN): lstat tells whether it is a link.
            var isLink = type == UInt8(DT_LNK)
            if type == UInt8(DT_UNKNOWN) {
                var own = stat()
                isLink = lstat("\(root)/\(path)", &own) == 0 && own.st_mode & S_IFMT == S_IFLNK
            }
            if isLink || type == UInt8(DT_UNKNOWN) {
                var info = stat()
                if stat("\(root)/\(path)", &info) != 0 {
                    if name.lowercased().hasSuffix(".md") {
                        listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                              "the link \(path) points to a file that does not exist (or to itself)",
                                                              hint: "fix or remove the symbolic link"))
                    }
                    continue
                }
                let mode = info.st_mode & S_IFMT
                if isLink, mode == S_IFDIR { continue }
                if isLink, mode == S_IFREG, let realRoot, let target = Self.realPath("\(root)/\(path)"), !target.hasPrefix(realRoot + "/") {
                    listing.diagnostics.append(Diagnostic(.unreadableFile, at: SourceLocation(file: path),
                                                          "the link \(path) points outside the content folder (to \(target)); it is not published",
                                                          hint: "copy the file into the content folder instead of linking to it"))
                    continue
                }
                isDirectory = mode == S_IFDIR
                isFile = mode == S_IFREG
            }
            if isDirectory {
                walk(path, into: &listing)
            } else if isFile {
                if name.lowercased().hasSuffix(".md") {
                    listing.markdown.append(path)
                } else if !(relative.isEmpty && (name == "handbook.yml" || name == "people.yml")) {
                    listing.assets.append(path)
                }
            }
        }
    }
}
