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
    /// The address the site is published at (`site_url`, http or https): its scheme and host; the path
    /// comes from `base_url`. Briefing packs carry a QR code of their policy's absolute address when it is set.
    public var siteURL: String?
    /// How many changes the changes page and the feed show at least, however old (`recent_changes`).
    public var recentChanges: Int = Settings.defaultRecentChanges
    /// Where acknowledgements' receipts go (`acknowledgements: {mailbox: ADDRESS, form_url: URL}`): an
    /// email address for a `mailto:` link, and a form's address its fields are filled into.
    public var acknowledgementMailbox: String?
    public var acknowledgementForm: String?

    /// How many days ahead the "reviews due" page looks (`reviews_due_days`).
    public var reviewsDueDays: Int = Settings.defaultReviewsDueDays
    /// The branch "Edit this page" opens (`repository_branch`).
    public var repositoryBranch: String = "main"
    /// The forge of `repository` when its host does not say (`forge: github`, `gitlab` or `gitea`).
    public var forge: Forge.Kind?

    /// The repository's forge, for "Edit this page", "Propose a change" and commit links; nil without `repository`
    /// or when its forge is unknown.
    public var repositoryForge: Forge? {
        repository.flatMap { Forge(repository: $0, kind: forge, branch: repositoryBranch) }
    }

    public static let defaultRecentChanges = 20
    public static let defaultReviewsDueDays = 30

    public init(title: String, languages: [String] = ["en"], baseURL: String = "/", repository: String? = nil, reviewIntervalDays: Int? = nil) {
        self.title = title
        self.languages = languages.isEmpty ? ["en"] : languages
        self.baseURL = Settings.normalizeBaseURL(baseURL)
        self.repository = repository
        self.reviewIntervalDays = reviewIntervalDays
    }

    public var defaultLanguage: String { languages[0] }

    /// An absolute address of a site path (`/handbook/policies/x/`), when `site_url` is set: its scheme and
    /// host with the path (a path of its own in `site_url` is replaced by the site path, which holds the base URL).
    public func absoluteURL(_ sitePath: String) -> String? {
        guard let siteURL, let colon = siteURL.firstIndex(of: ":"), siteURL[colon...].hasPrefix("://") else { return nil }
        let rest = siteURL[siteURL.index(colon, offsetBy: 3)...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return siteURL[..<colon].lowercased() + "://" + host + sitePath
    }

    /// Why a base URL cannot prefix every link of the site, or nil: each part must be a plain path name
    /// (letters of any script, digits, `-`, `_`, `.`, `~`), so no `\`, whitespace, control character, `%`,
    /// `?`, `#` or `:` can turn `/\host/` into another host, and no `.` or `..` part can climb.
    public static func baseURLProblem(_ raw: String) -> String? {
        for part in raw.split(separator: "/") {
            if part == "." || part == ".." { return "'\(part)' is not a folder name" }
            if let bad = part.unicodeScalars.first(where: { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.~".unicodeScalars.contains($0)) }) {
                return "it holds \(bad.value < 0x20 || bad.value == 0x7F ? "a control character" : "'\(Character(bad))'"), which a path prefix cannot have"
            }
        }
        return nil
    }

    /// `handbook` → `/handbook/`, `` → `/`.
    public static func normalizeBaseURL(_ raw: String) -> String {
        let trimmed = raw.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? "/" : "/\(trimmed)/"
    }
}
