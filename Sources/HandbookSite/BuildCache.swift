#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookOutput

/// What a build leaves for the next one, in `.handbook-cache/NAME/` beside the output folder `NAME`:
/// - `state.json`: the build's key (tool, options, day, git HEAD), the output folder it wrote, its findings;
/// - `inputs`: every input file's `stat` and content hash;
/// - `outputs`: every output file's content hash;
/// - `pages`: the site's index (`SiteIndex`: what other pages show of each page, and who shows it);
/// - `git-log`: what `git log` printed, for the HEAD it was read at (and `GitLog.formStamp`).
/// Each file starts with a line `handbook-cache VERSION NAME GENERATION HASH`: the format's version, the
/// file's own name, the build that wrote it (the same in every file of one save) and the hash of the rest.
/// A file that does not verify is as good as missing, and then the whole cache is: the next build is a
/// clean one (git's log alone is only read again). Each file is written to a temporary name and renamed.
/// `state.json` is removed before the output is touched and written last, so a build that stops half-way
/// leaves no state, and the next build is a clean one.
struct BuildCache: Sendable {
    struct State: Codable, Equatable, Sendable {
        var key: String
        var outputDevice: UInt64
        var outputInode: UInt64
        var pages: Int
        var files: Int
        var diagnostics: [Diagnostic]
        var notes: [String]
        /// Names the save: every other cache file must carry the same.
        var generation: String = ""
        /// `markerStamp(ofOutput:)` of the output this save describes.
        var marker: String = ""
        /// The commit the history was read from (nil without history): a new commit is an input change, not a new key.
        var gitHead: String?
    }

    /// The cache files' format; a cache of another version is not read.
    static let formatVersion = 3

    static let folderName = ".handbook-cache"

    let folder: String

    init(output: URL) {
        folder = "\(output.deletingLastPathComponent().path)/\(BuildCache.folderName)/\(output.lastPathComponent)"
    }

    // MARK: Reading

    func state() -> State? {
        guard let bytes = verified("state.json", generation: nil) else { return nil }
        guard let state = try? JSONDecoder().decode(State.self, from: Data(bytes)), !state.generation.isEmpty else { return nil }
        return state
    }

    /// Every input's stamp, or nil when the file is missing or damaged.
    func inputs(generation: String) -> [String: InputStamp]? {
        var result: [String: InputStamp] = [:]
        let intact = lines("inputs", generation: generation, fields: 6) { fields in
            guard let size = Int64(fields[1]), let modified = Int64(fields[2]), let changed = Int64(fields[3]),
                  let inode = UInt64(fields[4]), let hash = UInt64(fields[5], radix: 16) else { return false }
            result[fields[0]] = InputStamp(size: size, modified: modified, changed: changed, inode: inode, hash: hash)
            return true
        }
        return intact ? result : nil
    }

    /// Every output file's hash, its path proven inside the output (the publisher moves and removes them).
    func outputs(generation: String) -> [String: UInt64]? { hashes("outputs", generation: generation, paths: OutputPath.isInside) }

    func index(generation: String) -> SiteIndex? { indexText(generation: generation).flatMap(SiteIndexLines.decode) }

    /// The index's text, verified but not read (a build with nothing to do needs none of it).
    func indexText(generation: String) -> ArraySlice<UInt8>? { verified("pages", generation: generation) }

    /// The log saved with its HEAD, if any (nil when missing or damaged: git is asked again).
    func gitLog(generation: String) -> (head: String, log: [UInt8])? {
        guard let bytes = verified("git-log", generation: generation), let newline = bytes.firstIndex(of: 10) else { return nil }
        // `HEAD FORM`: a log of another form (another tool's arguments or format) is not extended, it is read again.
        let words = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        guard words.count == 2, words[1] == GitLog.formStamp else { return nil }
        return (String(words[0]), Array(bytes[(newline + 1)...]))
    }

    /// A cache file's contents after its header line, when the header names this format, this file and
    /// (unless nil) this generation, and the hash of the rest matches.
    private func verified(_ name: String, generation: String?) -> ArraySlice<UInt8>? {
        guard let bytes = FileReader.bytes(atPath: "\(folder)/\(name)"), let newline = bytes.firstIndex(of: 10) else { return nil }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ").map(String.init)
        let body = bytes[(newline + 1)...]
        guard header.count == 5, header[0] == "handbook-cache", header[1] == String(Self.formatVersion), header[2] == name,
              generation == nil || header[3] == generation, header[4] == String(Self.hash(body), radix: 16) else { return nil }
        if generation == nil, name == "state.json", let state = try? JSONDecoder().decode(State.self, from: Data(body)),
           state.generation != header[3] { return nil }
        return body
    }

