import HandbookContent
import HandbookModel
import HandbookOutput
import HandbookRender

/// Carries out a plan on a state into any sink (a staging folder, only the changed files, memory) and
/// tells what it wrote. The full build, the cached build and the preview server all go through it.
public struct PlanExecutor {
    public let state: SiteState
    public let contentRoot: String
    public let progress: BuildProgress

    public init(state: SiteState, contentRoot: String, progress: BuildProgress) {
        self.state = state
        self.contentRoot = contentRoot
        self.progress = progress
    }

    /// What a run wrote.
    public struct Written {
        /// Every path written, in the order the plan's jobs run.
        var paths: [String] = []
        /// Folders made again whole (a language's search bundle): their files not written are gone.
        var replaced: [String] = []
        var pages: Int { paths.count { $0.hasSuffix(".html") } }
    }

    /// The content paths whose history pages the plan renders (nil: all).
    public static func historyPages(_ plan: BuildPlan) -> Set<String>? {
        guard case .only(let jobs) = plan.pages else { return nil }
        return Set(jobs.compactMap { if case .history(let path) = $0 { path } else { nil } })
    }

    /// Whether the plan renders a changes page (whose word counts need the recent changes of every page).
    public static func rendersChanges(_ plan: BuildPlan) -> Bool {
        guard case .only(let jobs) = plan.pages else { return true }
        return jobs.contains { if case .changes = $0 { true } else { false } }
    }

    /// Renders the plan's pages, its search, its assets and the sitemap.
    /// - Parameter history: reads the history the pages are rendered with (called once, with
    ///   `historyPages(plan)` and `rendersChanges(plan)`); it lives only while the pages render, so the search has the memory it leaves.
    public func execute(_ plan: BuildPlan, history: (Set<String>?, Bool) -> SiteHistory?, to sink: OutputSink) throws -> Written {
        var written = Written()
        let light: SiteRender = try {
            let setup = history(Self.historyPages(plan), Self.rendersChanges(plan)).map { state.render.with(history: $0) } ?? state.render
            let jobs = jobs(of: plan, in: setup)
            progress.step(.render, "\(jobs.count) pages")
            written.paths = try setup.render(jobs, to: sink)
            return setup.with(history: setup.history.withoutOldVersions)
        }()
        // The old versions are gone: their memory is the search's.
        FreeMemory.returnToSystem()
        let search = try executeSearch(plan.search, setup: light, to: sink)
        written.paths += search.paths
        written.replaced = search.replaced
        written.paths += try executeFiles(plan, to: sink, searchFiles: search.paths.count)
        return written
    }

    public func jobs(of plan: BuildPlan, in setup: SiteRender) -> [RenderJob] {
        switch plan.pages {
        case .all: setup.jobs
        case .only(let ids): ids.sorted().compactMap(setup.job)
        }
    }

    /// Each language's search bundle in the plan, made whole (a sink on disk keeps no index to update).
    /// One language at a time, each written as soon as it is made: the search is the build's peak of memory
    /// (on the 10,000-page corpus, 426 MB instead of 507 MB when all three were made side by side and then
    /// written; it costs about 0.4 s, the parts of a bundle that run on one core no longer overlapping).
    public func executeSearch(_ search: [String: BuildPlan.Search], setup: SiteRender, to sink: OutputSink) throws -> Written {
        let languages = setup.site.settings.languages.filter { search[$0] != nil }
        progress.step(.search, "\(languages.isEmpty ? "nothing to index" : languages.joined(separator: ", "))")
        var written = Written()
        for language in languages {
            let files = setup.searchFiles(language: language)
            try files.parallelMap { file -> WriteError? in
                do { try sink.write(file.bytes, to: file.path) } catch let error as WriteError { return error } catch {
                    return WriteError(path: file.path, reason: "\(error)")
                }
                return nil
            }.compactMap { $0 }.first.map { throw $0 }
            written.paths += files.map(\.path)
            written.replaced.append(setup.site.urls.searchIndexFolder(language))
        }
        return written
    }

    /// The theme's assets, the content folder's files and the sitemap, as the plan says.
    public func executeFiles(_ plan: BuildPlan, to sink: OutputSink, searchFiles: Int = 0) throws -> [String] {
        var paths: [String] = []
        let assets: [String] = switch plan.contentAssets {
        case .all: state.handbook.assets
        case .only(let chosen): state.handbook.assets.filter { chosen.contains($0) }
        }
        let theme = plan.themeAssets ? state.render.site.theme.assets : []
        progress.step(.assets, "\(searchFiles) search files written, \(theme.count + assets.count) assets")
        for asset in theme {
            try sink.write(asset.bytes, to: asset.path)
            paths.append(asset.path)
        }
        let loader = HandbookLoader(root: contentRoot)
        for asset in assets {
            // The same reading the loader's check made: a file that went or now leads outside is not published.
            guard let bytes = loader.asset(asset) else { throw WriteError(path: asset, reason: "cannot read it") }
            try sink.write(bytes, to: asset)
            paths.append(asset)
        }
        if plan.sitemap {
            progress.step(.sitemap, "sitemap.xml")
            try sink.write(state.render.sitemap(), to: "sitemap.xml")
            paths.append("sitemap.xml")
        }
        return paths
    }
}
