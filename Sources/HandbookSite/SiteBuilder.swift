import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookSearch
import HandbookValidation

/// The build pipeline, its steps named and listed in order in one place:
/// load → check → history → relate → render → search → assets → sitemap → publish.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    public let progress: BuildProgress

    public static let steps = ["load", "check", "history", "relate", "render", "search", "assets", "sitemap", "publish"]

    private func step(_ name: String, _ detail: String) {
        progress.step((SiteBuilder.steps.firstIndex(of: name) ?? 0) + 1, of: SiteBuilder.steps.count, name, detail: detail)
    }

    public init(options: BuildOptions, progress: BuildProgress = SilentProgress()) {
        self.options = options
        self.progress = progress
    }

    public enum BuildError: Error, CustomStringConvertible {
        case content(String)
        case theme(String)
        case write(String)

        public var description: String {
            switch self {
            case .content(let reason), .theme(let reason), .write(let reason): reason
            }
        }
    }

    /// Loads and checks the handbook without writing anything.
    public func check() throws -> (Handbook, [Diagnostic]) {
        try timedCheck()
    }

    /// The tool's version (part of the build cache's key).
    public static let version = "0.1.0"

    /// Builds to the output folder atomically. Writes nothing when the check finds errors.
    public func build() throws -> BuildReport {
        let publisher = AtomicPublisher(output: options.output)
        do {
            try publisher.checkSafe(content: options.content, theme: options.theme)
        } catch {
            throw BuildError.write("\(error)")
        }
        let started = Date()
        // The previous build's old output is deleted while this one works, off the critical path.
        let cleanup = DispatchGroup()
        DispatchQueue.global().async(group: cleanup) { publisher.removeTrash() }
        defer { cleanup.wait() }
        // git reads the whole history while the pages load and are checked. Without a cache to answer, the
        // build is a whole one: git starts at once, beside the look at the input files.
        let gitReading = GitReading()
        let cache = options.cache ? BuildCache(output: publisher.output) : nil
        let saved = cache.flatMap { IncrementalPlan.intactState(of: $0, output: publisher.output) }
        if saved == nil { startReading(gitReading, known: nil) }
        let plan = cache.map { IncrementalPlan(options: options, output: publisher.output, cache: $0, state: saved) }
        if let plan, plan.upToDate, let state = plan.state {
            step("publish", "nothing changed since the last build")
            return BuildReport(diagnostics: state.diagnostics, pagesWritten: 0, filesWritten: 0, seconds: Date().timeIntervalSince(started),
                               published: true, notes: state.notes, incremental: .upToDate)
        }
        if saved != nil { startReading(gitReading, known: plan?.knownGitLog) }
        let (handbook, findings) = try timedCheck()
        guard findings.errorCount == 0 else {
            return BuildReport(diagnostics: findings, pagesWritten: 0, filesWritten: 0, seconds: Date().timeIntervalSince(started), published: false)
        }
        let staging: String
        do { staging = try publisher.makeStaging() } catch { throw BuildError.write("\(error)") }
        do {
            if let plan {
                do {
                    return try buildIncrementally(handbook, findings: findings, plan: plan, publisher: publisher, staging: staging,
                                                  git: gitReading.wait(), started: started)
                } catch let stale as StaleOutput {
                    // A file the cache expected in the output is gone (edited by hand, deleted): the output
                    // is not what the cache says, so the cache is dropped and the site built whole.
                    publisher.discard(staging: staging)
                    plan.cache.invalidate()
                    var report = try build()
                    report.notes.append("\(stale.path) was missing from the output; the site was built whole")
                    return report
                }
            }
            let counts = try render(handbook, to: DiskSink(root: staging), git: gitReading.wait())
            step("publish", options.output)
            try publisher.publish(staging: staging)
            return BuildReport(diagnostics: findings, pagesWritten: counts.pages, filesWritten: counts.files,
                               seconds: Date().timeIntervalSince(started), published: true, notes: counts.notes)
        } catch {
            publisher.discard(staging: staging)
            throw BuildError.write("\(error)")
        }
    }

    /// Starts `git log` (and `git status`) in the background, when the build shows history.
    private func startReading(_ reading: GitReading, known: (head: String, log: [UInt8])?) {
        guard options.history else { return }
        let content = options.content, git = options.git
        DispatchQueue.global().async(group: reading.group) { reading.store(GitLog(runner: git).readRaw(content: content, known: known)) }
    }

    /// Renders what the plan says into a staging folder that receives only changed files, moves them into
    /// the output, and saves the cache for the next build.
    /// A file the cache knows is missing from the output.
    struct StaleOutput: Error { var path: String }

    private func buildIncrementally(_ handbook: Handbook, findings: [Diagnostic], plan: IncrementalPlan, publisher: AtomicPublisher,
                                    staging: String, git raw: GitLog.Raw?, started: Date) throws -> BuildReport {
        let signatures = Dictionary(uniqueKeysWithValues: zip(handbook.pages.map(\.path), handbook.pages.parallelMap { ListingSignature($0).stableHash }))
        let only = plan.pagesToRender(signatures: signatures)
        let sink = ChangedFilesSink(root: staging, previous: plan.previousOutputs)
        let counts = try render(handbook, to: sink, git: raw, only: only)
        let changed = sink.changed
        var outputs = sink.produced
        var removed: [String]
        if let only {
            // The pages' own files were rendered again, and the search bundles of their languages whole.
            // (A draft's edit, unless drafts are built, re-indexes nothing: the same filter as `render`.)
            let languages = Set(handbook.pages.filter { (options.includeDrafts || !$0.isDraft) && only.contains($0.path) }.map(\.language))
            let urls = SiteURLs(settings: handbook.settings)
            let folders = languages.map { urls.searchIndexFolder($0) }
            removed = plan.previousOutputs.keys.filter { path in outputs[path] == nil && folders.contains { path.hasPrefix($0) } }
            outputs = plan.previousOutputs.merging(outputs) { $1 }
            for path in removed { outputs[path] = nil }
        } else {
            removed = plan.previousOutputs.keys.filter { outputs[$0] == nil }
        }
        removed.sort()
        step("publish", plan.previousOutputs.isEmpty ? options.output : "\(changed.count) files changed, \(removed.count) removed → \(options.output)")
        plan.cache.invalidate()
        if !plan.previousOutputs.isEmpty {
            // The staging folder becomes the whole site (links to the unchanged files) and replaces the output at once.
            do {
                try publisher.linkUnchanged(outputs.keys.filter { !changed.contains($0) }.sorted(), into: staging)
            } catch AtomicPublisher.PublishError.missing(let path) {
                throw StaleOutput(path: path)
            }
        }
        try publisher.publish(staging: staging)
        let identity = BuildCache.identity(of: publisher.output.path)
        let state = BuildCache.State(key: plan.key, outputDevice: identity?.device ?? 0, outputInode: identity?.inode ?? 0,
                                     pages: only == nil ? counts.pages : plan.state?.pages ?? counts.pages,
                                     files: only == nil ? counts.files : plan.state?.files ?? counts.files, diagnostics: findings, notes: counts.notes,
                                     marker: BuildCache.markerStamp(ofOutput: publisher.output.path) ?? "")
        let gitLog = raw.flatMap { raw in raw.head.map { ($0, raw.log) } }
        // A cache that cannot be saved only makes the next build a clean one; the user is told.
        var notes = counts.notes
        do {
            try plan.cache.save(state: state, inputs: plan.snapshot.stampsToSave(now: InputSnapshot.now()), outputs: outputs, pages: signatures, gitLog: gitLog)
        } catch {
            notes.append("the build cache could not be saved (\(error)); the site is published, and the next build will be a full one")
        }
        return BuildReport(diagnostics: findings, pagesWritten: counts.pages, filesWritten: changed.count + removed.count,
                           seconds: Date().timeIntervalSince(started), published: true, notes: notes,
                           incremental: plan.previousOutputs.isEmpty ? nil : only.map { .pages($0.count) } ?? .everything)
    }

    /// Renders a checked handbook into any sink (memory for tests and the preview server).
    /// - Parameter only: render just these pages' own files and their languages' search bundles (the build
    ///   cache's answer to an edit of their text); nil for the whole site.
    public func render(_ handbook: Handbook, to sink: OutputSink, git raw: GitLog.Raw? = nil, only: Set<String>? = nil) throws -> (pages: Int, files: Int, notes: [String]) {
        let theme: Theme
        do { theme = try Theme(overrides: options.theme, fingerprintAssets: options.fingerprintAssets) } catch { throw BuildError.theme("\(error)") }
        let pages = handbook.pages.filter { options.includeDrafts || !$0.isDraft }
        // The history (with the old versions of pages) lives only while the pages render: the search comes
        // after, in the memory it leaves.
        let (paths, notes, setup) = try { () throws -> ([String], [String], SiteRender) in
            step("history", options.history ? "git log" : "off")
            let history = options.history ? SiteHistory.read(content: options.content, pages: pages, runner: options.git, today: options.today, raw: raw, detailed: only,
                                                                  latest: handbook.settings.recentChanges) : .none
            step("relate", "\(pages.count) pages")
            let setup = SiteRender(handbook: handbook, pages: pages, theme: theme, history: history, today: options.today,
                                   cutTemplates: options.cutTemplates)
            let jobs = only.map { only in pages.filter { only.contains($0.path) }.flatMap { setup.jobs(of: $0) } } ?? setup.jobs
            step("render", "\(jobs.count) pages")
            return (try setup.render(jobs, to: sink), options.history ? SiteBuilder.notes(for: history) : [], setup.withoutHistory())
        }()
        step("search", "\(pages.count) pages")
        let languages = only.map { only in handbook.settings.languages.filter { language in pages.contains { $0.language == language && only.contains($0.path) } } }
        // One language at a time, each written as soon as it is made: the search is the build's peak of memory
        // (on the 10,000-page corpus, 426 MB instead of 507 MB when all three were made side by side and then
        // written; it costs about 0.4 s, the parts of a bundle that run on one core no longer overlapping).
        var searchFiles = 0
        for language in languages ?? handbook.settings.languages {
            let files = setup.searchFiles(language: language)
            try files.parallelMap { file -> WriteError? in
                do { try sink.write(file.bytes, to: file.path) } catch let error as WriteError { return error } catch {
                    return WriteError(path: file.path, reason: "\(error)")
                }
                return nil
            }.compactMap { $0 }.first.map { throw $0 }
            searchFiles += files.count
        }
        step("assets", "\(searchFiles) search files written, \(theme.assets.count + handbook.assets.count) assets")
        if only != nil { return (paths.count { $0.hasSuffix(".html") }, paths.count + searchFiles, notes) }
        for asset in theme.assets { try sink.write(asset.bytes, to: asset.path) }
        for asset in handbook.assets {
            guard let bytes = FileReader.bytes(atPath: "\(options.content)/\(asset)") else { throw WriteError(path: asset, reason: "cannot read it") }
            try sink.write(bytes, to: asset)
        }
        step("sitemap", "sitemap.xml")
        try sink.write(setup.sitemap(paths: paths), to: "sitemap.xml")
        return (paths.count { $0.hasSuffix(".html") }, paths.count + searchFiles + theme.assets.count + handbook.assets.count + 1, notes)
    }

    /// What the user should know about the history that is not a finding about the content.
    static func notes(for history: SiteHistory) -> [String] {
        switch history.history.state {
        case .unavailable(let reason):
            ["no version history: \(reason); pages are built without history links"]
        case .shallow:
            ["the version history is truncated: this is a shallow clone. Fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"]
        default:
            []
        }
    }

    private func timedCheck() throws -> (Handbook, [Diagnostic]) {
        let handbook = try load()
        step("check", "\(handbook.pages.count) pages")
        return (handbook, validate(handbook))
    }

    /// Every rule of the contract on a loaded handbook (`--strict` raises warnings to errors).
    func validate(_ handbook: Handbook) -> [Diagnostic] {
        var index: ValidationIndex?
        return validate(handbook, index: &index, reuse: false)
    }

    func validate(_ handbook: Handbook, index: inout ValidationIndex?, reuse: Bool) -> [Diagnostic] {
        var findings = Validator(today: options.today).validate(handbook, index: &index, reuse: reuse)
        findings += OutputClaims.findings(handbook, themeAssets: themeAssetPaths(needed: handbook.assets.contains { $0.hasPrefix("assets/") }))
        findings.sort()
        return options.strict ? findings.strict() : findings
    }

    /// The theme's asset paths, which content files may not take (loaded only when content has an `assets/` folder).
    private func themeAssetPaths(needed: Bool) -> [String] {
        guard needed, let theme = try? Theme(overrides: options.theme, fingerprintAssets: options.fingerprintAssets) else { return [] }
        return theme.assets.map(\.path)
    }

    /// Rewrites links between `.md` files to page URLs (under the `--base-url` override, if any).
    var linkResolver: @Sendable (Settings, [String: PagePath]) -> LinkResolver {
        let baseOverride = options.baseURL
        return { settings, paths in
            var settings = settings
            if let baseOverride { settings.baseURL = Settings.normalizeBaseURL(baseOverride) }
            return LinkResolver.site(SiteURLs(settings: settings), pages: paths)
        }
    }

    func load() throws -> Handbook {
        step("load", options.content)
        let baseOverride = options.baseURL
        if let baseOverride, let problem = Settings.baseURLProblem(baseOverride) {
            throw BuildError.content("--base-url \(Quoted.text(baseOverride)) cannot be used: \(problem)")
        }
        do {
            var handbook = try HandbookLoader(root: options.content).load(urls: linkResolver)
            if let baseOverride { handbook.settings.baseURL = Settings.normalizeBaseURL(baseOverride) }
            return handbook
        } catch HandbookLoader.LoadError.notAFolder(let path) {
            throw BuildError.content("the content folder \(path) does not exist or is not a folder")
        }
    }
}

/// The answer of a git reading started in the background.
private final class GitReading: @unchecked Sendable {
    let group = DispatchGroup()
    private let lock = NSLock()
    private var raw: GitLog.Raw?

    func store(_ value: GitLog.Raw) { lock.withLock { raw = value } }

    /// Waits for the reading, if one was started.
    func wait() -> GitLog.Raw? {
        group.wait()
        return lock.withLock { raw }
    }
}
