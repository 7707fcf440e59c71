import Foundation
import CFileSwap
import HandbookContent
import HandbookModel
#if canImport(Glibc)
import Glibc
#endif

/// Publishes a build atomically: the site is written to a temporary folder beside the output and swapped
/// in only when complete, in one system call (`renameat2` with `RENAME_EXCHANGE`), so at every moment the
/// output is the whole previous site or the whole new one, even when the process is killed. A cached build
/// fills its temporary folder with hard links to the unchanged files and is swapped in the same way.
/// An output that is a symbolic link is published through it: its target folder is what gets replaced.
public struct AtomicPublisher: Sendable {
    public enum PublishError: Error, Equatable, CustomStringConvertible {
        case unsafeOutput(String)
        case notOurs(String)
        case io(String)
        /// A file of the output that should be there is not.
        case missing(String)

        public var description: String {
            switch self {
            case .unsafeOutput(let reason): reason
            case .notOurs(let path): "\(path) exists and was not made by handbook (no \(AtomicPublisher.marker) file in it); refusing to replace it. Choose another --output or remove it yourself."
            case .io(let reason): reason
            case .missing(let path): "\(path) is missing from the output"
            }
        }

        /// The folder or file it is about, where one is named.
        public var path: String {
            switch self {
            case .notOurs(let path), .missing(let path): path
            case .unsafeOutput, .io: "output"
            }
        }
    }

    /// A file in every built site that marks the folder as one handbook may replace.
    public static let marker = ".handbook-site"

    /// The folder that is replaced: the output as given, or the target of the symbolic link it is.
    public let output: URL
    /// The output as given (a symbolic link's own path when it is one).
    public let requested: URL

