#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookSearch
import HandbookValidation

/// A build held in memory and kept up to date edit by edit (the preview server's engine).
///
/// Each edit is classified (`LiveChange`) and only what depends on it is redone: an edited page is read
/// and rendered again alone; the pages that show its title, summary or relations follow only when those
/// changed; a page added or removed is read or dropped with the pages that link to it; a template
/// re-renders every page without reading any Markdown again; a stylesheet is swapped in place; only
/// `handbook.yml`, `people.yml` or a folder moved as a whole reload the whole content.
/// The search bundles follow after the pages (`searchWork()` / `install`, or `refreshSearch()`): an edit
/// of a page's text updates that page in its language's live index; other edits rebuild the indexes.
///
/// When the content has errors, the last good build stays (`files`) and `findings` holds the errors.
/// Not thread-safe: one caller at a time (the preview server holds a lock around every call).
public final class LiveBuild: @unchecked Sendable {
    /// What an update did.
    public struct Update: Sendable {
        /// Output paths whose contents changed or that were removed.
        public var changed: Set<String> = []
        /// Every page may have changed (a template, the settings).
        public var everything = false
        /// Only stylesheets changed: a page can swap them in without reloading.
        public var stylesheetsOnly: Bool { !everything && !changed.isEmpty && changed.allSatisfy { $0.hasSuffix(".css") } }
        /// The findings of the current content (the errors that kept the last good build, if any).
        public var findings: [Diagnostic] = []
        /// False when errors kept the last good build.
        public var published = false
        /// Things the user should know that are not findings (no git history, a shallow clone).
        public var notes: [String] = []
    }

    public private(set) var files: [String: [UInt8]] = [:]
    /// The findings of the content as last read, and of the theme.
    public var findings: [Diagnostic] { contentFindings + (themeFinding.map { [$0] } ?? []) }
    private var contentFindings: [Diagnostic] = []

    public let options: BuildOptions
    private let builder: SiteBuilder
    private var handbook: Handbook?
    /// Pages with changes not yet committed: `git status` at the start, and every page saved since.
    private var unpublished: Set<String> = []
    /// The paths the render jobs wrote (the sitemap lists their pages).
    private var jobPaths: Set<String> = []
    /// The validator's lookup tables, reused after edits of page bodies.
    private var validationIndex: ValidationIndex?
    /// Reads edited pages with the link targets of the handbook as last loaded.
    private var reloader: PageReloader?
    private var theme: Theme?
    private var themeFinding: Diagnostic?
    private var gitRaw: GitLog.Raw?
    private var history = SiteHistory.none
    /// The render setup of the files being served.
    private var current: SiteRender?
    /// What changed since the files were last rendered.
    private var pendingPages: Set<String> = []
    private var pendingEverything = true
    /// Languages whose search index is rebuilt whole.
    private var staleSearch: Set<String> = []
    /// Pages edited in their text alone, by language: their search documents are updated in place.
    private var editedSearchPages: [String: Set<String>] = [:]
    /// Each language's search index, kept to be updated document by document.
    private var searchIndexes: [String: LiveSearchIndex] = [:]

    /// The path the site is served under (`/` unless `base_url` or `--base-url` says otherwise).
    public var baseURL: String { handbook.map { SiteURLs(settings: $0.settings).baseURL } ?? options.baseURL ?? "/" }

    public init(options: BuildOptions) {
        self.options = options
        builder = SiteBuilder(options: options)
    }

    /// Reads everything from disk and builds it (search included).
    public func rebuildAll() -> Update {
        loadTheme()
        var update = loadContent()
        if options.history, let handbook {
            gitRaw = GitLog(runner: options.git).readRaw(content: options.content)
            history = SiteHistory.read(content: options.content, pages: visible(handbook), runner: options.git, today: options.today, raw: gitRaw,
                                          latest: handbook.settings.recentChanges)
            unpublished = history.history.uncommitted
            update.notes = SiteBuilder.notes(for: history)
        }
        pendingEverything = true
        update = publish(update)
        update.changed.formUnion(refreshSearch())
        return update
    }