    private static func hash(_ body: ArraySlice<UInt8>) -> UInt64 {
        body.withUnsafeBytes { ContentHash.of($0) }
    }

    /// The identity of a folder (device, inode), or nil when it does not exist.
    static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    // MARK: Writing

    /// A name for one save, unique across processes and time.
    static func newGeneration() -> String { "\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1_000_000))" }

    /// The output's marker file as the build that made it left it: its inode and its change time to the
    /// nanosecond. A file system may give a new output folder an old one's inode; a marker made by another
    /// build does not have this stamp, so a cache restored from an earlier build is not taken for this one's.
    static func markerStamp(ofOutput output: String) -> String? {
        var info = stat()
        guard stat("\(output)/\(AtomicPublisher.marker)", &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// Forgets the last build (before its output is replaced).
    func invalidate() {
        unlink("\(folder)/state.json")
    }

    /// Saves everything; on failure removes what it wrote (no temporary files are left) and throws.
    func save(state: State, inputs: [String: InputStamp], outputs: [String: UInt64], index: SiteIndex, gitLog: (head: String, log: [UInt8])?) throws {
        var state = state
        if state.generation.isEmpty { state.generation = Self.newGeneration() }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var text = ""
            for (key, stamp) in inputs.sorted(by: { $0.key < $1.key }) {
                text += "\(key)\t\(stamp.size)\t\(stamp.modified)\t\(stamp.changed)\t\(stamp.inode)\t\(String(stamp.hash, radix: 16))\n"
            }
            try write(Array(text.utf8), to: "inputs", generation: state.generation)
            try write(Self.hashLines(outputs), to: "outputs", generation: state.generation)
            try write(SiteIndexLines.encode(index), to: "pages", generation: state.generation)
            if let gitLog {
                try write(Array((gitLog.head + " " + GitLog.formStamp + "\n").utf8) + gitLog.log, to: "git-log", generation: state.generation)
            } else {
                unlink("\(folder)/git-log")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try write(Array(try encoder.encode(state)), to: "state.json", generation: state.generation)
        } catch {
            for name in ["inputs", "outputs", "pages", "git-log", "state.json"] { unlink("\(folder)/.\(name).\(getpid())") }
            invalidate()
            throw error
        }
    }

    private func write(_ body: [UInt8], to name: String, generation: String) throws {
        let header = "handbook-cache \(Self.formatVersion) \(name) \(generation) \(String(Self.hash(body[...]), radix: 16))\n"
        let temporary = "\(folder)/.\(name).\(getpid())"
        try DiskSink(root: folder).write(Array(header.utf8) + body, to: ".\(name).\(getpid())")
        guard rename(temporary, "\(folder)/\(name)") == 0 else {
            throw WriteError(path: "\(folder)/\(name)", reason: String(cString: strerror(errno)))
        }
    }

    private static func hashLines(_ hashes: [String: UInt64]) -> [UInt8] {
        var text = ""
        for (key, hash) in hashes.sorted(by: { $0.key < $1.key }) { text += "\(key)\t\(String(hash, radix: 16))\n" }
        return Array(text.utf8)
    }

    private func hashes(_ name: String, generation: String, paths: (String) -> Bool) -> [String: UInt64]? {
        var result: [String: UInt64] = [:]
        let intact = lines(name, generation: generation, fields: 2) { fields in
            guard paths(fields[0]), let hash = UInt64(fields[1], radix: 16) else { return false }
            result[fields[0]] = hash
            return true
        }
        return intact ? result : nil
    }

    /// Calls `body` with each line's fields; false when the file does not verify or a line does not parse.
    private func lines(_ name: String, generation: String, fields count: Int, _ body: ([String]) -> Bool) -> Bool {
        guard let bytes = verified(name, generation: generation) else { return false }
        for line in bytes.split(separator: 10) {
            let fields = line.split(separator: 9, omittingEmptySubsequences: false)
            guard fields.count == count, body(fields.map { String(decoding: $0, as: UTF8.self) }) else { return false }
        }
        return true
    }
}