    public init(output: String) {
        requested = URL(fileURLWithPath: output).standardizedFileURL
        var info = stat()
        if lstat(requested.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let target = Self.realPath(requested.path) {
            self.output = URL(fileURLWithPath: target)
        } else {
            self.output = requested
        }
    }

    /// Refuses an output that is `/`, the content or theme folder, a folder that holds them, or inside the content folder.
    public func checkSafe(content: String, theme: String?) throws {
        var link = stat()
        if lstat(requested.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, requested == output {
            throw PublishError.unsafeOutput("\(requested.path) is a symbolic link to a folder that does not exist; create the folder it points to, or remove the link")
        }
        let outputPath = resolved(output.path)
        if outputPath == "/" { throw PublishError.unsafeOutput("refusing to write the site to /") }
        for (name, folder) in [("content", content), ("theme", theme)] {
            guard let folder else { continue }
            let path = resolved(URL(fileURLWithPath: folder).standardizedFileURL.path)
            if path == outputPath || path.hasPrefix(outputPath + "/") {
                throw PublishError.unsafeOutput("refusing to write the site to \(output.path): it holds the \(name) folder \(folder), which would be deleted")
            }
            if outputPath.hasPrefix(path + "/") {
                throw PublishError.unsafeOutput("refusing to write the site to \(output.path): it is inside the \(name) folder \(folder)")
            }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw PublishError.unsafeOutput("\(output.path) is a file, not a folder") }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
            if !entries.isEmpty && !entries.contains(AtomicPublisher.marker) { throw PublishError.notOurs(output.path) }
        }
    }

    /// Creates the temporary folder to build into, beside the output.
    public func makeStaging() throws -> String {
        let parent = output.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = "\(parent)/.\(output.lastPathComponent).building-\(getpid())"
        if FileManager.default.fileExists(atPath: staging) { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw PublishError.io("cannot create \(staging): \(error.localizedDescription)")
        }
        _ = FileManager.default.createFile(atPath: "\(staging)/\(AtomicPublisher.marker)", contents: Data("built by handbook\n".utf8))
        return staging
    }

    /// Swaps the staging folder in place of the output in one step. The previous output ends up as
    /// `.NAME.trash-PID-TIME` beside it; `removeTrash()` (run by the next build, in the background) deletes it.
    /// Where the file system cannot exchange two folders, the old output is moved aside first and the new one
    /// renamed in (two steps: a kill between them leaves no output, never a mixed one).
    public func publish(staging: String) throws {
        let target = output.path
        // Unique per build, so it never meets a trash folder that a background cleanup is still deleting.
        let previous = "\(output.deletingLastPathComponent().path)/.\(output.lastPathComponent).trash-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))"
        var info = stat()
        guard lstat(target, &info) == 0 else {
            guard rename(staging, target) == 0 else { throw PublishError.io("cannot move the new site into \(target): \(String(cString: strerror(errno)))") }
            return
        }
        if handbook_exchange(staging, target) == 0 {
            // The staging name now holds the old site (with its marker): renamed to trash, or, if this process
            // is killed first, deleted as an abandoned staging folder by the next build.
            _ = rename(staging, previous)
            return
        }
        guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
            throw PublishError.io("cannot swap the new site into \(target): \(String(cString: strerror(errno)))")
        }
        guard rename(target, previous) == 0 else { throw PublishError.io("cannot move the old \(target) aside: \(String(cString: strerror(errno)))") }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(previous, target)
            throw PublishError.io("cannot move the new site into \(target): \(reason)")
        }
    }

    /// Fills a staging folder that holds only what changed with hard links to the output's unchanged files
    /// (a copy where links cannot be made), so it can replace the output whole. Each folder and each link is
    /// a system call of its own, so both run on every core: the folders one depth at a time (a folder's
    /// parent first), then the links.
    public func linkUnchanged(_ paths: [String], into staging: String) throws {
        let root = output.path
        var folders: Set<Substring> = []
        for path in paths {
            try OutputPath.check(path)
            guard let slash = path.lastIndex(of: "/") else { continue }
            var folder = path[..<slash]
            while folders.insert(folder).inserted, let up = folder.lastIndex(of: "/") { folder = folder[..<up] }
        }
        let byDepth = Dictionary(grouping: folders.map(String.init)) { $0.utf8.count { $0 == UInt8(ascii: "/") } }
        for depth in byDepth.keys.sorted() {
            let failed = byDepth[depth]!.parallelMap { folder -> String? in
                mkdir("\(staging)/\(folder)", 0o755) == 0 || errno == EEXIST ? nil : "cannot create \(staging)/\(folder): \(String(cString: strerror(errno)))"
            }
            if let failure = failed.compactMap({ $0 }).first { throw PublishError.io(failure) }
        }
        let chunks = stride(from: 0, to: paths.count, by: 256).map { Array(paths[$0..<min($0 + 256, paths.count)]) }
        let failures = chunks.parallelMap { chunk -> PublishError? in
            for path in chunk {
                if link("\(root)/\(path)", "\(staging)/\(path)") == 0 { continue }
                if errno == ENOENT, access("\(root)/\(path)", F_OK) != 0 { return PublishError.missing(path) }
                guard let bytes = FileReader.bytes(atPath: "\(root)/\(path)") else { return PublishError.io("cannot read \(root)/\(path)") }
                do { try DiskSink(root: staging).write(bytes, to: path) } catch { return PublishError.io("\(error)") }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    private static func parent(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    private func makeParents(of path: String, in root: String) -> Bool {
        let parts = path.split(separator: "/").dropLast()
        var current = root
        for part in parts {
            current += "/\(part)"
            if mkdir(current, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Deletes the previous outputs and abandoned staging folders this publisher left beside the output
    /// (`.NAME.trash-*`, `.NAME.building-*` of processes that no longer run). Only folders holding the marker,
    /// which is deleted last: a deletion that is killed half-way is finished by the next build.
    public func removeTrash() {
        let parent = output.deletingLastPathComponent().path
        let name = output.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(".\(name).trash-") || entry.hasPrefix(".\(name).building-") {
            if entry.hasPrefix(".\(name).building-"), let pid = Int32(entry.split(separator: "-").last ?? ""), pid == getpid() || kill(pid, 0) == 0 { continue }
            let path = "\(parent)/\(entry)"
            guard FileManager.default.fileExists(atPath: "\(path)/\(AtomicPublisher.marker)") else {
                // Emptied by a deletion killed after its marker went: only an empty folder is removed.
                rmdir(path)
                continue
            }
            Self.delete(path)
        }
    }

    /// Deletes a folder of ours, its marker last.
    static func delete(_ folder: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries where entry != marker { try? FileManager.default.removeItem(atPath: "\(folder)/\(entry)") }
        unlink("\(folder)/\(marker)")
        rmdir(folder)
    }

    /// Removes a staging folder after a failed build.
    public func discard(staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}

extension AtomicPublisher {
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