    /// Brings the build up to date after edits to files of the content or theme folder.
    public func apply(_ changes: [LiveChange]) -> Update {
        var update = Update()
        var reloadContent = false, reloadTheme = false
        var editedPages: [String] = [], addedOrRemoved: [String] = []
        var assets: [String] = []
        let knownPages = Set(handbook?.pages.map(\.path) ?? [])
        for change in Set(changes).sorted(by: { ($0.folder == .theme ? 1 : 0, $0.path) < ($1.folder == .theme ? 1 : 0, $1.path) }) {
            switch change.effect(knownPages: knownPages, contentRoot: options.content) {
            case .settings: reloadContent = true
            case .pageSetChanged: addedOrRemoved.append(change.path)
            case .page(let path): editedPages.append(path)
            case .contentAsset(let path): assets.append(path)
            case .template: reloadTheme = true; pendingEverything = true
            case .themeAsset: reloadTheme = true
            }
        }
        if reloadTheme { update.changed.formUnion(loadTheme()) }
        for path in assets {
            if let changed = copyContentAsset(path) { update.changed.formUnion(changed) } else { reloadContent = true }
        }
        if reloadContent {
            update.findings = loadContent().findings
            pendingEverything = true
        } else if !addedOrRemoved.isEmpty {
            changePageSet(addedOrRemoved, edited: editedPages)
        } else if !editedPages.isEmpty {
            reloadPages(editedPages)
        }
        guard reloadContent || !editedPages.isEmpty || !addedOrRemoved.isEmpty || reloadTheme || pendingEverything else {
            update.findings = findings
            update.published = findings.errorCount == 0
            return update
        }
        let changedAssets = update.changed
        update = publish(update)
        update.changed.formUnion(changedAssets)
        return update
    }

    /// Rebuilds the search bundle of each language whose pages changed since the last call.
    /// - Returns: the output paths changed.
    public func refreshSearch() -> Set<String> {
        guard let work = searchWork() else { return [] }
        return install(work.run())
    }

    /// The search work to do, taken off the list: `run()` it anywhere (it reads nothing of this build),
    /// then `install` the result. The preview server does so off the thread that rebuilds pages, so a
    /// save never waits for the search index. A language whose pages were edited in their text alone
    /// gets its documents updated in its live index (the shards of their terms are rewritten); any other
    /// change rebuilds the language's index whole.
    public func searchWork() -> SearchWork? {
        guard let current, !staleSearch.isEmpty || !editedSearchPages.isEmpty else { return nil }
        var full: [String] = []
        var updates: [(index: LiveSearchIndex, documents: [SearchDocument])] = []
        for language in current.site.settings.languages {
            if staleSearch.contains(language) {
                full.append(language)
                continue
            }
            guard let paths = editedSearchPages[language], !paths.isEmpty else { continue }
            let documents = current.searchDocuments(of: current.pages.filter { paths.contains($0.path) })
            if let index = searchIndexes[language], documents.allSatisfy({ index.contains(url: $0.url) }) {
                updates.append((index, documents))
            } else {
                full.append(language)
            }
        }
        staleSearch = []
        editedSearchPages = [:]
        return SearchWork(setup: current, full: full, updates: updates)
    }

    /// Puts rebuilt or updated search bundles in place of the old ones. Returns the output paths changed.
    public func install(_ result: SearchWork.Result) -> Set<String> {
        var changed: Set<String> = []
        for rebuilt in result.rebuilt {
            searchIndexes[rebuilt.index.language] = rebuilt.index
            var old: [String: [UInt8]] = [:]
            for path in files.keys where path.hasPrefix(rebuilt.folder) { old[path] = files.removeValue(forKey: path) }
            changed.formUnion(old.keys)
            for (path, bytes) in rebuilt.index.files {
                if old[path] == bytes { changed.remove(path) } else { changed.insert(path) }
                files[path] = bytes
            }
        }
        for delta in result.deltas {
            for path in delta.removed { files[path] = nil }
            for (path, bytes) in delta.written { files[path] = bytes }
            changed.formUnion(delta.removed)
            changed.formUnion(delta.written.keys)
        }
        return changed
    }

    public struct SearchWork: @unchecked Sendable {
        public struct Result: @unchecked Sendable {
            let rebuilt: [(folder: String, index: LiveSearchIndex)]
            let deltas: [LiveSearchIndex.Delta]
        }

