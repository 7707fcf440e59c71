#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookContent
import HandbookModel

/// One input file as a build last saw it: what `stat` said of it and the hash of its contents.
struct InputStamp: Sendable, Equatable {
    var size: Int64
    /// Modification and status-change times in nanoseconds, and the inode: when all four are as before,
    /// the hash is taken as before (as git's index does) instead of reading the file again.
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    /// 0 until the file's `stat` first changes: a file the last build did not know is not read here (it
    /// counts as added, whatever it holds), so a build with no cache reads each input once, in the loader.
    /// (Unless it was modified in the last two seconds: its `stat` will not be trusted, so its hash will be.)
    var hash: UInt64

    static let unhashed: UInt64 = 0

    func sameFile(as other: InputStamp) -> Bool {
        size == other.size && modified == other.modified && changed == other.changed && inode == other.inode
    }
}

/// Every input file of a build (the content folder's files and the theme folder's), hashed: files whose
/// `stat` is unchanged since the last build keep their hash, the others it knew are read and hashed on
/// every core, and new ones are left unhashed (see `InputStamp.hash`).
/// Keys are `content/PATH` and `theme/PATH`. Hidden entries are skipped, as the content scanner skips them.
struct InputSnapshot: Sendable {
    private(set) var files: [String: InputStamp] = [:]
    /// False when a path cannot be written in the cache's line format (a control character in a name).
    private(set) var cacheable = true

    static let contentPrefix = "content/"
    static let themePrefix = "theme/"

    static func take(content: String, theme: String?, previous: [String: InputStamp]) -> InputSnapshot {
        var found: [(key: String, path: String, stamp: InputStamp)] = []
        walk(root: content, relative: "", prefix: contentPrefix, into: &found)
        if let theme { walk(root: theme, relative: "", prefix: themePrefix, into: &found) }
        var snapshot = InputSnapshot()
        let recent = now() - recentNanoseconds
        let hashed = found.parallelMap { entry -> InputStamp in
            var stamp = entry.stamp
            if let old = previous[entry.key], old.sameFile(as: stamp) {
                stamp.hash = old.hash
            } else if previous[entry.key] == nil, stamp.modified <= recent, stamp.changed <= recent {
                stamp.hash = InputStamp.unhashed
            } else {
                // A file that cannot be read hashes as empty with its size kept: it still counts as changed.
                stamp.hash = ContentHash.of(FileReader.bytes(atPath: entry.path) ?? [])
            }
            return stamp
        }
        for (entry, stamp) in zip(found, hashed) {
            // The cache's files split fields by tabs, lines by line breaks and lists by U+001F: a name with a
            // control character is not kept (such a content file is refused anyway; a theme file is not).
            if entry.key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { snapshot.cacheable = false }
            snapshot.files[entry.key] = stamp
        }
        return snapshot
    }

    /// The keys whose contents differ from `previous`, and those added or removed.
    func changes(since previous: [String: InputStamp]) -> (changed: [String], added: [String], removed: [String]) {
        var changed: [String] = [], added: [String] = []
        for (key, stamp) in files {
            if let old = previous[key] {
                if old.hash != stamp.hash { changed.append(key) }
            } else {
                added.append(key)
            }
        }
        let removed = previous.keys.filter { files[$0] == nil }
        return (changed.sorted(), added.sorted(), removed.sorted())
    }

    /// The changes since `previous`, in the vocabulary the planner reads.
    func inputChanges(since previous: [String: InputStamp]) -> [InputChange] {
        let (changed, added, removed) = changes(since: previous)
        var result: [InputChange] = []
        for (keys, touch) in [(changed, InputChange.Touch.edited), (added, .added), (removed, .removed)] {
            for key in keys {
                if key.hasPrefix(Self.contentPrefix) {
                    result.append(.of(file: String(key.dropFirst(Self.contentPrefix.count)), in: .content, touch))
                } else if key.hasPrefix(Self.themePrefix) {
                    result.append(.of(file: String(key.dropFirst(Self.themePrefix.count)), in: .theme, touch))
                }
            }
        }
        return result.sorted()
    }

    /// The stamps to save: a file modified in the last two seconds may change again within the same
    /// clock tick, so its `stat` is not trusted next time (its times are saved as -1) and it is hashed again.
    func stampsToSave(now: Int64) -> [String: InputStamp] {
        var result = files
        for (key, stamp) in files where stamp.modified > now - Self.recentNanoseconds || stamp.changed > now - Self.recentNanoseconds {
            result[key]?.modified = -1
            result[key]?.changed = -1
        }
        return result
    }

    /// How long a modification time stays too recent to trust.
    static let recentNanoseconds: Int64 = 2_000_000_000

    /// The wall clock in nanoseconds, as file times count.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    private static func walk(root: String, relative: String, prefix: String, into found: inout [(key: String, path: String, stamp: InputStamp)]) {
        let folder = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names.sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            let full = "\(root)/\(path)"
            var info = stat()
            var link = stat()
            guard stat(full, &info) == 0 else {
                // A broken link is an input too (the build reports it): its own stat stands for it.
                if lstat(full, &link) == 0 { found.append((prefix + path, full, stamp(link))) }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                // Links to folders are not followed by the content scanner either.
                if lstat(full, &link) == 0, link.st_mode & S_IFMT == S_IFLNK { continue }
                walk(root: root, relative: path, prefix: prefix, into: &found)
            case S_IFREG:
                found.append((prefix + path, full, stamp(info)))
            default:
                continue
            }
        }
    }

    private static func stamp(_ info: stat) -> InputStamp {
        InputStamp(size: Int64(info.st_size),
                   modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                   changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                   inode: UInt64(info.st_ino), hash: 0)
    }
}
