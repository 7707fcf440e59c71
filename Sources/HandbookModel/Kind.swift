/// The kind of a page, decided by its top folder under `content/`.
public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
    case policy
    case principle
    case example
    case faq
    case page

    /// The top folder that holds pages of this kind (`nil` for plain pages, which keep their path).
    public var folder: String? {
        switch self {
        case .policy: "policies"
        case .principle: "principles"
        case .example: "examples"
        case .faq: "faq"
        case .page: nil
        }
    }

    /// The kinds that have their own folder and list page.
    public static let structured: [Kind] = [.policy, .principle, .example, .faq]

    public init(folder: String) {
        self = Kind.structured.first { $0.folder == folder } ?? .page
    }

    public static func < (lhs: Kind, rhs: Kind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
