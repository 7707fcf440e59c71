import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel

/// The history of every page, read once for the build: revisions from one `git log` pass and the old
/// versions the history pages show, from one `git cat-file --batch`.
public struct SiteHistory: Sendable {
    /// How many of a page's newest revisions get a word diff and a view of the page as it was.
    public static let detailedRevisions = 5
    /// How many revisions a history page lists and `history.json` gives the text of (all of them are in `history.json`).
    public static let listedRevisions = 100
    /// How far back the changes page and the feed look.
    public static let recentDays = 90

    public let history: HandbookHistory
    /// Old file contents by blob name.
    public let blobs: [String: String]
    /// What a reader sees of each of those versions, by blob name: the front matter's lines as written, then
    /// the body's rendered text (links as their text, each paragraph and list item on its own line). Diffs
    /// compare these, not the Markdown.
    public let readable: [String: String]

    public init(history: HandbookHistory, blobs: [String: String], languages: [String: String] = [:]) {
        self.history = history
        self.blobs = blobs
        let renderer = MarkdownRenderer()
        let entries = Array(blobs)
        let texts = entries.parallelMap { entry in SiteHistory.readableText(entry.value, renderer: renderer, language: languages[entry.key]) }
        readable = Dictionary(uniqueKeysWithValues: zip(entries.map(\.key), texts))
    }

    public static func readableText(_ file: String, renderer: MarkdownRenderer, language: String?) -> String {
        let (yaml, body) = FrontMatterSplitter.parts(of: file)
        let text = renderer.render(body, path: "", lineOffset: 0, titleFromHeading: false, language: language).plainText
        guard let yaml, !yaml.isEmpty else { return text }
        return String(yaml).trimmingCharacters(in: .newlines) + "\n\n" + text
    }

    public static let none = SiteHistory(history: .unavailable, blobs: [:])

    /// The revisions without the old versions' texts (the search shows versions, and needs no texts).
    public var withoutOldVersions: SiteHistory { blobs.isEmpty ? self : SiteHistory(history: history, blobs: [:]) }

    public var isAvailable: Bool {
        if case .unavailable = history.state { return false }
        return true
    }

    public func revisions(_ page: Page) -> [Revision] { history.revisions[page.path] ?? [] }

    public func blob(_ revision: Revision) -> String? {
        blobs[revision.blob]
    }

    /// Reads the history of the pages in one `git log` pass and the old versions they need in one batch.
    /// - Parameter detailed: the pages whose history pages will be rendered (all when nil): only theirs need old versions.
    /// - Parameter latest: the changes page shows at least this many changes, however old: their versions are read too.
    /// - Parameter log: the revisions, when already read from the log (`revisions(content:pages:runner:raw:)`).
    /// - Parameter recentOfAll: the changes page is rendered too: the recent changes of every page (outside `detailed`
    ///   too) and their predecessors are read, for its word counts.
    public static func read(content: String, pages: [Page], runner: GitRunner, today: Day, raw: GitLog.Raw? = nil, log: HandbookHistory? = nil,
                     detailed: Set<String>? = nil, recentOfAll: Bool = false, latest: Int = Settings.defaultRecentChanges) -> SiteHistory {
        let history = log ?? revisions(content: content, pages: pages, runner: runner, raw: raw).history
        guard !history.revisions.isEmpty else { return SiteHistory(history: history, blobs: [:]) }
        var languages: [String: String] = [:]
        let since = today.adding(days: -recentDays)
        // Each language's changes page shows at least its `latest` changes: the oldest of the languages' floors (a
        // language's own pages count fewer changes than all pages together, so its floor is the older one).
        let floor: String? = {
            var oldest: String?
            for language in Set(pages.map(\.language)) {
                let own = pages.lazy.filter { $0.language == language }.map { history.revisions[$0.path] ?? [] }
                guard let floor = oldestOfLatest(own, latest: latest, today: today) else { return nil }
                oldest = min(oldest ?? floor, floor)
            }
            return oldest
        }()
        // The revisions each page shows in detail: the newest ones and the one before each (for their
        // diffs), plus every recent change and its predecessor.
        var wanted: [(page: Page, revisions: [Revision], indices: [Int])] = []
        for page in pages {
            let isDetailed = detailed?.contains(page.path) ?? true
            guard isDetailed || recentOfAll else { continue }
            let revisions = history.revisions[page.path] ?? []
            guard !revisions.isEmpty else { continue }
            // Every listed revision's text: `history.json` carries them for the comparison of any two
            // versions, `?at=` and the "changed since you read it" notice.
            var indices = isDetailed ? Set(0..<min(revisions.count, max(listedRevisions, detailedRevisions + 1))) : []
            for index in revisions.indices where (revisions[index].date >= since || floor.map { revisions[index].timestamp >= $0 } ?? true) && !revisions[index].isEditorial {
                indices.insert(index)
                if index + 1 < revisions.count { indices.insert(index + 1) }
            }
            if !indices.isEmpty { wanted.append((page, revisions, indices.sorted(by: >))) }
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
            for index in entry.indices { languages[entry.revisions[index].blob] = entry.page.language }
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
        return SiteHistory(history: history, blobs: blobs, languages: languages)
    }

    /// The revisions of every page, without old versions: enough to know what pages a build renders.
    public static func revisions(content: String, pages: [Page], runner: GitRunner, raw: GitLog.Raw?) -> SiteHistory {
        let reading = raw ?? GitLog(runner: runner).readRaw(content: content)
        return SiteHistory(history: GitLog.history(from: reading, paths: Set(pages.map(\.path))), blobs: [:])
    }

    /// The timestamp of the `latest`-th newest substantive commit of these revision lists up to `today`
    /// (nil when there are fewer): what is as new as it is shown on the changes page even when older than 90 days.
    public static func oldestOfLatest(_ lists: some Sequence<[Revision]>, latest: Int, today: Day) -> String? {
        // Counted by commit: one commit that touched 42 pages is one change.
        var commits: [String: String] = [:]
        for revisions in lists { for revision in revisions where !revision.isEditorial && revision.date <= today { commits[revision.commit] = revision.timestamp } }
        guard commits.count > latest else { return nil }
        return commits.values.sorted(by: >)[latest - 1]
    }

    /// A blob name git gave (not empty, not the all-zero name of a deleted file).
    public static func isObjectName(_ blob: String) -> Bool {
        !blob.isEmpty && blob.utf8.contains { $0 != UInt8(ascii: "0") }
    }

    /// The word diff of a revision against the one before it (nil for the first version or a missing blob).
    public func diff(_ revisions: [Revision], at index: Int) -> WordDiff? {
        guard index + 1 < revisions.count, let new = readable[revisions[index].blob], let old = readable[revisions[index + 1].blob] else { return nil }
        return WordDiff(old: old, new: new)
    }
}
