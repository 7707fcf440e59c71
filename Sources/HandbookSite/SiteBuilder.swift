import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookValidation
import HandbookOutput
import HandbookRender
import HandbookTheme

/// The build: the pipeline's steps (`BuildStep`) run in order, the same engine for every way of building.
///
///     load → check → history → relate ─ Planner.plan(previous, next, changes) ─→ render → search → assets → sitemap → publish
///
/// `SiteState` is one state of the site; `Planner.plan` is the only place that decides what is stale;
/// `PlanExecutor` carries a plan out into a sink. A clean build plans with no previous state; a cached
/// build (`CachedBuild`) gets the previous index and the input changes from the build cache; the preview
/// server (`LiveBuild`) keeps the previous state in memory and gets the changes from the watcher.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    public let progress: BuildProgress

    public init(options: BuildOptions, progress: BuildProgress = SilentProgress()) {
        self.options = options
        self.progress = progress
    }

    public typealias BuildError = HandbookSite.BuildError

    /// The tool's version (part of the build cache's key).
    public static let version = "0.1.0"

    /// Loads and checks the handbook without writing anything, the rules that need the history included
    /// (git is read for them).
    public func check() throws -> (Handbook, [Diagnostic]) {
        let (handbook, findings) = try checkContent()
        // Read after the check, on this thread: a wait on another queue's reading, from callers that are
        // themselves many (tests, the server's threads), can starve the shared pool.
        let raw = options.history ? GitLog(runner: options.git).readRaw(content: options.content) : nil
        return (handbook, withHistoryFindings(findings, handbook: handbook, log: log(of: handbook, git: raw)))
    }

    /// Loads and checks the handbook: every rule that needs no history.
    public func checkContent() throws -> (Handbook, [Diagnostic]) {
        let handbook = try load()
        progress.step(.check, "\(handbook.pages.count) pages")
        return (handbook, validate(handbook))
    }

    /// The revisions of the built pages, from what git printed (nil without history): read once, for the
    /// history rules and the state.
    public func log(of handbook: Handbook, git raw: GitLog.Raw?) -> HandbookHistory? {
        guard options.history, let raw else { return nil }
        return GitLog.history(from: raw, paths: Set(options.builtPages(of: handbook).map(\.path)))
    }

    /// The findings with those of the rules that need the history (`HistoryRules`), sorted.
    public func withHistoryFindings(_ findings: [Diagnostic], handbook: Handbook, log history: HandbookHistory?) -> [Diagnostic] {
        let pages = options.builtPages(of: handbook)
        let available: HandbookHistory? = if let history, case .unavailable = history.state { nil } else { history }
        var found = HistoryRules.findings(handbook, pages: pages, history: available)
        if options.strict { found = found.strict() }
        return (findings + found).sorted()
    }

    /// Builds to the output folder atomically. Writes nothing when the check finds errors.
    public func build() throws -> BuildReport {
        let publisher = AtomicPublisher(output: options.output)
        do { try publisher.checkSafe(content: options.content, theme: options.theme) } catch let error as AtomicPublisher.PublishError {
            throw BuildError.publish(error)
        }
        // The previous build's old output is deleted while this one works, off the critical path.
        let cleanup = DispatchGroup()
        DispatchQueue.global().async(group: cleanup) { publisher.removeTrash() }
        defer { cleanup.wait() }
        return try CachedBuild(builder: self, publisher: publisher).run()
    }

    /// Renders a checked handbook, whole, into any sink (memory for tests).
    public func render(_ handbook: Handbook, to sink: OutputSink, git raw: GitLog.Raw? = nil) throws -> (pages: Int, files: Int, notes: [String]) {
        let state = try state(of: handbook, git: raw)
        let plan = Planner.plan(previous: nil, next: state.index, changes: [])
        let written = try execute(plan, on: state, git: raw, to: sink)
        return (written.pages, written.paths.count, notes(for: state.render.history))
    }

    /// The next state of the site, with the revisions of its pages but none of their old versions (the
    /// plan says which pages' history pages need them).
    /// - Parameter signatures: listing signatures known for pages whose files did not change.
    /// - Parameter log: the revisions, when already read from `raw` (`log(of:git:)`).
    public func state(of handbook: Handbook, git raw: GitLog.Raw?, log: HandbookHistory? = nil, signatures: [String: UInt64] = [:]) throws -> SiteState {
        let theme = try loadTheme()
        let pages = options.builtPages(of: handbook)
        progress.step(.history, options.history ? "git log" : "off")
        let history: SiteHistory = if !options.history { .none } else if let log { SiteHistory(history: log, blobs: [:]) }
            else { SiteHistory.revisions(content: options.content, pages: pages, runner: options.git, raw: raw) }
        progress.step(.relate, "\(pages.count) pages")
        return SiteState(handbook: handbook, theme: theme, history: history, options: options, signatures: signatures)
    }

    /// Carries out a plan; the old versions the plan's history pages show are read meanwhile.
    public func execute(_ plan: BuildPlan, on state: SiteState, git raw: GitLog.Raw?, to sink: OutputSink) throws -> PlanExecutor.Written {
        let options = options
        do {
            return try PlanExecutor(state: state, contentRoot: options.content, progress: progress).execute(plan, history: { detailed, recentOfAll in
                guard options.history else { return nil }
                return SiteHistory.read(content: options.content, pages: state.pages, runner: options.git, today: options.today, raw: raw,
                                        log: state.render.history.history, detailed: detailed, recentOfAll: recentOfAll,
                                        latest: state.handbook.settings.recentChanges)
            }, to: sink)
        } catch let error as WriteError {
            throw BuildError.write(error)
        }
    }

    public func loadTheme() throws -> Theme {
        do { return try Theme(overrides: options.theme, fingerprintAssets: options.fingerprintAssets, compiled: options.compiledTemplates) } catch let error as Theme.ThemeError {
            throw BuildError.theme(error)
        }
    }

    /// What the user should know about the settings that is not a finding: without `site_url`, no QR codes.
    public static func notes(for handbook: Handbook) -> [String] {
        if handbook.settingsMissing {
            let settings = handbook.settings
            return ["there is no handbook.yml: built with the defaults (title \(Quoted.text(settings.title)), languages [\(settings.languages.joined(separator: ", "))]); add one with at least 'title:'"]
        }
        var notes: [String] = []
        if let repository = handbook.settings.repository, let problem = Forge.problem(repository, kind: handbook.settings.forge) {
            notes.append("repository \(Quoted.text(repository)): \(problem), so pages have no 'Edit this page' and 'Propose a change' links")
        }
        guard handbook.pages.contains(where: { $0.kind == .policy }) else { return notes }
        if handbook.settings.siteURL == nil {
            return notes + ["site_url is not set in handbook.yml: the briefing packs have no QR code (set it to the address the site is published at)"]
        }
        return notes + (QRCode.isAvailable ? [] : [QRCode.unavailableNote])
    }

    /// What the user should know about the history that is not a finding about the content.
    public func notes(for history: SiteHistory) -> [String] { options.history ? Self.notes(for: history) : [] }

    public static func notes(for history: SiteHistory) -> [String] {
        switch history.history.state {
        case .unavailable(let reason):
            ["no version history: \(reason); pages are built without history links"]
        case .shallow:
            ["the version history is truncated: this is a shallow clone. Fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"]
        default:
            []
        }
    }

    /// Every rule of the contract on a loaded handbook (`--strict` raises warnings to errors).
    public func validate(_ handbook: Handbook) -> [Diagnostic] {
        var findings = Validator(today: options.today).validate(handbook)
        findings += OutputClaims.findings(handbook, themeAssets: themeAssetPaths(needed: handbook.assets.contains { $0.hasPrefix("assets/") }))
        findings.sort()
        return options.strict ? findings.strict() : findings
    }

    /// Validates with what the last call found kept in `memo` and `claims` (the preview server): see
    /// `Validator.validate(_:memo:)` and `OutputClaims.findings(_:themeAssets:memo:)`.
    public func validate(_ handbook: Handbook, memo: inout ValidationMemo?, claims: inout OutputClaims.Memo?) -> [Diagnostic] {
        var findings = Validator(today: options.today).validate(handbook, memo: &memo)
        findings += OutputClaims.findings(handbook, themeAssets: themeAssetPaths(needed: handbook.assets.contains { $0.hasPrefix("assets/") }), memo: &claims)
        findings.sort()
        return options.strict ? findings.strict() : findings
    }

    /// The theme's asset paths, which content files may not take (loaded only when content has an `assets/` folder).
    private func themeAssetPaths(needed: Bool) -> [String] {
        guard needed, let theme = try? Theme(overrides: options.theme, fingerprintAssets: options.fingerprintAssets, compiled: options.compiledTemplates) else { return [] }
        return theme.assets.map(\.path)
    }

    /// Rewrites links between `.md` files to page URLs (under the `--base-url` override, if any).
    public var linkResolver: @Sendable (Settings, [String: PagePath]) -> LinkResolver {
        let baseOverride = options.baseURL
        return { settings, paths in
            var settings = settings
            if let baseOverride { settings.baseURL = Settings.normalizeBaseURL(baseOverride) }
            return LinkResolver.site(SiteURLs(settings: settings), pages: paths)
        }
    }

    public func load() throws -> Handbook {
        progress.step(.load, options.content)
        let baseOverride = options.baseURL
        if let baseOverride, let problem = Settings.baseURLProblem(baseOverride) {
            throw BuildError.content(Diagnostic(.settings, at: SourceLocation(file: "--base-url"), "--base-url \(Quoted.text(baseOverride)) cannot be used: \(problem)"))
        }
        do {
            var handbook = try HandbookLoader(root: options.content).load(urls: linkResolver)
            if let baseOverride { handbook.settings.baseURL = Settings.normalizeBaseURL(baseOverride) }
            return handbook
        } catch HandbookLoader.LoadError.notAFolder(let path) {
            throw BuildError.content(Diagnostic(.unreadableFile, at: SourceLocation(file: path), "the content folder \(path) does not exist or is not a folder"))
        }
    }
}
