import HandbookModel
import HandbookSearch
import HandbookOutput
import HandbookTheme

/// The render setup of one state of the handbook: the site context, every job of the site and the
/// renderer. A full build renders all of its jobs; the live build renders the few an edit touches.
public struct SiteRender: Sendable {
    public let site: SiteContext
    public let pages: [Page]
    public private(set) var history: SiteHistory
    private var renderer: JobRenderer
    private let pagesByPath: [String: Page]
    /// Whether pages get history pages (the git history could be read).
    private(set) var hasHistoryPages: Bool

    /// - Parameter relations: the relations, when known to be those of these pages (the live build reuses them).
    /// - Parameter unpublished: pages to mark as having changes not yet committed (the preview server).
    /// - Parameter memo: the entries of lists and A–Z kept from an earlier state (`PageValueMemo`).
    public init(handbook: Handbook, pages: [Page], theme: Theme, history: SiteHistory, today: Day, relations: Relations? = nil, unpublished: Set<String> = [],
         cutTemplates: Bool = true, memo: PageValueMemo? = nil) {
        let site = SiteContext(handbook: handbook, pages: pages, theme: theme, today: today, relations: relations, unpublished: unpublished,
                               cutTemplates: cutTemplates, memo: memo)
        self.init(site: site, pages: pages, history: history)
    }

    private init(site: SiteContext, pages: [Page], history: SiteHistory) {
        hasHistoryPages = history.isAvailable
        self.site = site
        self.pages = pages
        self.history = history
        var homeIntros: [String: Page] = [:]
        for page in pages where page.kind == .page && page.id == "index" { homeIntros[page.language] = page }
        renderer = JobRenderer(site: site, homeIntros: homeIntros, history: HistoryPages(site: site, history: history), pages: pages)
        pagesByPath = Dictionary(pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The same setup with another reading of the history: more old versions, or none (`.none`, so they
    /// can be freed: the search bundle and the sitemap need none of it). Whether pages have history pages
    /// stays as it was.
    public func with(history: SiteHistory) -> SiteRender {
        // The pages and their tables stay (made again, they cost a tenth of a preview server's edit on 10,000 pages).
        var setup = self
        setup.history = history
        setup.renderer = JobRenderer(site: site, homeIntros: renderer.homeIntros, history: HistoryPages(site: site, history: history), pages: pages)
        return setup
    }

    /// The built page of a content path.
    public func page(at path: String) -> Page? { pagesByPath[path] }

    /// The job a plan names, in this state (nil for a page or person it does not have).
    public func job(_ id: JobID) -> RenderJob? {
        switch id {
        case .page(let path): pagesByPath[path].map { .page($0) }
        case .history(let path): pagesByPath[path].map { .history($0) }
        case .list(let kind, let language): .list(kind, language: language)
        case .home(let language): .home(language: language)
        case .versions(let language): .versions(language: language)
        case .people(let language): .people(language: language)
        case .person(let person, let language): site.people[person] == nil ? nil : .person(person, language: language)
        case .changes(let language): .changes(language: language)
        case .search(let language): .search(language: language)
        case .allPages(let language): .allPages(language: language)
        case .briefingPack(let id, let language): policy(id, language).map { .briefingPack($0) }
        case .selfCheck(let id, let language): policy(id, language).map { .selfCheck($0) }
        case .acknowledgements(let language): .acknowledgements(language: language)
        case .notFound: .notFound
        }
    }

    /// The files a job writes.
    public func outputPaths(of job: RenderJob) -> [String] { renderer.paths(of: job) }

    /// Every job of the site.
    public var jobs: [RenderJob] {
        var jobs: [RenderJob] = pages.filter { !Self.isHomeIntro($0) }.map { .page($0) }
        jobs += indexJobs
        if hasHistoryPages { jobs += pages.map { .history($0) } }
        for page in pages where page.kind == .policy { jobs += [.briefingPack(page), .selfCheck(page)] }
        return jobs
    }

    /// The jobs that gather many pages: home, lists, people, changes, search, A–Z, the 404 page.
    public var indexJobs: [RenderJob] {
        var jobs: [RenderJob] = []
        for language in site.settings.languages {
            jobs.append(.home(language: language))
            jobs.append(.versions(language: language))
            jobs += Kind.structured.map { .list($0, language: language) }
            jobs.append(.people(language: language))
            jobs += site.peopleOrder.map { .person($0.id, language: language) }
            jobs.append(.changes(language: language))
            jobs.append(.search(language: language))
            jobs.append(.allPages(language: language))
            jobs.append(.acknowledgements(language: language))
        }
        jobs.append(.notFound)
        return jobs
    }

    /// The jobs of one page: its own page (the home page's intro is part of the home job) and its history.
    /// The jobs of one page: its own page (the home page's intro is part of the home job), its history, and
    /// for a policy its briefing pack and self-check.
    public func jobs(of page: Page) -> [RenderJob] {
        var jobs: [RenderJob] = Self.isHomeIntro(page) ? [.home(language: page.language)] : [.page(page)]
        if hasHistoryPages { jobs.append(.history(page)) }
        if page.kind == .policy { jobs += [.briefingPack(page), .selfCheck(page)] }
        return jobs
    }

    /// A built policy page in a language.
    private func policy(_ id: String, _ language: String) -> Page? {
        guard let page = site.relations.translations[PageKey(kind: .policy, id: id)]?[language], pagesByPath[page.path] != nil else { return nil }
        return page
    }

    public static func isHomeIntro(_ page: Page) -> Bool { page.kind == .page && page.id == "index" }

    /// Renders jobs in parallel into a sink; returns the paths written, in job order.
    public func render(_ jobs: [RenderJob], to sink: OutputSink) throws -> [String] {
        let written = jobs.parallelMap { job -> Result<[String], WriteError> in
            var paths: [String] = []
            for (path, text) in renderer.render(job) {
                do {
                    try sink.write(Array(text.utf8), to: path)
                    paths.append(path)
                } catch let error as WriteError {
                    return .failure(error)
                } catch {
                    return .failure(WriteError(path: path, reason: "\(error)"))
                }
            }
            return .success(paths)
        }
        var paths: [String] = []
        for result in written {
            switch result {
            case .success(let written): paths += written
            case .failure(let error): throw error
            }
        }
        return paths
    }

    /// The search bundle of each of the languages, indexed side by side (each one's sequential steps,
    /// merging and sorting, overlap the others' work).
    /// A language's search bundle.
    public func searchFiles(language: String) -> [(path: String, bytes: [UInt8])] {
        searchIndexer(language).bundle(searchDocuments(language: language))
    }

    /// Every document of a language's search: its pages, and the people and teams (an agent looks up who
    /// to escalate to by name or role).
    public func searchDocuments(language: String) -> [SearchDocument] {
        searchDocuments(of: pages.filter { $0.language == language }) + SearchDocuments(site: site).people(language: language)
    }

    public func searchIndexer(_ language: String) -> SearchIndexer {
        SearchIndexer(language: language, folder: site.urls.searchIndexFolder(language))
    }

    public func searchDocuments(of pages: [Page]) -> [SearchDocument] {
        let documents = SearchDocuments(site: site), history = history.history
        return pages.parallelMap { page in
            var document = documents.document(page)
            document.version = history.version(page.path)?.id
            return document
        }
    }

    /// Every page of the site but the history pages.
    public func sitemap() -> [UInt8] {
        let paths = jobs.filter { if case .history = $0 { false } else { true } }.flatMap(outputPaths)
        return Array(Sitemap.xml(paths: paths, urls: site.urls).utf8)
    }
}
