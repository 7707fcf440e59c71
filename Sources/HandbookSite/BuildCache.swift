#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandbookContent
import HandbookModel

/// What a build leaves for the next one, in `.handbook-cache/NAME/` beside the output folder `NAME`:
/// - `state.json`: the build's key (tool, options, day, git HEAD), the output folder it wrote, its findings;
/// - `inputs`: every input file's `stat` and content hash;
/// - `outputs`: every output file's content hash;
/// - `pages`: each page's listing signature (what other pages show of it);
/// - `git-log`: what `git log` printed, for the HEAD in the key.
/// Each file is written to a temporary name and renamed. `state.json` is removed before the output is
/// touched and written last, so a build that stops half-way leaves no state, and the next build is a clean one.
struct BuildCache: Sendable {
    struct State: Codable, Equatable, Sendable {
        var key: String
        var outputDevice: UInt64
        var outputInode: UInt64
        var pages: Int
        var files: Int
        var diagnostics: [Diagnostic]
        var notes: [String]
    }

    static let folderName = ".handbook-cache"

    let folder: String

    init(output: URL) {
        folder = "\(output.deletingLastPathComponent().path)/\(BuildCache.folderName)/\(output.lastPathComponent)"
    }

    // MARK: Reading

    func state() -> State? {
        guard let bytes = FileReader.bytes(atPath: "\(folder)/state.json") else { return nil }
        return try? JSONDecoder().decode(State.self, from: Data(bytes))
    }

    func inputs() -> [String: InputStamp] {
        var result: [String: InputStamp] = [:]
        lines("inputs", fields: 6) { fields in
            guard let size = Int64(fields[1]), let modified = Int64(fields[2]), let changed = Int64(fields[3]),
                  let inode = UInt64(fields[4]), let hash = UInt64(fields[5], radix: 16) else { return }
            result[fields[0]] = InputStamp(size: size, modified: modified, changed: changed, inode: inode, hash: hash)
        }
        return result
    }

    func outputs() -> [String: UInt64] { hashes("outputs") }

    func pageSignatures() -> [String: UInt64] { hashes("pages") }

    /// The log saved with its HEAD, if any.
    func gitLog() -> (head: String, log: [UInt8])? {
        guard let bytes = FileReader.bytes(atPath: "\(folder)/git-log"), let newline = bytes.firstIndex(of: 10) else { return nil }
        return (String(decoding: bytes[..<newline], as: UTF8.self), Array(bytes[(newline + 1)...]))
    }

    /// The identity of a folder (device, inode), or nil when it does not exist.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    // MARK: Writing

    /// Forgets the last build (before its output is replaced).
    func invalidate() {
        unlink("\(folder)/state.json")
    }

    func save(state: State, inputs: [String: InputStamp], outputs: [String: UInt64], pages: [String: UInt64], gitLog: (head: String, log: [UInt8])?) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var text = ""
        for (key, stamp) in inputs.sorted(by: { $0.key < $1.key }) {
            text += "\(key)\t\(stamp.size)\t\(stamp.modified)\t\(stamp.changed)\t\(stamp.inode)\t\(String(stamp.hash, radix: 16))\n"
        }
        try write(Array(text.utf8), to: "inputs")
        try write(Self.hashLines(outputs), to: "outputs")
        try write(Self.hashLines(pages), to: "pages")
        if let gitLog {
            try write(Array((gitLog.head + "\n").utf8) + gitLog.log, to: "git-log")
        } else {
            unlink("\(folder)/git-log")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try write(Array(try encoder.encode(state)), to: "state.json")
    }

    private func write(_ bytes: [UInt8], to name: String) throws {
        let temporary = "\(folder)/.\(name).\(getpid())"
        try DiskSink(root: folder).write(bytes, to: ".\(name).\(getpid())")
        guard rename(temporary, "\(folder)/\(name)") == 0 else {
            throw WriteError(path: "\(folder)/\(name)", reason: String(cString: strerror(errno)))
        }
    }

    private static func hashLines(_ hashes: [String: UInt64]) -> [UInt8] {
        var text = ""
        for (key, hash) in hashes.sorted(by: { $0.key < $1.key }) { text += "\(key)\t\(String(hash, radix: 16))\n" }
        return Array(text.utf8)
    }

    private func hashes(_ name: String) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        lines(name, fields: 2) { fields in
            if let hash = UInt64(fields[1], radix: 16) { result[fields[0]] = hash }
        }
        return result
    }

    private func lines(_ name: String, fields count: Int, _ body: ([String]) -> Void) {
        guard let bytes = FileReader.bytes(atPath: "\(folder)/\(name)") else { return }
        for line in bytes.split(separator: 10) {
            let fields = line.split(separator: 9, omittingEmptySubsequences: false)
            guard fields.count == count else { continue }
            body(fields.map { String(decoding: $0, as: UTF8.self) })
        }
    }
}
