import HandbookHistory
import HandbookModel

/// Everything a build needs to know, as one explicit value.
public struct BuildOptions: Sendable {
    public var content: String
    /// The handbook's own theme folder; files in it override the built-in theme. Ignored when missing.
    public var theme: String?
    public var output: String
    /// Overrides `base_url` of `handbook.yml`.
    public var baseURL: String?
    public var includeDrafts: Bool
    public var strict: Bool
    /// The day review dates are compared with.
    public var today: Day
    /// Read the git history of the pages (history pages, "last changed", changes page, feeds).
    public var history: Bool
    /// Runs git; tests may replace it.
    public var git: GitRunner
    /// Name theme assets by their content (off in the preview server, which swaps a changed stylesheet in place).
    public var fingerprintAssets: Bool
    /// Keep a build cache beside the output (`.handbook-cache/`) and use it: a rebuild with nothing changed
    /// does nothing, and a rebuild after edits renders what depends on them and writes only changed files.
    public var cache: Bool
    /// Render the layout and the history template once per shape of page and fill in the other pages'
    /// texts (`LayoutCache`, `TemplateCache`). The output is the same either way; tests turn it off to compare.
    public var cutTemplates = true
    /// Render templates from compiled plans (`CompiledTemplates`) rather than with swift-mustache. The output
    /// is the same either way; tests turn it off to compare.
    public var compiledTemplates = true

    public init(content: String, theme: String? = nil, output: String, baseURL: String? = nil, includeDrafts: Bool = false, strict: Bool = false,
                today: Day, history: Bool = true, git: GitRunner = ProcessGitRunner(), fingerprintAssets: Bool = true, cache: Bool = false) {
        self.content = content
        self.theme = theme
        self.output = output
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.today = today
        self.history = history
        self.git = git
        self.fingerprintAssets = fingerprintAssets
        self.cache = cache
    }
}

extension BuildOptions {
    /// The pages a build renders: drafts only when asked for.
    public func builtPages(of handbook: Handbook) -> [Page] {
        includeDrafts ? handbook.pages : handbook.pages.filter { !$0.isDraft }
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    public var published: Bool
    /// Things the user should know that are not findings about the content (no git history, a shallow clone).
    public var notes: [String] = []
    /// How the build cache was used: nil for a clean build, else what was redone.
    public var incremental: Incremental?
    /// What the planner decided (nil when nothing was built).
    public var plan: BuildPlan?

    public enum Incremental: Sendable, Equatable {
        /// Nothing changed since the last build: nothing was done.
        case upToDate
        /// Only what depends on this many pages added, removed or edited was rendered again.
        case pages(Int)
        /// Every page was rendered again (in memory); only changed files were written.
        case everything
    }
}

/// Receives a line per pipeline step.
public protocol BuildProgress: Sendable {
    func step(_ index: Int, of total: Int, _ name: String, detail: String)
}

public struct SilentProgress: BuildProgress {
    public init() {}
    public func step(_ index: Int, of total: Int, _ name: String, detail: String) {}
}