        let setup: SiteRender
        let full: [String]
        let updates: [(index: LiveSearchIndex, documents: [SearchDocument])]

        /// "rebuilt (uk, en)", "updated (uk: 1 page)".
        public var summary: String {
            var parts: [String] = []
            if !full.isEmpty { parts.append("rebuilt (\(full.joined(separator: ", ")))") }
            if !updates.isEmpty {
                parts.append("updated (" + updates.map { "\($0.index.language): \($0.documents.count) page\($0.documents.count == 1 ? "" : "s")" }.joined(separator: ", ") + ")")
            }
            return parts.joined(separator: ", ")
        }

        public func run() -> Result {
            let built = full.parallelMap { language in
                LiveSearchIndex(indexer: setup.searchIndexer(language), documents: setup.searchDocuments(language: language))
            }
            let rebuilt = zip(full, built).map { (setup.site.urls.searchIndexFolder($0.0), $0.1) }
            // Checked by `searchWork()`: every document's URL is in its index.
            let deltas = updates.compactMap { $0.index.updateReturningDelta($0.documents) }
            return Result(rebuilt: rebuilt, deltas: deltas)
        }
    }

    // MARK: Reading

    private func visible(_ handbook: Handbook) -> [Page] {
        handbook.pages.filter { options.includeDrafts || !$0.isDraft }
    }

    /// Compiles the theme again. Returns the asset paths whose bytes changed.
    @discardableResult
    private func loadTheme() -> Set<String> {
        do {
            let theme = try Theme(overrides: options.theme, fingerprintAssets: options.fingerprintAssets)
            let previous = Set(self.theme?.assets.map(\.path) ?? [])
            self.theme = theme
            themeFinding = nil
            var changed: Set<String> = []
            // An asset removed from the theme folder goes from the site too.
            for path in previous.subtracting(theme.assets.map(\.path)) where files[path] != nil {
                if current != nil { files[path] = nil }
                changed.insert(path)
            }
            for asset in theme.assets where files[asset.path] != asset.bytes {
                if current != nil { files[asset.path] = asset.bytes }
                changed.insert(asset.path)
            }
            return changed
        } catch let error as Theme.ThemeError {
            themeFinding = error.diagnostic
            themeFinding?.hint = "fix the theme file; the last good build is shown meanwhile"
        } catch {
            themeFinding = Diagnostic(.theme, at: SourceLocation(file: "theme"), "\(error)")
        }
        return []
    }

    private func loadContent() -> Update {
        var update = Update()
        do {
            let handbook = try builder.load()
            self.handbook = handbook
            reloader = PageReloader(root: options.content, settings: handbook.settings, pages: handbook.pages.map(\.path), urls: builder.linkResolver)
        } catch {
            handbook = nil
            reloader = nil
            contentFindings = [Diagnostic(.unreadableFile, at: SourceLocation(file: options.content), "\(error)")]
            update.findings = findings
            return update
        }
        validate()
        update.findings = findings
        return update
    }

    private func reloadPages(_ paths: [String]) {
        guard var handbook, let reloader else { return }
        // The only reference: the pages are replaced in place, not copied.
        self.handbook = nil
        let reloaded = reloader.reload(paths)
        let edited = Set(paths)
        handbook.loadDiagnostics.removeAll { edited.contains($0.location.file) }
        // The validator's tables still hold while every edit left the front matter as it was.
        var sameFrontMatter = true
        for (path, result) in zip(paths, reloaded) {
            handbook.loadDiagnostics += result.diagnostics
            if let index = handbook.pages.firstIndex(where: { $0.path == path }) {
                if let page = result.page {
                    sameFrontMatter = sameFrontMatter && page.frontMatter == handbook.pages[index].frontMatter
                    handbook.pages[index] = page
                } else {
                    handbook.pages.remove(at: index)
                    sameFrontMatter = false
                }
            }
            pendingPages.insert(path)
        }
        if reloaded.contains(where: { $0.page == nil }) { pendingEverything = true }
        self.handbook = handbook
        validate(reusingTables: sameFrontMatter)
    }

