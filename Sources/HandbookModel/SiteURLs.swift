/// Where every page of the site lives. One place decides every URL, so links never disagree.
public struct SiteURLs: Sendable {
    public let baseURL: String
    public let defaultLanguage: String

    public init(settings: Settings) {
        baseURL = settings.baseURL
        defaultLanguage = settings.defaultLanguage
    }

    /// The folder of a page under the output, without base URL: `principles/help-first/`, `en/principles/help-first/`,
    /// `` for the home page. Plain pages keep their path; an `index` page stands for its folder.
    public func folder(kind: Kind, id: String, language: String) -> String {
        var path: String
        if let folder = kind.folder {
            path = "\(folder)/\(id)/"
        } else if id == "index" {
            path = ""
        } else if id.hasSuffix("/index") {
            path = String(id.dropLast("index".count))
        } else {
            path = "\(id)/"
        }
        return languagePrefix(language) + path
    }

    public func languagePrefix(_ language: String) -> String {
        language == defaultLanguage ? "" : "\(language)/"
    }

    /// Absolute URL (with base URL) of an output folder or file path.
    public func url(_ outputPath: String) -> String { baseURL + outputPath }

    public func page(kind: Kind, id: String, language: String) -> String {
        url(folder(kind: kind, id: id, language: language))
    }

    public func page(_ page: Page) -> String { self.page(kind: page.kind, id: page.id, language: page.language) }

    public func home(_ language: String) -> String { url(languagePrefix(language)) }

    public func list(_ kind: Kind, language: String) -> String {
        url(languagePrefix(language) + (kind.folder ?? "") + "/")
    }

    public func people(_ language: String) -> String { url(languagePrefix(language) + "people/") }

    public func person(_ id: String, language: String) -> String { url(languagePrefix(language) + "people/\(id)/") }

    public func search(_ language: String) -> String { url(languagePrefix(language) + "search/") }
}
