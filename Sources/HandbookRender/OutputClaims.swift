import HandbookModel
import HandbookOutput
import Synchronization

/// Every file the site will write, and who asks for it: a content page, a content file copied as it is,
/// or a page the tool makes (lists, people, search, feeds). Two claims on one path would overwrite each
/// other in an order nobody chose, so each is a finding naming both (`output-collision`), found by
/// `check` before anything is written.
public struct OutputClaims {
    public enum Source: Equatable {
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

    /// The inputs of the last `findings` and what it found: the preview server checks the claims after every
    /// save, and an edit of a page's text changes none of them (on 10,000 pages they took a third of an edit).
    private struct Inputs: Equatable {
        var settings: Settings
        var people: [String]
        /// Each page's path, kind, id and language, in the handbook's order: all a claim is made of.
        var pages: [String]
        var assets: [String]
        var themeAssets: [String]

        init(_ handbook: Handbook, themeAssets: [String]) {
            settings = handbook.settings
            people = handbook.people.map(\.id)
            pages = handbook.pages.map { "\($0.path)\u{0}\($0.kind.rawValue)\u{0}\($0.id)\u{0}\($0.language)" }
            assets = handbook.assets
            self.themeAssets = themeAssets
        }
    }

    private static let memo = Mutex<(Inputs, [Diagnostic])?>(nil)

    /// - Parameter themeAssets: the theme's asset paths (`assets/style.HASH.css`), which content may not take.
    public static func findings(_ handbook: Handbook, themeAssets: [String]) -> [Diagnostic] {
        let inputs = Inputs(handbook, themeAssets: themeAssets)
        if let (known, findings) = memo.withLock({ $0 }), known == inputs { return findings }
        let findings = compute(handbook, themeAssets: themeAssets)
        memo.withLock { $0 = (inputs, findings) }
        return findings
    }

    private static func compute(_ handbook: Handbook, themeAssets: [String]) -> [Diagnostic] {
        let urls = SiteURLs(settings: handbook.settings)
        var claims: [String: Source] = [:]
        var prefixes: [(String, Source)] = []
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
            prefixes.append((urls.searchIndexFolder(language), what("search index")))
            prefixes.append((prefix + "briefing/", what("briefing packs")))
            prefixes.append((prefix + "self-check/", what("self-checks")))
            claims[prefix + "versions.json"] = what("list of versions")
            claims[prefix + "acknowledgements/index.html"] = what("acknowledgements page")
            claims[prefix + "acknowledgements.csv"] = what("acknowledgements table")
            prefixes.append((prefix + "audiences/", what("audience pages")))
        }
        claims["404.html"] = .generated("the 404 page")
        claims["sitemap.xml"] = .generated("the sitemap")
        claims[AtomicPublisher.marker] = .generated("the marker of a built site")
        for asset in themeAssets { claims[asset] = .generated("the theme's \(asset)") }

        func claim(_ path: String, _ source: Source, at location: SourceLocation) {
            if let owner = claims[path] ?? prefixes.first(where: { path.hasPrefix($0.0) })?.1 {
                let hint = owner.file == nil ? "rename or move \(location.file): that address belongs to the site" : "rename or move one of the two files"
                findings.append(Diagnostic(.outputCollision, at: location, "\(source.text) would be written to \(path), which is also \(owner.text)", hint: hint))
                return
            }
            claims[path] = source
        }
        // Pages that share kind, id and language are already `duplicate-id`: only the first of them claims.
        var keys: Set<String> = []
        let historyNamed = urls.historyNamedPageFolders(handbook.pages)
        // Sorted as indices: the pages themselves are not copied.
        let pages = handbook.pages
        for page in pages.indices.sorted(by: { pages[$0].path < pages[$1].path }).lazy.map({ pages[$0] }) {
            guard keys.insert("\(page.kind.rawValue)\u{0}\(page.id)\u{0}\(page.language)").inserted else { continue }
            let folder = urls.folder(kind: page.kind, id: page.id, language: page.language)
            let location = SourceLocation(file: page.path)
            if page.kind == .page && page.id == "index" { continue } // the home page's own text
            claim(folder + "index.html", .page(page.path), at: location)
            claim(urls.historyFolder(kind: page.kind, id: page.id, language: page.language, pageFolders: historyNamed) + "index.html",
                  .historyOf(page.path), at: location)
            claim(folder + "history.json", .historyOf(page.path), at: location)
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
        return findings
    }
}