    /// Pages added or removed: the new ones are read (with the pages that link to them, whose links now
    /// resolve), the removed ones dropped; no other page is read again.
    private func changePageSet(_ paths: [String], edited: [String]) {
        guard var handbook else { return }
        self.handbook = nil
        var info = stat()
        let present = Set(paths.filter { stat("\(options.content)/\($0)", &info) == 0 })
        let removed = Set(paths).subtracting(present)
        handbook.pages.removeAll { removed.contains($0.path) }
        handbook.loadDiagnostics.removeAll { removed.contains($0.location.file) }
        let known = Set(handbook.pages.map(\.path))
        let added = present.subtracting(known)
        var all = handbook.pages.map(\.path) + added
        all.sort()
        let reloader = PageReloader(root: options.content, settings: handbook.settings, pages: all, urls: builder.linkResolver)
        self.reloader = reloader
        // Pages whose links point at an added file render those links anew.
        let linking = handbook.pages.filter { page in
            page.body.links.contains { link in link.targetPath.map { added.contains($0) } ?? false }
        }.map(\.path)
        let reread = Array(Set(edited + linking + present)).sorted()
        let reloaded = reloader.reload(reread)
        let rereadSet = Set(reread)
        handbook.loadDiagnostics.removeAll { rereadSet.contains($0.location.file) }
        var byPath: [String: Page] = [:]
        for (path, result) in zip(reread, reloaded) {
            handbook.loadDiagnostics += result.diagnostics
            if let page = result.page { byPath[path] = page }
        }
        handbook.pages = all.compactMap { path in byPath[path] ?? handbook.pages.first { $0.path == path } }
        pendingPages.formUnion(reread)
        pendingPages.formUnion(removed)
        self.handbook = handbook
        validate()
    }

    private func validate(reusingTables: Bool = false) {
        guard let handbook else { return }
        contentFindings = builder.validate(handbook, index: &validationIndex, reuse: reusingTables)
    }

    /// Copies an image or attachment that was edited, added or removed. Returns nil when it leads outside
    /// the content folder: the caller reads the folder again, so the finding is made as in a build.
    private func copyContentAsset(_ path: String) -> Set<String>? {
        guard var handbook else { return nil }
        let state = HandbookLoader(root: options.content).assetState(path)
        if state != .outside, handbook.loadDiagnostics.contains(where: { $0.location.file == path }) {
            // What was said of this path while it led outside the folder no longer holds.
            handbook.loadDiagnostics.removeAll { $0.location.file == path }
            self.handbook = handbook
            validate()
        }
        switch state {
        case .outside:
            return nil
        case .missing:
            handbook.assets.removeAll { $0 == path }
            self.handbook = handbook
            guard files[path] != nil else { return [] }
            if current != nil { files[path] = nil }
            return [path]
        case .inside(let bytes):
            if !handbook.assets.contains(path) {
                handbook.assets.append(path)
                handbook.assets.sort()
                self.handbook = handbook
            }
            guard files[path] != bytes else { return [] }
            if current != nil { files[path] = bytes }
            return [path]
        }
    }

    // MARK: Rendering

