/// Front matter decoded once into typed values; each value keeps where it was written.
public struct FrontMatter: Sendable, Hashable {
    /// Line of the opening `---` (nil when the page has no front matter).
    public var openingLine: Int?
    public var title: Located<String>?
    public var draft: Bool
    public var summary: Located<String>?
    public var fields: KindFields
    /// False when the front matter could not be read at all (invalid YAML, not closed): its keys are unknown,
    /// so rules about missing keys say nothing about it.
    public var isReadable: Bool = true
    /// A plain page's keys this tool does not know (Hugo's `weight`, Jekyll's `layout`, MkDocs' `tags`):
    /// kept for templates (`{{extra.KEY}}`, text values only), as Hugo's and Zola's `extra` (and still
    /// reported as `unknown-key`, a warning, as the contract says).
    public var extra: [String: String] = [:]

    public init(openingLine: Int? = nil, title: Located<String>? = nil, draft: Bool = false, summary: Located<String>? = nil, fields: KindFields) {
        self.openingLine = openingLine
        self.title = title
        self.draft = draft
        self.summary = summary
        self.fields = fields
    }
}

/// The keys that only one kind of page has.
public enum KindFields: Sendable, Hashable {
    case policy(PolicyFields)
    case principle(PrincipleFields)
    case example(ExampleFields)
    case faq(FAQFields)
    case page

    public var owner: Located<String>? {
        switch self {
        case .policy(let p): p.owner
        case .principle(let p): p.owner
        default: nil
        }
    }
}

public enum PolicyStatus: String, Sendable, Hashable, CaseIterable {
    case draft, active, retired
}

public struct PolicyException: Sendable, Hashable {
    public var who: String
    public var may: String
    public var limit: String
    public init(who: String, may: String, limit: String) {
        self.who = who; self.may = may; self.limit = limit
    }
}

public struct PolicyFields: Sendable, Hashable {
    public var owner: Located<String>?
    public var status: PolicyStatus = .active
    public var effective: Located<Day>?
    public var reviewBy: Located<Day>?
    public var appliesTo: [String] = []
    public var exceptions: [PolicyException] = []
    public var escalation: [String] = []
    /// `acknowledge: required`: readers confirm they have read each version (see `Acknowledgement`).
    public var acknowledge = false
    public init() {}
}

public struct PrincipleFields: Sendable, Hashable {
    public var owner: Located<String>?
    public var policy: Located<String>?
    public var tags: [String] = []
    public init() {}
}

public enum Verdict: String, Sendable, Hashable, CaseIterable {
    case good, bad
}

public struct ExampleFields: Sendable, Hashable {
    public var verdict: Verdict?
    /// Where `verdict` was written, or nil when it is missing.
    public var verdictLocation: SourceLocation?
    public var principles: [Located<String>] = []
    public var principlesLocation: SourceLocation?
    public var source: String?
    /// For a bad example: what should have been done (`better:`).
    public var better: Located<String>?
    public init() {}
}

public struct FAQFields: Sendable, Hashable {
    public var date: Located<Day>?
    /// Where `date` was written (even when its value was not a date), or nil when it is missing.
    public var dateLocation: SourceLocation?
    public var facilitator: Located<String>?
    public init() {}
}
