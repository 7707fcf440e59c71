import Foundation
import HandbookSite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookLive

/// Watches folder trees by listing them every `interval` seconds and comparing each file's size,
/// modification time and inode: for systems or file systems without inotify (`serve --poll`).
final class PollingWatcher: FolderWatcher, @unchecked Sendable {
    private struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    private let folders: [WatchedFolder]
    private let interval: Double
    private let lock = NSLock()
    private var stopped = false

    init(_ folders: [WatchedFolder], interval: Double) {
        self.folders = folders
        self.interval = interval
    }

    func start(_ report: @escaping @Sendable ([LiveChange]) -> Void) throws {
        let first = snapshot()
        let thread = Thread { [self] in
            var known = first
            while !lock.withLock({ stopped }) {
                usleep(UInt32(interval * 1_000_000))
                let now = snapshot()
                guard now != known else { continue }
                let paths = Set(now.keys).union(known.keys).filter { now[$0] != known[$0] }
                known = now
                report(paths.sorted { ($0.path, $0.folder == .theme ? 1 : 0) < ($1.path, $1.folder == .theme ? 1 : 0) })
            }
        }
        thread.name = "handbook-polling"
        thread.stackSize = LiveSession.threadStack
        thread.start()
    }

    func stop() { lock.withLock { stopped = true } }

    private func snapshot() -> [LiveChange: Stamp] {
        var stamps: [LiveChange: Stamp] = [:]
        for folder in folders { walk(folder, "", into: &stamps) }
        return stamps
    }

    private func walk(_ folder: WatchedFolder, _ relative: String, into stamps: inout [LiveChange: Stamp]) {
        let path = relative.isEmpty ? folder.path : "\(folder.path)/\(relative)"
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != ".", name != "..", !EditorFiles.isTemporary(name) else { continue }
            let child = relative.isEmpty ? name : "\(relative)/\(name)"
            var info = stat()
            guard stat("\(folder.path)/\(child)", &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(folder, child, into: &stamps)
            } else {
                stamps[LiveChange(folder.kind, child)] = Stamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec),
                                                               nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
            }
        }
    }
}
