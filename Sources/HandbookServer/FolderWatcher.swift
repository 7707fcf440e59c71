import HandbookSite
import HandbookLive

/// Reports the files written, created, moved or removed under the watched folders, in batches: a
/// burst of events (an editor's save, a `git checkout`) becomes one batch once the folders have been
/// quiet for `quiet` seconds. Editors' temporary files are left out.
public protocol FolderWatcher: Sendable {
    /// Starts watching; `report` is called from the watcher's own thread, one batch at a time.
    func start(_ report: @escaping @Sendable ([LiveChange]) -> Void) throws
    func stop()
}

/// A watched folder and what its files are to the build.
public struct WatchedFolder: Sendable {
    public var path: String
    public var kind: LiveChange.Folder

    public init(path: String, kind: LiveChange.Folder) {
        self.path = path
        self.kind = kind
    }
}

/// The watcher for this system: inotify on Linux, else (or when inotify is unavailable) polling.
public enum Watchers {
    public static func best(_ folders: [WatchedFolder], quiet: Double = 0.01, poll: Bool = false) -> any FolderWatcher {
        #if os(Linux)
        if !poll, let watcher = InotifyWatcher(folders, quiet: quiet) { return watcher }
        #endif
        return PollingWatcher(folders, interval: 0.25)
    }
}
