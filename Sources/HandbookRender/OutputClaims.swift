import HandbookModel
import HandbookOutput

/// Every file the site will write, and who asks for it: a content page, a content file copied as it is,
/// or a page the tool makes (lists, people, search, feeds). Two claims on one path would overwrite each
/// other in an order nobody chose, so each is a finding naming both (`output-collision`), found by
/// `check` before anything is written.
public struct OutputClaims {
    public enum Source: Equatable, Sendable {
        case page(String)
        case historyOf(String)
        case asset(String)
        case generated(String)

        var file: String? {
            switch self {
            case .page(let path), .historyOf(let path), .asset(let path): path
            case .generated: nil
            }
        }

        var text: String {
            switch self {
            case .page(let path): path
            case .historyOf(let path): "the history of \(path)"
            case .asset(let path): "the file \(path)"
            case .generated(let what): what
            }
        }
    }

    /// A page as its claims see it: all a claim is made of.
    fileprivate struct PageClaimant: Hashable, Sendable {
        var path: String
        var kind: Kind
        var id: String
        var language: String

        init(_ page: Page) {
            path = page.path; kind = page.kind; id = page.id; language = page.language
        }

        /// Pages that share kind, id and language are already `duplicate-id`: only the first of them claims.
        var key: String { "\(kind.rawValue)\u{0}\(id)\u{0}\(language)" }
        /// A plain page whose address a history page would take changes other pages' history folders.
        var movesHistoryFolders: Bool { kind == .page && (id == "history" || id.hasSuffix("/history")) }
    }

    /// The inputs of the last `findings` and what it found: the preview server checks the claims after every
    /// save, and an edit of a page's text changes none of them (on 10,000 pages they took a third of an edit).
    fileprivate struct Inputs: Equatable, Sendable {
        var settings: Settings
        var people: [String]
        /// Each page's path, kind, id and language, in the handbook's order.
        var pages: [PageClaimant]
        var assets: [String]
        var themeAssets: [String]

        init(_ handbook: Handbook, themeAssets: [String]) {
            settings = handbook.settings
            people = handbook.people.map(\.id)
            pages = handbook.pages.map(PageClaimant.init)
            assets = handbook.assets
            self.themeAssets = themeAssets
        }

        /// Everything but the pages is the same.
        func samePlaces(as other: Inputs) -> Bool {
            settings == other.settings && people == other.people && assets == other.assets && themeAssets == other.themeAssets
        }
    }

    /// The last check: its inputs, its findings, and (kept to check a page added or removed alone) every
    /// claim by path, every folder a claim is inside, and how many pages have each key. The preview server
    /// keeps one from save to save.
    public struct Memo: Sendable {
        fileprivate var inputs: Inputs
        fileprivate var findings: [Diagnostic]
        fileprivate var claims: [String: Source]
        fileprivate var folders: Set<String>
        fileprivate var keys: [String: Int]
    }

    /// - Parameter themeAssets: the theme's asset paths (`assets/style.HASH.css`), which content may not take.
    public static func findings(_ handbook: Handbook, themeAssets: [String]) -> [Diagnostic] {
        compute(handbook, inputs: Inputs(handbook, themeAssets: themeAssets)).findings
    }

    /// The same findings, with the last check's `memo` (updated here): the same inputs give its findings
    /// again (a text edit changes no claim: on 10,000 pages they were a third of an edit), and a page added
    /// or removed where nothing collided has only its own claims checked against the others'.
    public static func findings(_ handbook: Handbook, themeAssets: [String], memo: inout Memo?) -> [Diagnostic] {
        let inputs = Inputs(handbook, themeAssets: themeAssets)
        if let memo, memo.inputs == inputs { return memo.findings }
        let next = memo.flatMap { updated($0, to: inputs, handbook) } ?? compute(handbook, inputs: inputs)
        memo = next
        return next.findings
    }

