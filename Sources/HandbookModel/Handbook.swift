/// A whole loaded handbook: settings, people, every page, and what loading found wrong.
public struct Handbook: Sendable {
    public var settings: Settings
    public var people: [Person]
    /// Sorted by path.
    public var pages: [Page]
    /// Files that are not Markdown (images, attachments), copied as they are; paths relative to content.
    public var assets: [String]
    /// Findings made while loading (front matter, unreadable files, settings).
    public var loadDiagnostics: [Diagnostic]
    /// `handbook.yml` or `people.yml` when it could not be read at all (not UTF-8, invalid YAML): the
    /// defaults stand in for it, and findings that only follow from the defaults are left out.
    public var unreadableFiles: Set<String> = []
    /// There is no `handbook.yml`: the settings are the defaults (a folder of Markdown brought as it is).
    public var settingsMissing = false
    /// Ids in people.yml that were refused (they cannot name a page): their own finding is the cause, so
    /// owners that name them are not reported again.
    public var refusedPeople: Set<String> = []
    /// The acknowledgement ledger (`acknowledgements/*.yml`), entries in file and line order.
    public var acknowledgements: [Acknowledgement] = []

    public init(settings: Settings, people: [Person], pages: [Page], assets: [String] = [], loadDiagnostics: [Diagnostic] = []) {
        self.settings = settings
        self.people = people
        self.pages = pages
        self.assets = assets
        self.loadDiagnostics = loadDiagnostics
    }

    public func person(_ id: String) -> Person? { people.first { $0.id == id } }
}
