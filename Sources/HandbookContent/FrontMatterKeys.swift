import HandbookModel

/// The front matter keys of the content contract, by kind.
public enum FrontMatterKeys {
    public static let common = ["title", "draft", "summary"]

    public static func specific(to kind: Kind) -> [String] {
        switch kind {
        case .policy: ["owner", "status", "effective", "review_by", "applies_to", "exceptions", "escalation", "acknowledge"]
        case .principle: ["owner", "policy", "tags"]
        case .example: ["verdict", "principles", "source", "better"]
        case .faq: ["date", "facilitator"]
        case .page: []
        }
    }

    public static func known(for kind: Kind) -> [String] { common + specific(to: kind) }
}