    /// The memo for `inputs` when they differ from its own by a few pages added or removed, none of them
    /// colliding with another claim (nil otherwise: `compute` decides, and names who collides with whom).
    /// With no collision, which page claims first does not matter; a removed page's claims are free again
    /// unless another page shares its key (that one would claim them: computed whole).
    private static func updated(_ memo: Memo, to inputs: Inputs, _ handbook: Handbook) -> Memo? {
        guard memo.findings.isEmpty, inputs.samePlaces(as: memo.inputs) else { return nil }
        guard let (removed, added) = differences(memo.inputs.pages, inputs.pages) else { return nil }
        guard removed.count + added.count <= 64, !removed.contains(where: \.movesHistoryFolders), !added.contains(where: \.movesHistoryFolders)
        else { return nil }
        let urls = SiteURLs(settings: handbook.settings)
        let historyNamed = urls.historyNamedPageFolders(handbook.pages)
        let prefixes = generatedPrefixes(handbook.settings, urls)
        var next = memo
        next.inputs = inputs
        for page in removed {
            guard next.keys[page.key] == 1 else { return nil }
            next.keys[page.key] = nil
            for (path, source) in claims(of: page, urls, historyNamed) where next.claims[path] == source { next.claims[path] = nil }
        }
        // (The folders of removed claims stay: a later claim of one of them is computed whole, which is right, if slower.)
        for page in added.sorted(by: { $0.path < $1.path }) {
            guard next.keys[page.key] == nil else { return nil }
            next.keys[page.key] = 1
            for (path, source) in claims(of: page, urls, historyNamed) {
                guard next.claims[path] == nil, !next.folders.contains(path), !prefixes.contains(where: { path.hasPrefix($0.0) }) else { return nil }
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    if next.claims[String(folder)] != nil { return nil }
                    next.folders.insert(String(folder))
                }
                next.claims[path] = source
            }
        }
        return next
    }

    /// The claimants only in `old` and only in `new`, walking both in path order (making a set of each of
    /// 10,000 claimants was most of a page added's claims); nil when either is not sorted by path.
    private static func differences(_ old: [PageClaimant], _ new: [PageClaimant]) -> (removed: [PageClaimant], added: [PageClaimant])? {
        var removed: [PageClaimant] = [], added: [PageClaimant] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i > 0, i < old.count, old[i - 1].path >= old[i].path { return nil }
            if j > 0, j < new.count, new[j - 1].path >= new[j].path { return nil }
            if j == new.count || (i < old.count && old[i].path < new[j].path) {
                removed.append(old[i]); i += 1
            } else if i == old.count || new[j].path < old[i].path {
                added.append(new[j]); j += 1
            } else {
                if old[i] != new[j] { removed.append(old[i]); added.append(new[j]) }
                i += 1; j += 1
            }
        }
        return (removed, added)
    }

    /// The folders whose every file the site makes (search index, briefing packs, self-checks, audiences).
    private static func generatedPrefixes(_ settings: Settings, _ urls: SiteURLs) -> [(String, Source)] {
        settings.languages.flatMap { language -> [(String, Source)] in
            let prefix = urls.languagePrefix(language)
            let what = { (name: String) in Source.generated("the \(name)\(language == settings.defaultLanguage ? "" : " (\(language))")") }
            return [(urls.searchIndexFolder(language), what("search index")), (prefix + "briefing/", what("briefing packs")),
                    (prefix + "self-check/", what("self-checks")), (prefix + "audiences/", what("audience pages"))]
        }
    }

    /// A page's three claims: its page, its history page and its `history.json` (none for the home page's own text).
    private static func claims(of page: PageClaimant, _ urls: SiteURLs, _ historyNamed: Set<String>) -> [(String, Source)] {
        if page.kind == .page && page.id == "index" { return [] }
        let folder = urls.folder(kind: page.kind, id: page.id, language: page.language)
        return [(folder + "index.html", .page(page.path)),
                (urls.historyFolder(kind: page.kind, id: page.id, language: page.language, pageFolders: historyNamed) + "index.html", .historyOf(page.path)),
                (folder + "history.json", .historyOf(page.path))]
    }

    private static func compute(_ handbook: Handbook, inputs: Inputs) -> Memo {
        let urls = SiteURLs(settings: handbook.settings)
        var claims: [String: Source] = [:]
        let prefixes = generatedPrefixes(handbook.settings, urls)
        var findings: [Diagnostic] = []
        // Generated pages first: content that meets one of them is the one reported.
        for language in handbook.settings.languages {
            let prefix = urls.languagePrefix(language)
            let what = { (name: String) in Source.generated("the \(name)\(language == handbook.settings.defaultLanguage ? "" : " (\(language))")") }
            claims[prefix + "index.html"] = what("home page")
            for kind in Kind.structured { claims[prefix + "\(kind.folder ?? "")/index.html"] = what("list of \(kind.rawValue) pages") }
            claims[prefix + "people/index.html"] = what("people page")
            claims[prefix + "reviews-due/index.html"] = what("reviews due page")
            for person in handbook.people { claims[prefix + "people/\(person.id)/index.html"] = what("page of \(person.id) from people.yml") }
            claims[prefix + "changes/index.html"] = what("changes page")
            claims[prefix + "feed.xml"] = what("Atom feed")
            claims[prefix + "search/index.html"] = what("search page")
            claims[prefix + "a-z/index.html"] = what("A–Z page")
            claims[prefix + "versions.json"] = what("list of versions")
            claims[prefix + "acknowledgements/index.html"] = what("acknowledgements page")
            claims[prefix + "acknowledgements.csv"] = what("acknowledgements table")
        }
        claims["404.html"] = .generated("the 404 page")
        claims["sitemap.xml"] = .generated("the sitemap")
        claims[AtomicPublisher.marker] = .generated("the marker of a built site")
        for asset in inputs.themeAssets { claims[asset] = .generated("the theme's \(asset)") }

        func claim(_ path: String, _ source: Source, at location: SourceLocation) {
            if let owner = claims[path] ?? prefixes.first(where: { path.hasPrefix($0.0) })?.1 {
                let hint = owner.file == nil ? "rename or move \(location.file): that address belongs to the site" : "rename or move one of the two files"
                findings.append(Diagnostic(.outputCollision, at: location, "\(source.text) would be written to \(path), which is also \(owner.text)", hint: hint))
                return
            }
            claims[path] = source
        }
        var keys: [String: Int] = [:]
        let historyNamed = urls.historyNamedPageFolders(handbook.pages)
        for page in inputs.pages.sorted(by: { $0.path < $1.path }) {
            keys[page.key, default: 0] += 1
            // Pages that share kind, id and language are already `duplicate-id`: only the first of them claims.
            guard keys[page.key] == 1 else { continue }
            let location = SourceLocation(file: page.path)
            for (path, source) in Self.claims(of: page, urls, historyNamed) { claim(path, source, at: location) }
        }
        for asset in handbook.assets.sorted() {
            claim(asset, .asset(asset), at: SourceLocation(file: asset))
        }
        // A file where another claim needs a folder (`feed.xml.md` makes `feed.xml/index.html`).
        var folders: [String: String] = [:]
        for path in claims.keys.sorted() {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if folders[String(folder)] == nil { folders[String(folder)] = path }
            }
        }
        for (path, source) in claims.sorted(by: { $0.key < $1.key }) {
            guard let inside = folders[path], let other = claims[inside] else { continue }
            // Reported at a content file: the one that is the file, else the one that needs the folder.
            let (reported, named) = source.file != nil ? (source, other) : (other, source)
            guard let file = reported.file else { continue }
            findings.append(Diagnostic(.outputCollision, at: SourceLocation(file: file),
                                       "\(reported.text) and \(named.text) need \(path) to be both a file and a folder",
                                       hint: "rename or move \(file)"))
        }
        return Memo(inputs: inputs, findings: findings, claims: claims, folders: Set(folders.keys), keys: keys)
    }
}
