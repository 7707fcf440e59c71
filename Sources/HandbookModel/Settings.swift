/// `handbook.yml`: site settings.
public struct Settings: Sendable, Hashable {
    public var title: String
    /// The first is the default language.
    public var languages: [String]
    /// Path prefix the site is served under, always starting and ending with `/`.
    public var baseURL: String
    /// Repository web address for edit and commit links.
    public var repository: String?
    /// Default review period: `review_by` = `effective` + this many days.
    public var reviewIntervalDays: Int?
    /// How many changes the changes page and the feed show at least, however old (`recent_changes`).
    public var recentChanges: Int = Settings.defaultRecentChanges

    public static let defaultRecentChanges = 20

    public init(title: String, languages: [String] = ["en"], baseURL: String = "/", repository: String? = nil, reviewIntervalDays: Int? = nil) {
        self.title = title
        self.languages = languages.isEmpty ? ["en"] : languages
        self.baseURL = Settings.normalizeBaseURL(baseURL)
        self.repository = repository
        self.reviewIntervalDays = reviewIntervalDays
    }

    public var defaultLanguage: String { languages[0] }

    /// `handbook` → `/handbook/`, `` → `/`.
    public static func normalizeBaseURL(_ raw: String) -> String {
        let trimmed = raw.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/\(trimmed)/"
    }
}
