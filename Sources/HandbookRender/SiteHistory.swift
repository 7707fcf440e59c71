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
    /// File contents by blob name, of the versions a history page renders as they were (`keepingRaw`): the
    /// others are known by their readable text alone (the versions only `history.json` lists).
    public let blobs: [String: String]
    /// What a reader sees of each version read, by blob name: the front matter's lines as written, then
    /// the body's rendered text (links as their text, each paragraph and list item on its own line). Diffs
    /// compare these, not the Markdown. See `readableText(_:language:)`.
    private let readable: [String: String]
    /// A version that pages of several languages read (two files with one text: a translation just copied
    /// from its source) has a readable text per language (each with its language's quotes), by `blob␟language`.
    private let readableInLanguage: [String: String]
    private let readInLanguages: Set<String>
    /// The versions that are a page's current file, read by no other page: their readable text is the
    /// front matter's lines and the page's own plain text, so neither the file nor a second rendering of it
    /// is kept (on 10,000 pages, with the versions' files dropped, the build's peak went from 572 MB to 452–458 MB).
    private let ownBodies: [String: OwnBody]

    /// A current file's readable text, from the page loaded from it.
    public struct OwnBody: Sendable {
        /// The front matter's lines and a blank line, or nothing.
        let prefix: String
        let page: Page

        /// - Parameter file: the page's file (UTF-8, no byte-order mark, no carriage return: as the loader read it).
        init(file: String, page: Page) {
            let yaml = FrontMatterSplitter.parts(of: file).yaml
            prefix = yaml.flatMap { $0.isEmpty ? nil : String($0).trimmingCharacters(in: .newlines) + "\n\n" } ?? ""
            self.page = page
        }

        var text: String { prefix + page.body.plainText }
    }

    /// - Parameter keepingRaw: the blobs whose file contents are kept beside their readable text (all when nil).
    /// - Parameter ownBodies: versions known by the pages loaded from them, not in `blobs`.
    /// - Parameter languages: the languages of the pages that read each blob.
    public init(history: HandbookHistory, blobs: [String: String], languages: [String: Set<String>] = [:], keepingRaw: Set<String>? = nil,
                ownBodies: [String: OwnBody] = [:]) {
        self.history = history
        self.blobs = keepingRaw.map { keep in blobs.filter { keep.contains($0.key) } } ?? blobs
        self.ownBodies = ownBodies
        let renderer = MarkdownRenderer()
        let entries = Array(blobs)
        let texts = entries.parallelMap { entry -> [String?: String] in
            let read = languages[entry.key] ?? []
            let wanted: [String?] = read.count > 1 ? read.sorted() : [read.first]
            return Dictionary(uniqueKeysWithValues: wanted.map { ($0, SiteHistory.readableText(entry.value, renderer: renderer, language: $0)) })
        }
        var readable: [String: String] = [:], inLanguage: [String: String] = [:]
        for (entry, byLanguage) in zip(entries, texts) {
            if byLanguage.count == 1, let text = byLanguage.values.first {
                readable[entry.key] = text
            } else {
                for (language, text) in byLanguage { inLanguage[Self.key(entry.key, language ?? "")] = text }
            }
        }
        self.readable = readable
        readableInLanguage = inLanguage
        readInLanguages = Set(zip(entries, texts).filter { $0.1.count > 1 }.map(\.0.key))
    }

    private static func key(_ blob: String, _ language: String) -> String { blob + "\u{1F}" + language }

    public static func readableText(_ file: String, renderer: MarkdownRenderer, language: String?) -> String {
        let (yaml, body) = FrontMatterSplitter.parts(of: file)
        let text = renderer.render(body, path: "", lineOffset: 0, titleFromHeading: false, language: language).plainText
        guard let yaml, !yaml.isEmpty else { return text }
        return String(yaml).trimmingCharacters(in: .newlines) + "\n\n" + text
    }

    /// What a reader sees of a version (see `readable`) in a page of `language`, when it was read.
    public func readableText(_ blob: String, language: String) -> String? {
        readable[blob] ?? readableInLanguage[Self.key(blob, language)] ?? ownBodies[blob]?.text
    }

    public static let none = SiteHistory(history: .unavailable, blobs: [:])

    /// The revisions without the old versions' texts (the search shows versions, and needs no texts).
    public var withoutOldVersions: SiteHistory {
        readable.isEmpty && ownBodies.isEmpty && readableInLanguage.isEmpty ? self : SiteHistory(history: history, blobs: [:])
    }

    public var isAvailable: Bool {
        if case .unavailable = history.state { return false }
        return true
    }

    public func revisions(_ page: Page) -> [Revision] { history.revisions[page.path] ?? [] }

    /// The file as it was at a revision, when a history page renders it (see `blobs`).
    public func blob(_ revision: Revision) -> String? {
        blobs[revision.blob]
    }

    /// Whether the version of a revision was read (its readable text is known).
    public func hasVersion(_ revision: Revision) -> Bool {
        readable[revision.blob] != nil || ownBodies[revision.blob] != nil || readInLanguages.contains(revision.blob)
    }

    /// Whether a history page shows a page's newest revision as the page's own body (already rendered from
    /// the same text with the same links) rather than by rendering that version's file: when it is the file
    /// committed as it is, unless its leading heading became the title (a link to a draft, which the loader
    /// resolves and a history renderer leaves, is broken either way).
    public static func showsOwnBody(_ revision: Revision, of page: Page, in history: HandbookHistory) -> Bool {
        !history.uncommitted.contains(page.path) && history.contentPath(revision.path) == page.path
            && (page.frontMatter.title != nil || page.body.leadingTitle == nil)
    }

    /// Reads the history of the pages in one `git log` pass and the old versions they need in one batch.
    /// - Parameter detailed: the pages whose history pages will be rendered (all when nil): only theirs need old versions.
    /// - Parameter latest: the changes page shows at least this many changes, however old: their versions are read too.
    /// - Parameter log: the revisions, when already read from the log (`revisions(content:pages:runner:raw:)`).
    /// - Parameter recentOfAll: the changes page is rendered too: the recent changes of every page (outside `detailed`
    ///   too) and their predecessors are read, for its word counts.
    /// - Parameter keepingEveryFile: keep the file contents of every version read, not only of those the history pages of
    ///   these `pages` render as they were (the preview server: an edit may change whether a page's body shows its newest version).
    public static func read(content: String, pages: [Page], runner: GitRunner, today: Day, raw: GitLog.Raw? = nil, log: HandbookHistory? = nil,
                     detailed: Set<String>? = nil, recentOfAll: Bool = false, latest: Int = Settings.defaultRecentChanges,
                     keepingEveryFile: Bool = false) -> SiteHistory {
        let history = log ?? revisions(content: content, pages: pages, runner: runner, raw: raw).history
        guard !history.revisions.isEmpty else { return SiteHistory(history: history, blobs: [:]) }
        var languages: [String: Set<String>] = [:]
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
        let uses: [String: Int] = {
            var uses: [String: Int] = [:]
            for entry in wanted { for index in entry.indices { uses[entry.revisions[index].blob, default: 0] += 1 } }
            return uses
        }()
        // The newest committed version of an unchanged file is the file itself: read on every core, not asked of git.
        // When the page's body shows that version and no other page reads it, the page stands for it.
        let current = wanted.parallelMap { entry -> CurrentFile? in
            guard entry.indices.last == 0, isObjectName(entry.revisions[0].blob), !history.uncommitted.contains(entry.page.path),
                  let bytes = FileReader.bytes(atPath: "\(content)/\(entry.page.path)") else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            let asLoaded = !bytes.starts(with: [0xEF, 0xBB, 0xBF]) && !bytes.contains(13) && text.utf8.count == bytes.count
            if !keepingEveryFile, asLoaded, uses[entry.revisions[0].blob] == 1, showsOwnBody(entry.revisions[0], of: entry.page, in: history) {
                return .ownBody(OwnBody(file: text, page: entry.page))
            }
            return .file(text)
        }
        var requests: [String] = []
        var asked = Set<String>()
        var blobs: [String: String] = [:]
        var ownBodies: [String: OwnBody] = [:]
        // The versions a history page renders as they were: the detailed ones, but the newest when the page's own body shows it.
        var raw: Set<String> = []
        for (entry, read) in zip(wanted, current) {
            switch read {
            case .file(let file): blobs[entry.revisions[0].blob] = file
            case .ownBody(let body): ownBodies[entry.revisions[0].blob] = body
            case nil: break
            }
            for index in entry.indices { languages[entry.revisions[index].blob, default: []].insert(entry.page.language) }
            for index in entry.indices where index < detailedRevisions && !(index == 0 && showsOwnBody(entry.revisions[0], of: entry.page, in: history)) {
                raw.insert(entry.revisions[index].blob)
            }
            // Oldest first, so git rebuilds each version from the one it has just rebuilt. By blob name: a
            // `commit:path` would make git read the commit's trees for every version.
            for index in entry.indices where !(index == 0 && read != nil) {
                let blob = entry.revisions[index].blob
                if Self.isObjectName(blob), blobs[blob] == nil, asked.insert(blob).inserted { requests.append(blob) }
            }
        }
        let contents = BlobReader(runner: runner).read(requests, content: content, parts: ProcessInfo.processInfo.activeProcessorCount)
        for (request, bytes) in zip(requests, contents) {
            if let bytes { blobs[request] = String(decoding: bytes, as: UTF8.self) }
        }
        let read = SiteHistory(history: history, blobs: blobs, languages: languages, keepingRaw: keepingEveryFile ? nil : raw, ownBodies: ownBodies)
        blobs = [:]
        FreeMemory.returnToSystem()
        return read
    }

    private enum CurrentFile: Sendable {
        case file(String)
        case ownBody(OwnBody)
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
    public func diff(_ revisions: [Revision], at index: Int, language: String) -> WordDiff? {
        guard index + 1 < revisions.count, let new = readableText(revisions[index].blob, language: language),
              let old = readableText(revisions[index + 1].blob, language: language) else { return nil }
        return WordDiff(old: old, new: new)
    }
}
