import HandbookHistory
import HandbookModel
import HandbookRender

/// What planning needs to know of one state of the site, and all the build cache keeps of it: per page,
/// what other pages show of it (its listing signature) and which entities' pages show it, the people
/// whose pages list it, the pages it links to and the files it writes; the languages, people and assets.
/// Only the pages that are built are in it (drafts are not, unless drafts are built).
public struct SiteIndex: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        /// `ListingSignature.stableHash`: equal when nothing other pages show of the page changed.
        public var signature: UInt64
        public var key: PageKey
        public var language: String
        /// The home page's intro (`index.md`): its text is part of the home page.
        public var isHomeIntro: Bool
        /// The entities whose pages show something of this page (`RelatedPages.keys(showing:in:)`).
        public var related: [PageKey]
        /// The people whose pages list it.
        public var people: [String]
        /// The content paths its links point to.
        public var links: [String]
        /// The files its own jobs write.
        public var outputs: [String]
        /// A hash of its revisions (commits, in git's order) and whether its file is uncommitted: equal when a
        /// new commit did not touch it.
        public var history: UInt64 = 0
    }

    public var pages: [String: Entry]
    public var languages: [String]
    /// Person ids, in the order of people.yml.
    public var people: [String]
    public var hasHistory: Bool
    public var fingerprinted: Bool
    /// Output paths of the theme's assets and of the content folder's files.
    public var themeAssets: Set<String>
    public var contentAssets: Set<String>

    /// Content paths by entity, derived.
    private(set) var pathsByKey: [PageKey: [String]] = [:]

    public init(pages: [String: Entry], languages: [String], people: [String], hasHistory: Bool, fingerprinted: Bool, themeAssets: Set<String>,
         contentAssets: Set<String>) {
        self.pages = pages
        self.languages = languages
        self.people = people
        self.hasHistory = hasHistory
        self.fingerprinted = fingerprinted
        self.themeAssets = themeAssets
        self.contentAssets = contentAssets
        var byKey: [PageKey: [String]] = [:]
        for (path, entry) in pages { byKey[entry.key, default: []].append(path) }
        pathsByKey = byKey.mapValues { $0.sorted() }
    }

    /// The index of a render setup.
    /// - Parameter reusing: an earlier index whose entries still hold for every page but `except` (the
    ///   preview server's edits of page text alone, whose relations it reuses).
    /// - Parameter signatures: listing signatures known for these pages (a page's signature is a function of
    ///   its file and the settings: the build cache passes the last build's for files that did not change).
    /// - Parameter pageSetChanged: `except` holds pages added or removed (and may hold pages whose relations
    ///   changed): the entries of every page that shows them are made again too (`affected(by:earlier:setup:)`).
    public init(_ setup: SiteRender, contentAssets: [String], fingerprinted: Bool, reusing earlier: SiteIndex? = nil, except edited: Set<String> = [],
                pageSetChanged: Bool = false, signatures: [String: UInt64] = [:]) {
        if let earlier, pageSetChanged,
           let updated = SiteIndex(updating: earlier, setup, cameOrWent: edited, contentAssets: contentAssets, fingerprinted: fingerprinted) {
            self = updated
            return
        }
        if let earlier, !pageSetChanged, let updated = SiteIndex(updating: earlier, setup, edited: edited, contentAssets: contentAssets,
                                                                  fingerprinted: fingerprinted, signatures: signatures) {
            self = updated
            return
        }
        let pages = setup.pages
        let shownBy = Self.shownByOwnFields(pages)
        let entries = pages.parallelMap { page -> Entry? in
            if let earlier, !edited.contains(page.path), let entry = earlier.pages[page.path] { return entry }
            return Self.entry(page, setup: setup, signature: signatures[page.path], shownBy: shownBy[page.key] ?? [])
        }
        var byPath: [String: Entry] = [:]
        for (page, entry) in zip(pages, entries) { byPath[page.path] = entry }
        self.init(pages: byPath, languages: setup.site.settings.languages, people: setup.site.peopleOrder.map(\.id),
                  hasHistory: setup.history.isAvailable, fingerprinted: fingerprinted, themeAssets: Set(setup.site.theme.assets.map(\.path)),
                  contentAssets: Set(contentAssets))
    }

    /// An earlier index with the entries of the edited pages made again, when the pages are the same files:
    /// the preview server's edit of one page no longer copies and looks over every entry (on 10,000 pages, a
    /// fifth of a text edit's time went there). An edited page's entities are those of its earlier entry: an
    /// edit reused this way keeps what relates it to other pages (`RelationSignature.entities`).
    private init?(updating earlier: SiteIndex, _ setup: SiteRender, edited: Set<String>, contentAssets: [String], fingerprinted: Bool,
                  signatures: [String: UInt64]) {
        let pages = setup.pages
        guard earlier.pages.count == pages.count, pages.indices.allSatisfy({ earlier.pages[pages[$0].path] != nil }) else { return nil }
        var entries = earlier.pages
        for path in edited {
            guard let old = entries[path], let page = setup.page(at: path) else { return nil }
            entries[path] = Self.entry(page, setup: setup, signature: signatures[path], shownBy: Set(old.related))
        }
        self.pages = entries
        languages = setup.site.settings.languages
        people = setup.site.peopleOrder.map(\.id)
        hasHistory = setup.history.isAvailable
        self.fingerprinted = fingerprinted
        themeAssets = Set(setup.site.theme.assets.map(\.path))
        self.contentAssets = Set(contentAssets)
        pathsByKey = earlier.pathsByKey
    }

    /// An earlier index after pages came or went (the preview server's page added or removed): the entries
    /// of the pages gone are dropped, and those of the pages added and of every page that shows something
    /// of a changed page, before or after, are made again; the others are kept. On 10,000 pages, making every
    /// entry again was a sixth of a page added (most of it asking each briefing which principles it is about).
    /// Nil when some built page has no entry either way (the caller makes the index whole).
    private init?(updating earlier: SiteIndex, _ setup: SiteRender, cameOrWent changed: Set<String>, contentAssets: [String], fingerprinted: Bool) {
        let pages = setup.pages
        let shownBy = Self.shownByOwnFields(pages)
        var entries = earlier.pages
        for path in changed where setup.page(at: path) == nil { entries[path] = nil }
        for path in Self.affected(by: changed, earlier: earlier, setup: setup) {
            guard let page = setup.page(at: path) else { continue }
            entries[path] = Self.entry(page, setup: setup, signature: nil, shownBy: shownBy[page.key] ?? [])
        }
        guard entries.count == pages.count, pages.allSatisfy({ entries[$0.path] != nil }) else { return nil }
        self.init(pages: entries, languages: setup.site.settings.languages, people: setup.site.peopleOrder.map(\.id),
                  hasHistory: setup.history.isAvailable, fingerprinted: fingerprinted, themeAssets: Set(setup.site.theme.assets.map(\.path)),
                  contentAssets: Set(contentAssets))
    }

    /// The built pages whose entries may differ after `changed` pages came, went or changed what relates them:
    /// the pages of their entities (a translation's entry reads its default-language page), of the entities
    /// that show them before (their earlier entries' `related`) and after (`RelatedPages.keys(showing:)`), and
    /// the policies of those that are principles (a policy's entry names the briefings asking about its principles).
    static func affected(by changed: Set<String>, earlier: SiteIndex, setup: SiteRender) -> Set<String> {
        let relations = setup.site.relations
        var keys: Set<PageKey> = []
        for path in changed {
            if let old = earlier.pages[path] {
                keys.insert(old.key)
                keys.formUnion(old.related)
            }
            if let page = setup.page(at: path) {
                keys.insert(page.key)
                keys.formUnion(RelatedPages.keys(showing: page, in: relations))
            }
        }
        var policies: Set<PageKey> = []
        for key in keys where key.kind == .principle {
            for path in earlier.paths(of: key) {
                for related in earlier.pages[path]?.related ?? [] where related.kind == .policy { policies.insert(related) }
            }
            for page in (relations.translations[key] ?? [:]).values {
                if case .principle(let fields) = page.frontMatter.fields, let policy = fields.policy?.value { policies.insert(PageKey(kind: .policy, id: policy)) }
            }
        }
        keys.formUnion(policies)
        var paths: Set<String> = Set(changed.filter { setup.page(at: $0) != nil })
        for key in keys {
            for page in (relations.translations[key] ?? [:]).values where setup.page(at: page.path) != nil { paths.insert(page.path) }
        }
        return paths
    }

    /// Who shows a page is decided by its entity's page in the default language (`Relations` reads those):
    /// a translation counts what its own front matter says and what that page says.
    /// The entities whose pages show an entity because their own front matter names it: a translation of an
    /// example that lists a principle its default-language page does not, a principle's translation with
    /// another policy. (`Relations` reads the default-language pages; a page shows what its own file says.)
    private static func shownByOwnFields(_ pages: [Page]) -> [PageKey: Set<PageKey>] {
        var shownBy: [PageKey: Set<PageKey>] = [:]
        for page in pages {
            switch page.frontMatter.fields {
            case .example(let fields):
                for principle in fields.principles { shownBy[PageKey(kind: .principle, id: principle.value), default: []].insert(page.key) }
            case .principle(let fields):
                if let policy = fields.policy?.value { shownBy[PageKey(kind: .policy, id: policy), default: []].insert(page.key) }
            default:
                break
            }
        }
        return shownBy
    }

    private static func entry(_ page: Page, setup: SiteRender, signature: UInt64?, shownBy: Set<PageKey>) -> Entry {
        var links: [String] = []
        for link in page.body.links { if let target = link.targetPath, !links.contains(target) { links.append(target) } }
        let relations = setup.site.relations
        let primary = relations.page(page.key, language: setup.site.settings.defaultLanguage) ?? page
        var related = RelatedPages.keys(showing: page, in: relations)
        var people = RelatedPages.people(of: page)
        related.formUnion(shownBy)
        if primary.path != page.path {
            related.formUnion(RelatedPages.keys(showing: primary, in: relations))
            for person in RelatedPages.people(of: primary) where !people.contains(person) { people.append(person) }
        }
        related.remove(page.key)
        return Entry(signature: signature ?? ListingSignature(page).stableHash, key: page.key, language: page.language, isHomeIntro: SiteRender.isHomeIntro(page),
                     related: related.sorted(), people: people, links: links.sorted(),
                     outputs: setup.jobs(of: page).filter { $0.id != .home(language: page.language) }.flatMap { setup.outputPaths(of: $0) },
                     history: historyHash(page.path, setup.history.history))
    }

    /// What a page shows of its history changes only with its revisions and whether its file is committed.
    static func historyHash(_ path: String, _ history: HandbookHistory) -> UInt64 {
        var text = history.uncommitted.contains(path) ? "u" : "c"
        for revision in history.revisions[path] ?? [] { text += revision.commit }
        return ContentHash.of(text)
    }

    /// The jobs that render a page's own files. The home page's intro in the default language (the first)
    /// is also the intro of every language that has none of its own.
    public func ownJobs(_ path: String) -> [JobID] {
        guard let entry = pages[path] else { return [] }
        var jobs: [JobID] = [entry.isHomeIntro ? .home(language: entry.language) : .page(path)]
        if entry.isHomeIntro, entry.language == languages.first {
            let own = Set((pathsByKey[entry.key] ?? []).compactMap { pages[$0]?.language })
            jobs += languages.filter { !own.contains($0) }.map { .home(language: $0) }
        }
        if hasHistory { jobs.append(.history(path)) }
        if entry.key.kind == .policy {
            jobs += [.briefingPack(entry.key.id, language: entry.language), .selfCheck(entry.key.id, language: entry.language)]
        }
        return jobs
    }

    /// The content paths of an entity's pages (its translations), in order.
    public func paths(of key: PageKey) -> [String] { pathsByKey[key] ?? [] }

    /// The content path of the page that stands for an entity in a language, as `Relations.page` picks it:
    /// its page in that language, else its default-language page, else the first by path.
    public func representative(_ key: PageKey, language: String) -> String? {
        let paths = pathsByKey[key] ?? []
        return paths.first { pages[$0]?.language == language } ?? paths.first { pages[$0]?.language == languages.first } ?? paths.first
    }

    /// The policies whose briefing packs and self-checks show a page's text: a policy's own, a principle's
    /// policy, the policies of an example's or a briefing's principles.
    public func policies(showing path: String) -> Set<String> {
        guard let entry = pages[path] else { return [] }
        switch entry.key.kind {
        case .policy: return [entry.key.id]
        case .principle: return Set(entry.related.filter { $0.kind == .policy }.map(\.id))
        case .example, .faq:
            var policies: Set<String> = []
            for principle in entry.related where principle.kind == .principle {
                for other in pathsByKey[principle] ?? [] {
                    for key in pages[other]?.related ?? [] where key.kind == .policy { policies.insert(key.id) }
                }
            }
            return policies
        case .page: return []
        }
    }
}
