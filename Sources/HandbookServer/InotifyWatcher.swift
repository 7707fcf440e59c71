#if os(Linux)
import Foundation
import Glibc
import HandbookSite
import HandbookLive

/// Watches folder trees with Linux's inotify: one watch per folder, folders created later are watched
/// (and their files reported) as they appear. A folder removed or moved, or an overflowing event queue,
/// is reported as a change of the folder itself (`path/`), which reads everything again.
final class InotifyWatcher: FolderWatcher, @unchecked Sendable {
    private let descriptor: Int32
    private let folders: [WatchedFolder]
    private let quiet: Double
    private let lock = NSLock()
    /// Watch descriptor → the watched folder's index and the folder's path relative to it.
    private var watches: [Int32: (folder: Int, relative: String)] = [:]
    private var stopped = false

    private static let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ATTRIB)

    init?(_ folders: [WatchedFolder], quiet: Double) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.folders = folders
        self.quiet = quiet
    }

    deinit { close(descriptor) }

    func start(_ report: @escaping @Sendable ([LiveChange]) -> Void) throws {
        for index in folders.indices { _ = watchTree(index, relative: "") }
        let thread = Thread { [self] in loop(report) }
        thread.name = "handbook-inotify"
        thread.stackSize = LiveSession.threadStack
        thread.start()
    }

    func stop() { lock.withLock { stopped = true } }

    /// Watches a folder and every folder below it; returns the files found in them (relative paths).
    private func watchTree(_ index: Int, relative: String) -> [String] {
        let root = folders[index].path
        let path = relative.isEmpty ? root : "\(root)/\(relative)"
        let watch = inotify_add_watch(descriptor, path, InotifyWatcher.mask)
        guard watch >= 0 else { return [] }
        lock.withLock { watches[watch] = (index, relative) }
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var files: [String] = []
        var folders: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != ".", name != "..", !EditorFiles.isTemporary(name) else { continue }
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            if entry.pointee.d_type == UInt8(DT_DIR) { folders.append(child) } else { files.append(child) }
        }
        for folder in folders { files += watchTree(index, relative: folder) }
        return files
    }

    private func loop(_ report: @Sendable ([LiveChange]) -> Void) {
        var pending: Set<LiveChange> = []
        var lastEvent = 0.0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !lock.withLock({ stopped }) {
            let wait = pending.isEmpty ? 200 : max(1, Int32((lastEvent + quiet - Self.now()) * 1000) + 1)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, wait) > 0 {
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    pending.formUnion(changes(in: buffer, count: count))
                    lastEvent = Self.now()
                }
            }
            if !pending.isEmpty, Self.now() - lastEvent >= quiet {
                let batch = pending.sorted { ($0.path, $0.folder == .theme ? 1 : 0) < ($1.path, $1.folder == .theme ? 1 : 0) }
                pending = []
                report(batch)
            }
        }
    }

    /// Parses a buffer of `inotify_event` records (16 bytes of header, then a NUL-padded name).
    private func changes(in buffer: [UInt8], count: Int) -> [LiveChange] {
        var changes: [LiveChange] = []
        var offset = 0
        while offset + 16 <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self), raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += 16 + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changes += folders.map { LiveChange($0.kind, "/") }
                continue
            }
            guard let (index, folder) = lock.withLock({ watches[watch] }) else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                _ = lock.withLock { watches.removeValue(forKey: watch) }
                continue
            }
            let kind = folders[index].kind
            if name.isEmpty {
                // The watched folder itself went away or moved.
                if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 { changes.append(LiveChange(kind, folder + "/")) }
                continue
            }
            let relative = folder.isEmpty ? name : "\(folder)/\(name)"
            guard !EditorFiles.isTemporary(path: relative) else { continue }
            if mask & UInt32(IN_ISDIR) != 0 {
                if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    changes += watchTree(index, relative: relative).map { LiveChange(kind, $0) }
                    if mask & UInt32(IN_MOVED_TO) != 0 { changes.append(LiveChange(kind, relative + "/")) }
                } else if mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0 {
                    changes.append(LiveChange(kind, relative + "/"))
                }
                continue
            }
            changes.append(LiveChange(kind, relative))
        }
        return changes
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
#endif