    /// Renders what is pending, if the content has no errors.
    private func publish(_ update: Update) -> Update {
        var update = update
        update.findings = findings
        guard let handbook, let theme, findings.errorCount == 0 else { return update }
        let pages = visible(handbook)
        let relations = pendingEverything ? nil : reusableRelations(for: pages)
        // Every page saved while serving is marked as not yet published, as are the files git found changed.
        if history.isAvailable { unpublished.formUnion(pendingPages) }
        let setup = SiteRender(handbook: handbook, pages: pages, theme: theme, history: history, today: options.today, relations: relations,
                               unpublished: unpublished)
        let sink = MemorySink()
        do {
            if pendingEverything || current == nil {
                update.everything = true
                let paths = try setup.render(setup.jobs, to: sink)
                try sink.write(setup.sitemap(paths: paths), to: "sitemap.xml")
                var rendered = sink.files
                for asset in theme.assets { rendered[asset.path] = asset.bytes }
                let loader = HandbookLoader(root: options.content)
                for asset in handbook.assets { rendered[asset] = loader.asset(asset) }
                // The search bundle is kept until `refreshSearch()` replaces it.
                let searchFolders = setup.site.settings.languages.map { setup.site.urls.searchIndexFolder($0) }
                for (path, bytes) in files where rendered[path] == nil && searchFolders.contains(where: { path.hasPrefix($0) }) {
                    rendered[path] = bytes
                }
                update.changed = Set(rendered.keys.filter { files[$0] != rendered[$0] }).union(files.keys.filter { rendered[$0] == nil })
                files = rendered
                jobPaths = Set(paths)
                staleSearch = Set(setup.site.settings.languages)
                editedSearchPages = [:]
            } else {
                let jobs = affectedJobs(setup: setup)
                let rendered = try setup.render(jobs, to: sink)
                // A removed page's files go; the sitemap follows the set of pages.
                let newPaths = Set(pages.map(\.path))
                let removed = (current?.pages ?? []).filter { pendingPages.contains($0.path) && !newPaths.contains($0.path) }
                for page in removed {
                    for path in setup.outputPaths(of: page) where files[path] != nil && sink.files[path] == nil {
                        files[path] = nil
                        jobPaths.remove(path)
                        update.changed.insert(path)
                    }
                }
                jobPaths.formUnion(rendered)
                for (path, bytes) in sink.files where files[path] != bytes {
                    files[path] = bytes
                    update.changed.insert(path)
                }
                if relations == nil {
                    let sitemap = setup.sitemap(paths: Array(jobPaths))
                    if files["sitemap.xml"] != sitemap { files["sitemap.xml"] = sitemap; update.changed.insert("sitemap.xml") }
                }
                if relations != nil {
                    // With the relations reused, no other page's search document changed: update the edited ones alone.
                    for path in pendingPages {
                        guard let page = pages.first(where: { $0.path == path }) else { continue }
                        editedSearchPages[page.language, default: []].insert(path)
                    }
                } else {
                    // Added, removed, or showing others something new (an example's owner comes from its principle).
                    staleSearch.formUnion(setup.site.settings.languages)
                }
            }
        } catch {
            update.findings.append(Diagnostic(.theme, at: SourceLocation(file: "theme"), "\(error)"))
            return update
        }
        current = setup
        pendingPages = []
        pendingEverything = false
        update.published = true
        return update
    }

    /// The jobs an edit of the pending pages touches: each page itself and, when what other pages show of
    /// it changed (front matter, title, a briefing's questions and links), those pages and the indexes.
    private func affectedJobs(setup: SiteRender) -> [RenderJob] {
        guard let previous = current else { return setup.jobs }
        var jobs: [RenderJob] = []
        var related: Set<PageKey> = []
        var kinds: Set<Kind> = []
        var people: Set<String> = []
        for path in pendingPages.sorted() {
            let page = setup.pages.first { $0.path == path }
            let old = previous.pages.first { $0.path == path }
            if let page { jobs += setup.jobs(of: page) }
            if let page, let old, ListingSignature(old).matches(ListingSignature(page)) { continue }
            // A page added, removed, or showing others something new: the pages that show it, its
            // translations (their language switcher) and the indexes of its kind.
            for version in [old, page].compactMap({ $0 }) {
                kinds.insert(version.kind)
                people.formUnion(RelatedPages.people(of: version))
                if old == nil || page == nil { related.insert(version.key) }
            }
            if let old { related.formUnion(RelatedPages.keys(showing: old, in: previous.site.relations)) }
            if let page { related.formUnion(RelatedPages.keys(showing: page, in: setup.site.relations)) }
        }
        for key in related.sorted() {
            for (_, page) in (setup.site.relations.translations[key] ?? [:]).sorted(by: { $0.key < $1.key }) where !pendingPages.contains(page.path) {
                jobs += setup.jobs(of: page)
            }
        }
        if !kinds.isEmpty { jobs += setup.indexJobs(showing: kinds, people: people) }
        return jobs
    }

    /// The relations of the last render still hold when every edited page shows others what it showed
    /// before (its front matter, title, questions and links): only the edited pages are swapped in.
    private func reusableRelations(for pages: [Page]) -> Relations? {
        guard let previous = current, !pendingPages.isEmpty, previous.pages.count == pages.count else { return nil }
        var relations = previous.site.relations
        for path in pendingPages {
            guard let page = pages.first(where: { $0.path == path }), let old = previous.pages.first(where: { $0.path == path }),
                  ListingSignature(old).matches(ListingSignature(page)) else { return nil }
            relations.replace(page)
        }
        return relations
    }
}
