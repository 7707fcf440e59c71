#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookModel

/// Loads a whole handbook: scans the folder, then reads, decodes and renders every page in parallel.
public struct HandbookLoader: Sendable {
    public let root: String

    /// - Parameter root: the content folder.
    public init(root: String) {
        self.root = root
    }

    public enum LoadError: Error, Equatable {
        case notAFolder(String)
    }

    /// - Parameter urls: builds the resolver that rewrites links, from the settings and every page's path.
    public func load(urls: @Sendable (Settings, [String: PagePath]) -> LinkResolver = { _, _ in .identity }) throws -> Handbook {
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { throw LoadError.notAFolder(root) }
        let listing = ContentScanner(root: root).scan()
        let (settings, settingsDiagnostics) = SettingsLoader.load(root: root)
        let (people, peopleDiagnostics, refusedPeople) = PeopleLoader.loadWithRefused(root: root)
        let paths = Dictionary(uniqueKeysWithValues: listing.markdown.map { ($0, PagePath($0, languages: settings.languages)) })
        let renderer = MarkdownRenderer(resolver: urls(settings, paths))
        let root = self.root
        let loaded = listing.markdown.parallelMap { path in
            PageLoader(root: root, renderer: renderer).load(path: path, as: paths[path]!)
        }
        // The acknowledgement ledger is read, never published.
        let ledgerFiles = listing.assets.filter(Acknowledgement.isLedger)
        let (acknowledgements, ledgerDiagnostics) = LedgerLoader.load(root: root, files: ledgerFiles)
        var diagnostics = listing.diagnostics + settingsDiagnostics + peopleDiagnostics + ledgerDiagnostics
        var pages: [Page] = []
        pages.reserveCapacity(loaded.count)
        for result in loaded {
            diagnostics += result.diagnostics
            if let page = result.page { pages.append(page) }
        }
        var handbook = Handbook(settings: settings, people: people, pages: pages, assets: listing.assets.filter { !Acknowledgement.isPrivate($0) },
                                loadDiagnostics: diagnostics)
        handbook.refusedPeople = refusedPeople
        handbook.settingsMissing = stat("\(root)/\(SettingsLoader.file)", &info) != 0
        handbook.acknowledgements = acknowledgements
        for (file, findings) in [(SettingsLoader.file, settingsDiagnostics), (PeopleLoader.file, peopleDiagnostics)]
        where findings.contains(where: { $0.rule == .unreadableFile || $0.message.hasPrefix(YAMLErrorMapper.prefix) }) {
            handbook.unreadableFiles.insert(file)
        }
        return handbook
    }

    /// The bytes of a file of the content folder (an image, an attachment); nil when it is missing or
    /// when it, or a link on its way, leads outside the folder.
    public func asset(_ path: String) -> [UInt8]? {
        guard case .inside(let bytes) = assetState(path) else { return nil }
        return bytes
    }

    public enum AssetState: Equatable {
        case inside([UInt8])
        case missing
        /// It, or a link on its way, leads outside the content folder: never published.
        case outside
    }

    public func assetState(_ path: String) -> AssetState {
        guard let file = ContentScanner.realPath("\(self.root)/\(path)") else { return .missing }
        guard let root = ContentScanner.realPath(root), file.hasPrefix(root + "/") else { return .outside }
        return FileReader.bytes(atPath: file).map { .inside($0) } ?? .missing
    }
}

/// Reads and renders pages of a loaded handbook again after an edit, with the handbook's settings and
/// its set of Markdown files (which links are resolved against). Made once per loaded handbook.
public struct PageReloader: Sendable {
    private let root: String
    private let settings: Settings
    private let languages: [String]
    private var paths: [String: PagePath]
    private var renderer: MarkdownRenderer

    /// - Parameter pages: the Markdown files of the handbook (relative paths), those being added included.
    public init(root: String, settings: Settings, pages: [String], urls: @Sendable (Settings, [String: PagePath]) -> LinkResolver = { _, _ in .identity }) {
        self.init(root: root, settings: settings,
                  paths: Dictionary(pages.map { ($0, PagePath($0, languages: settings.languages)) }, uniquingKeysWith: { first, _ in first }), urls: urls)
    }

    private init(root: String, settings: Settings, paths: [String: PagePath], urls: @Sendable (Settings, [String: PagePath]) -> LinkResolver) {
        self.root = root
        self.settings = settings
        languages = settings.languages
        self.paths = paths
        renderer = MarkdownRenderer(resolver: urls(settings, paths))
    }

    /// Makes this the reloader of the same handbook for another set of Markdown files (pages added and
    /// removed): the same as `init(pages:)` gives, with the paths of the files it knows kept as they were
    /// read (reading all 10,000 again was a twentieth of a page added), changed in place.
    public mutating func change(adding added: [String], removing removed: Set<String>,
                                urls: @Sendable (Settings, [String: PagePath]) -> LinkResolver = { _, _ in .identity }) {
        guard !added.isEmpty || !removed.isEmpty else { return }
        // The renderer's resolver holds the table: let go of it first, so the table is changed in place.
        renderer = MarkdownRenderer()
        for path in removed { paths[path] = nil }
        for path in added where paths[path] == nil { paths[path] = PagePath(path, languages: languages) }
        renderer = MarkdownRenderer(resolver: urls(settings, paths))
    }

    /// - Returns: for each path, the page (nil when it cannot be read) and the findings made while loading it.
    public func reload(_ changed: [String]) -> [(page: Page?, diagnostics: [Diagnostic])] {
        let root = root, renderer = renderer, paths = paths, languages = languages
        return changed.parallelMap { path in
            let result = PageLoader(root: root, renderer: renderer).load(path: path, as: paths[path] ?? PagePath(path, languages: languages))
            return (result.page, result.diagnostics)
        }
    }
}
