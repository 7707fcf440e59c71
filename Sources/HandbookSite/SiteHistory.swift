import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel

/// The history of every page, read once for the build: revisions from one `git log` pass and the old
/// versions the history pages show, from one `git cat-file --batch`.
struct SiteHistory: Sendable {
    /// How many of a page's newest revisions get a word diff and a view of the page as it was.
    static let detailedRevisions = 5
    /// How many revisions a history page lists (all of them are in `history.json`).
    static let listedRevisions = 100
    /// How far back the changes page and the feed look.
    static let recentDays = 90

    let history: HandbookHistory
    /// Old file contents by blob name.
    let blobs: [String: String]

    static let none = SiteHistory(history: .unavailable, blobs: [:])

    var isAvailable: Bool {
        if case .unavailable = history.state { return false }
        return true
    }

    func revisions(_ page: Page) -> [Revision] { history.revisions[page.path] ?? [] }

    func blob(_ revision: Revision) -> String? {
        blobs[revision.blob]
    }

    /// Reads the history of the pages in one `git log` pass and the old versions they need in one batch.
    /// - Parameter detailed: the pages whose history pages will be rendered (all when nil): only theirs need old versions.
    /// - Parameter latest: the changes page shows at least this many changes, however old: their versions are read too.
    static func read(content: String, pages: [Page], runner: GitRunner, today: Day, raw: GitLog.Raw? = nil, detailed: Set<String>? = nil,
                     latest: Int = Settings.defaultRecentChanges) -> SiteHistory {
        let reading = raw ?? GitLog(runner: runner).readRaw(content: content)
        let history = GitLog.history(from: reading, paths: Set(pages.map(\.path)))
        guard !history.revisions.isEmpty else { return SiteHistory(history: history, blobs: [:]) }
        let since = today.adding(days: -recentDays)
        let floor = oldestOfLatest(pages.lazy.map { history.revisions[$0.path] ?? [] }, latest: latest, today: today)
        // The revisions each page shows in detail: the newest ones and the one before each (for their
        // diffs), plus every recent change and its predecessor.
        var wanted: [(page: Page, revisions: [Revision], indices: [Int])] = []
        for page in pages where detailed?.contains(page.path) ?? true {
            let revisions = history.revisions[page.path] ?? []
            guard revisions.count >= 2 else { continue }
            var indices = Set(0..<min(revisions.count, detailedRevisions + 1))
            for index in revisions.indices where (revisions[index].date >= since || floor.map { revisions[index].timestamp >= $0 } ?? true) && !revisions[index].isEditorial {
                indices.insert(index)
                if index + 1 < revisions.count { indices.insert(index + 1) }
            }
            wanted.append((page, revisions, indices.sorted(by: >)))
        }
        // The newest committed version of an unchanged file is the file itself: read on every core, not asked of git.
        let current = wanted.parallelMap { entry -> String? in
            guard entry.indices.last == 0, isObjectName(entry.revisions[0].blob), !history.uncommitted.contains(entry.page.path) else { return nil }
            return FileReader.bytes(atPath: "\(content)/\(entry.page.path)").map { String(decoding: $0, as: UTF8.self) }
        }
        var requests: [String] = []
        var asked = Set<String>()
        var blobs: [String: String] = [:]
        for (entry, text) in zip(wanted, current) {
            if let text { blobs[entry.revisions[0].blob] = text }
            // Oldest first, so git rebuilds each version from the one it has just rebuilt. By blob name: a
            // `commit:path` would make git read the commit's trees for every version.
            for index in entry.indices where !(index == 0 && text != nil) {
                let blob = entry.revisions[index].blob
                if Self.isObjectName(blob), blobs[blob] == nil, asked.insert(blob).inserted { requests.append(blob) }
            }
        }
        let contents = BlobReader(runner: runner).read(requests, content: content, parts: ProcessInfo.processInfo.activeProcessorCount)
        for (request, bytes) in zip(requests, contents) {
            if let bytes { blobs[request] = String(decoding: bytes, as: UTF8.self) }
        }
        return SiteHistory(history: history, blobs: blobs)
    }

    /// The timestamp of the `latest`-th newest substantive change of these revision lists up to `today`
    /// (nil when there are fewer): what is as new as it is shown on the changes page even when older than 90 days.
    static func oldestOfLatest(_ lists: some Sequence<[Revision]>, latest: Int, today: Day) -> String? {
        var stamps: [String] = []
        for revisions in lists { for revision in revisions where !revision.isEditorial && revision.date <= today { stamps.append(revision.timestamp) } }
        guard stamps.count > latest else { return nil }
        stamps.sort(by: >)
        return stamps[latest - 1]
    }

    /// A blob name git gave (not empty, not the all-zero name of a deleted file).
    static func isObjectName(_ blob: String) -> Bool {
        !blob.isEmpty && blob.utf8.contains { $0 != UInt8(ascii: "0") }
    }

    /// The word diff of a revision against the one before it (nil for the first version or a missing blob).
    func diff(_ revisions: [Revision], at index: Int) -> WordDiff? {
        guard index + 1 < revisions.count, let new = blob(revisions[index]), let old = blob(revisions[index + 1]) else { return nil }
        return WordDiff(old: old, new: new)
    }
}
