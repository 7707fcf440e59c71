import HandbookModel

/// Names a render job without holding its page: what a plan lists and the build cache keeps.
public enum JobID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A page's own page, by content path.
    case page(String)
    /// A page's history page and `history.json`, by content path.
    case history(String)
    case list(Kind, language: String)
    case home(language: String)
    /// A language's `versions.json`: every page's current version and title (versions.js reads it).
    case versions(language: String)
    case people(language: String)
    case person(String, language: String)
    case changes(language: String)
    case search(language: String)
    case allPages(language: String)
    /// A policy's briefing pack and self-check, by policy id.
    case briefingPack(String, language: String)
    case selfCheck(String, language: String)
    case acknowledgements(language: String)
    case notFound

    public var description: String {
        switch self {
        case .page(let path): "page \(path)"
        case .history(let path): "history \(path)"
        case .list(let kind, let language): "list \(kind.rawValue) \(language)"
        case .home(let language): "home \(language)"
        case .versions(let language): "versions \(language)"
        case .people(let language): "people \(language)"
        case .person(let id, let language): "person \(id) \(language)"
        case .changes(let language): "changes \(language)"
        case .search(let language): "search \(language)"
        case .allPages(let language): "a-z \(language)"
        case .briefingPack(let id, let language): "briefing \(id) \(language)"
        case .selfCheck(let id, let language): "self-check \(id) \(language)"
        case .acknowledgements(let language): "acknowledgements \(language)"
        case .notFound: "404"
        }
    }

    public static func < (left: JobID, right: JobID) -> Bool { left.description < right.description }
}

extension RenderJob {
    public var id: JobID {
        switch self {
        case .page(let page): .page(page.path)
        case .history(let page): .history(page.path)
        case .list(let kind, let language): .list(kind, language: language)
        case .home(let language): .home(language: language)
        case .versions(let language): .versions(language: language)
        case .people(let language): .people(language: language)
        case .person(let id, let language): .person(id, language: language)
        case .changes(let language): .changes(language: language)
        case .search(let language): .search(language: language)
        case .allPages(let language): .allPages(language: language)
        case .briefingPack(let policy): .briefingPack(policy.id, language: policy.language)
        case .selfCheck(let policy): .selfCheck(policy.id, language: policy.language)
        case .acknowledgements(let language): .acknowledgements(language: language)
        case .notFound: .notFound
        }
    }
}
