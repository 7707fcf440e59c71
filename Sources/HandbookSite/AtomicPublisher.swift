import Foundation
import HandbookContent

/// Publishes a build atomically: the site is written to a temporary folder beside the output and swapped
/// in only when complete. A failed build leaves the previous output exactly as it was.
public struct AtomicPublisher: Sendable {
    public enum PublishError: Error, Equatable, CustomStringConvertible {
        case unsafeOutput(String)
        case notOurs(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafeOutput(let reason): reason
            case .notOurs(let path): "\(path) exists and was not made by handbook (no \(AtomicPublisher.marker) file in it); refusing to replace it. Choose another --output or remove it yourself."
            case .io(let reason): reason
            }
        }
    }

    /// A file in every built site that marks the folder as one handbook may replace.
    public static let marker = ".handbook-site"

    public let output: URL

    public init(output: String) {
        self.output = URL(fileURLWithPath: output).standardizedFileURL
    }

    /// Refuses an output that is `/`, the content or theme folder, a folder that holds them, or inside the content folder.
    public func checkSafe(content: String, theme: String?) throws {
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

    /// Swaps the staging folder in place of the output. The previous output is moved aside as
    /// `.NAME.trash-PID-TIME` beside it; `removeTrash()` (run by the next build, in the background) deletes it.
    public func publish(staging: String) throws {
        let target = output.path
        // Unique per build, so it never meets a trash folder that a background cleanup is still deleting.
        let previous = "\(output.deletingLastPathComponent().path)/.\(output.lastPathComponent).trash-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))"
        let hadOutput = FileManager.default.fileExists(atPath: target)
        if hadOutput {
            guard rename(target, previous) == 0 else { throw PublishError.io("cannot move the old \(target) aside: \(String(cString: strerror(errno)))") }
        }
        guard rename(staging, target) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(previous, target) }
            throw PublishError.io("cannot move the new site into \(target): \(reason)")
        }
    }

    /// Moves the files of a staging folder that holds only what changed into the output, file by file, and
    /// removes the files the new build no longer has. Each replaced or removed file is first moved aside
    /// into a trash folder; when any move fails, every move made is undone, so the output is the previous
    /// site again. Folders left empty by removals go too. The staging folder is deleted.
    public func publish(changed: [String], removed: [String], staging: String) throws {
        let root = output.path
        let trash = "\(output.deletingLastPathComponent().path)/.\(output.lastPathComponent).trash-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))"
        guard mkdir(trash, 0o755) == 0 else { throw PublishError.io("cannot create \(trash): \(String(cString: strerror(errno)))") }
        _ = FileManager.default.createFile(atPath: "\(trash)/\(AtomicPublisher.marker)", contents: Data("built by handbook\n".utf8))
        let replacing = Set(changed)
        var movedAside: [String] = [], placed: [String] = []
        func undo() {
            for path in placed.reversed() { _ = rename("\(root)/\(path)", "\(staging)/\(path)") }
            for path in movedAside.reversed() { _ = rename("\(trash)/\(path)", "\(root)/\(path)") }
        }
        for path in Set(changed).union(removed).sorted() {
            var info = stat()
            if lstat("\(root)/\(path)", &info) == 0 {
                guard makeParents(of: path, in: trash), rename("\(root)/\(path)", "\(trash)/\(path)") == 0 else {
                    let reason = String(cString: strerror(errno))
                    undo()
                    throw PublishError.io("cannot move the old \(root)/\(path) aside: \(reason); \(root) was left as it was")
                }
                movedAside.append(path)
            }
            guard replacing.contains(path) else { continue }
            guard makeParents(of: path, in: root), rename("\(staging)/\(path)", "\(root)/\(path)") == 0 else {
                let reason = String(cString: strerror(errno))
                undo()
                throw PublishError.io("cannot move \(path) into \(root): \(reason); \(root) was left as it was")
            }
            placed.append(path)
        }
        for path in removed {
            var folder = Self.parent(of: path)
            while !folder.isEmpty, rmdir("\(root)/\(folder)") == 0 { folder = Self.parent(of: folder) }
        }
        discard(staging: staging)
    }

    /// Fills a staging folder that holds only what changed with hard links to the output's unchanged files
    /// (a copy where links cannot be made), so it can replace the output whole.
    public func linkUnchanged(_ paths: [String], into staging: String) throws {
        let root = output.path
        for path in paths {
            guard makeParents(of: path, in: staging) else { throw PublishError.io("cannot create folders for \(staging)/\(path)") }
            if link("\(root)/\(path)", "\(staging)/\(path)") == 0 { continue }
            guard let bytes = FileReader.bytes(atPath: "\(root)/\(path)") else { throw PublishError.io("cannot read \(root)/\(path)") }
            do { try DiskSink(root: staging).write(bytes, to: path) } catch { throw PublishError.io("\(error)") }
        }
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
    /// (`.NAME.trash-*`, `.NAME.building-*` of processes that no longer run). Only folders holding the marker.
    public func removeTrash() {
        let parent = output.deletingLastPathComponent().path
        let name = output.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix(".\(name).trash-") || entry.hasPrefix(".\(name).building-") {
            if entry.hasPrefix(".\(name).building-"), let pid = Int32(entry.split(separator: "-").last ?? ""), pid == getpid() || kill(pid, 0) == 0 { continue }
            let path = "\(parent)/\(entry)"
            guard FileManager.default.fileExists(atPath: "\(path)/\(AtomicPublisher.marker)") else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Removes a staging folder after a failed build.
    public func discard(staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
