import HandbookHistory
import HandbookModel
import HandbookSearch
import HandbookOutput
import HandbookRender
import HandbookSite

/// A build held in memory and kept up to date edit by edit: the preview server's adapter over the one
/// engine. Each batch of watched changes is read (`LiveInputs`), becomes input changes, and the planner
/// decides from the index of the state being served and the next one what to render (`Planner.plan`);
/// the executor renders it into memory. The search follows after the pages (`searchWork()` / `install`,
/// or `refreshSearch()`): an edit of a page's text updates that page in its language's live index.
///
/// When the input has errors, the last good build stays (`files`), `findings` holds the errors, and the
/// changes wait to be built with the fix. Not thread-safe: one caller at a time (the preview server
/// holds a lock around every call).
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
        /// What the planner decided (nil when nothing was built).
        public var plan: BuildPlan?
        /// How long each step took, in milliseconds, in order (`serve --timings` prints them).
        public var steps: [(step: String, milliseconds: Double)] = []
        /// The output paths an earlier part of the same update changed (`shownFirst`): the open pages,
        /// already told. Empty when the update was made in one part.
        public var changedFirst: Set<String> = []
    }

    public let options: BuildOptions
    private let builder: SiteBuilder
    /// Everything this build knows.
    private var state = LiveState()

    public var files: [String: [UInt8]] { state.files }
    /// The findings of the content as last read, and of the theme.
    public var findings: [Diagnostic] { state.inputs.findings }

    /// The path the site is served under (`/` unless `base_url` or `--base-url` says otherwise).
    public var baseURL: String { state.inputs.handbook.map { SiteURLs(settings: $0.settings).baseURL } ?? options.baseURL ?? "/" }

    public init(options: BuildOptions) {
        self.options = options
        builder = SiteBuilder(options: options)
    }

    /// The index of the state the files show, and the one a state made whole from the same input has (the
    /// tests compare them: the live build updates its index entry by entry).
    var servedIndex: SiteIndex? { state.published?.index }
    /// The relations of the state the files show (updated entity by entity after pages came or went).
    var servedRelations: Relations? { state.published?.render.site.relations }
    func relationsMadeWhole() -> Relations? {
        guard let handbook = state.inputs.handbook else { return nil }
        return Relations(pages: options.builtPages(of: handbook), defaultLanguage: handbook.settings.defaultLanguage)
    }
    func indexMadeWhole() -> SiteIndex? {
        guard let handbook = state.inputs.handbook, let theme = state.inputs.theme else { return nil }
        return SiteState(handbook: handbook, theme: theme, history: state.history, options: options, unpublished: state.unpublished).index
    }

    /// Reads everything from disk and builds it (search included).
    public func rebuildAll() -> Update {
        state = LiveState()
        state.inputs = LiveInputs.read(builder)
        var notes: [String] = []
        if options.history, let handbook = state.inputs.handbook {
            let raw = GitLog(runner: options.git).readRaw(content: options.content)
            state.history = SiteHistory.read(content: options.content, pages: options.builtPages(of: handbook),
                                             runner: options.git, today: options.today, raw: raw, latest: handbook.settings.recentChanges,
                                             keepingEveryFile: true)
            state.unpublished = state.history.history.uncommitted
            notes = SiteBuilder.notes(for: state.history)
        }
        var clock = StepClock()
        var update = publish(clock: &clock)
        update.notes = notes + (state.inputs.handbook.map(SiteBuilder.notes(for:)) ?? [])
        update.changed.formUnion(refreshSearch())
        return update
    }

    /// Brings the build up to date after edits to files of the content or theme folder.
    /// - Parameters:
    ///   - open: output paths of the pages open in a browser. When the update renders some of them and
    ///     more, those are rendered first and handed to `shown` (published, with their own `changed`) before
    ///     the rest is rendered: the author sees the page they are looking at without waiting for the
    ///     lists and A–Z of every language (on 10,000 pages, a page added re-renders 19 pages, and the three
    ///     A–Z pages of 10,000 entries were most of the time). The update returned is the rest.
    ///   - shown: called with the first part, from this call, before the rest is rendered.
    public func apply(_ changes: [LiveChange], open: Set<String> = [], shown: (Update) -> Void = { _ in }) -> Update {
        var clock = StepClock()
        state.pending += state.inputs.read(changes, builder)
        let read = clock.lap()
        let steps = [("read", read - state.inputs.lastCheckMilliseconds), ("check", state.inputs.lastCheckMilliseconds)]
        var update = publish(clock: &clock, open: open) { first in
            var first = first
            first.steps = steps + first.steps
            shown(first)
        }
        update.steps = steps + update.steps
        return update
    }

    /// Renders what the pending changes make stale, if the input has no errors.
    private func publish(clock: inout StepClock, open: Set<String> = [], shown: (Update) -> Void = { _ in }) -> Update {
        var update = Update()
        update.findings = findings
        guard let handbook = state.inputs.handbook, let theme = state.inputs.theme, findings.errorCount == 0 else { return update }
        if state.published != nil, state.pending.isEmpty {
            update.published = true
            return update
        }
        // Every page saved while serving is marked as not yet published, as are the files git found changed.
        if state.history.isAvailable { state.unpublished.formUnion(state.pending.compactMap(\.pagePath)) }
        state.keepMemoIfValid()
        let next = state.nextState(handbook, theme: theme, options: options)
        update.steps.append(("state", clock.lap()))
        var plan = Planner.plan(previous: state.published?.index, next: next.index, changes: state.pending)
        update.steps.append(("plan", clock.lap()))
        if let (first, rest) = Self.split(plan, open: open, in: next.render) {
            let sink = MemorySink()
            if let failure = render(first, of: next, to: sink) {
                update.findings.append(failure)
                return update
            }
            var diff = OutputDiff(state.files)
            diff.apply(produced: sink.files, removed: [], whole: false, keep: [])
            state.files = diff.files
            var early = update
            early.steps.append(("shown", clock.lap()))
            early.changed = diff.changed
            early.published = true
            early.plan = first
            shown(early)
            update.changedFirst = diff.changed
            update.steps = early.steps
            plan = rest
        }
        let sink = MemorySink()
        if let failure = render(plan, of: next, to: sink) {
            update.findings.append(failure)
            return update
        }
        update.steps.append(("render", clock.lap()))
        var diff = OutputDiff(state.files)
        // The search bundles stay until the search work replaces them.
        diff.apply(produced: sink.files, removed: plan.removed, whole: plan.isEverything,
                   keep: next.render.site.settings.languages.map { next.render.site.urls.searchIndexFolder($0) })
        state.files = diff.files
        for (language, search) in plan.search { state.search[language] = state.search[language].map { $0.merged(with: search) } ?? search }
        update.steps.append(("diff", clock.lap()))
        state.published = next
        state.pending = []
        update.steps.append(("release", clock.lap()))
        update.changed = diff.changed
        update.everything = plan.isEverything
        update.published = true
        update.plan = plan
        return update
    }

    /// Renders a plan's pages and files (not its search) into memory; the finding of a failure.
    private func render(_ plan: BuildPlan, of next: SiteState, to sink: MemorySink) -> Diagnostic? {
        do {
            _ = try PlanExecutor(state: next, contentRoot: options.content, progress: SilentProgress())
                .execute(plan.withoutSearch, history: { _, _ in nil }, to: sink)
            return nil
        } catch let error as WriteError {
            return BuildError.write(error).diagnostic
        } catch {
            return Diagnostic(.output, at: SourceLocation(file: "output"), "\(error)")
        }
    }

    /// The plan's jobs that render an open page, and the rest of the plan; nil when there is nothing to
    /// put first (no open page among them, only them, or every page).
    static func split(_ plan: BuildPlan, open: Set<String>, in render: SiteRender) -> (first: BuildPlan, rest: BuildPlan)? {
        guard !open.isEmpty, case .only(let ids) = plan.pages else { return nil }
        let shown = ids.filter { id in render.job(id).map { render.outputPaths(of: $0).contains(where: open.contains) } ?? false }
        guard !shown.isEmpty, shown.count < ids.count else { return nil }
        var first = BuildPlan.nothing
        first.pages = .only(shown)
        var rest = plan
        rest.pages = .only(ids.subtracting(shown))
        return (first, rest)
    }

    /// Rebuilds or updates the search bundle of each language whose pages changed since the last call.
    /// - Returns: the output paths changed.
    public func refreshSearch() -> Set<String> {
        guard let work = searchWork() else { return [] }
        return install(work.run())
    }

    /// The search work owed, taken off the list: `run()` it anywhere (it reads nothing of this build),
    /// then `install` the result. The preview server does so off the thread that rebuilds pages, so a
    /// save never waits for the search index.
    public func searchWork() -> SearchWork? {
        guard let published = state.published, !state.search.isEmpty else { return nil }
        let work = SearchWork(setup: published.render, plan: state.search, indexes: state.searchIndexes)
        state.search = [:]
        return work
    }

    /// Puts rebuilt or updated search bundles in place of the old ones. Returns the output paths changed.
    public func install(_ result: SearchWork.Result) -> Set<String> {
        var diff = OutputDiff(state.files)
        for rebuilt in result.rebuilt {
            state.searchIndexes[rebuilt.index.language] = rebuilt.index
            diff.apply(produced: rebuilt.index.files, replaced: [rebuilt.folder])
        }
        for delta in result.deltas { diff.apply(produced: delta.written, removed: Set(delta.removed)) }
        state.files = diff.files
        return diff.changed
    }
}
