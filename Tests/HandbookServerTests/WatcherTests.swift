import Foundation
import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookServer
@testable import HandbookLive

/// Both watchers report what an author's save does, in one batch, without editors' temporary files.
@Suite struct WatcherTests {
    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private var batches: [[LiveChange]] = []
        func add(_ batch: [LiveChange]) { lock.withLock { batches.append(batch) } }
        var all: [[LiveChange]] { lock.withLock { batches } }

        /// Waits until the changes seen so far include these paths.
        func wait(for paths: Set<String>, timeout: Double = 5) -> Set<String> {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let seen = Set(all.flatMap { $0.map(\.path) })
                if seen.isSuperset(of: paths) { return seen }
                usleep(10_000)
            }
            return Set(all.flatMap { $0.map(\.path) })
        }
    }

    /// - Parameter burstIsOneBatch: check that the three writes came as one batch (inotify's quiet window).
    func exercise(burstIsOneBatch: Bool = false, _ make: ([WatchedFolder]) -> any FolderWatcher) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["content/principles/listen.md": "a", "theme/assets/style.css": "b"])
        let watcher = make([WatchedFolder(path: "\(folder.path)/content", kind: .content), WatchedFolder(path: "\(folder.path)/theme", kind: .theme)])
        let batches = Batches()
        try watcher.start { batches.add($0) }
        defer { watcher.stop() }
        usleep(100_000)
        // An editor's save: a swap file, then the file written; a new folder with a page; a stylesheet.
        try folder.write(["content/principles/.listen.md.swp": "x", "content/principles/listen.md~": "x"])
        try folder.write(["content/principles/listen.md": "edited", "content/faq/new/briefing.md": "new", "theme/assets/style.css": "c"])
        let seen = batches.wait(for: ["principles/listen.md", "faq/new/briefing.md", "assets/style.css"])
        #expect(seen.isSuperset(of: ["principles/listen.md", "faq/new/briefing.md", "assets/style.css"]), "\(seen)")
        #expect(!seen.contains { $0.hasSuffix(".swp") || $0.hasSuffix("~") }, "\(seen)")
        if burstIsOneBatch {
            #expect(batches.all.contains { batch in
                Set(batch.map(\.path)).isSuperset(of: ["principles/listen.md", "faq/new/briefing.md", "assets/style.css"])
            }, "\(batches.all)")
        }
        let kinds = Dictionary(batches.all.flatMap { $0 }.map { ($0.path, $0.folder) }, uniquingKeysWith: { first, _ in first })
        #expect(kinds["assets/style.css"] == .theme && kinds["principles/listen.md"] == .content)
        // A removal is reported too.
        try FileManager.default.removeItem(atPath: "\(folder.path)/content/principles/listen.md")
        let before = batches.all.count
        let deadline = Date().addingTimeInterval(5)
        while batches.all.count == before, Date() < deadline { usleep(10_000) }
        #expect(batches.all.dropFirst(before).flatMap { $0 }.contains { $0.path == "principles/listen.md" || $0.path == "principles/" })
    }

    @Test func inotify() throws {
        try exercise { Watchers.best($0) }
    }

    /// A burst of writes becomes one batch once the folders are quiet (a wide window here, so a loaded
    /// machine cannot split the burst; `serve` uses 10 ms).
    @Test func aBurstIsOneBatch() throws {
        try exercise(burstIsOneBatch: true) { Watchers.best($0, quiet: 0.3) }
    }

    @Test func polling() throws {
        try exercise { Watchers.best($0, poll: true) }
    }
}
