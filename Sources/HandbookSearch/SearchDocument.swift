/// One page as search sees it: what is indexed, what filters apply, and what a result shows.
public struct SearchDocument: Sendable, Equatable {
    /// The page's URL on the site (with the base URL).
    public var url: String
    public var title: String
    /// `policy`, `principle`, `example`, `faq` or `page`.
    public var kind: String
    /// `good` or `bad` for an example.
    public var verdict: String?
    public var owner: Reference?
    public var policy: Reference?
    public var summary: String
    /// The text before the first heading (anchor and heading empty), then one section per heading.
    public var sections: [SearchSection]
    /// What the page shows besides its text (a policy's exceptions and escalation, an owner's name and
    /// role, tags, a bad example's better way): indexed with the weight of headings, and shown in results
    /// as sections linked to their place on the page.
    public var facts: [SearchSection]
    /// The page's current version (`2026-11-23-71fe0bc`), shown with a result; nil without history.
    public var version: String?

    public struct Reference: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    public init(url: String, title: String, kind: String, verdict: String? = nil, owner: Reference? = nil, policy: Reference? = nil,
                summary: String = "", sections: [SearchSection], facts: [SearchSection] = [], version: String? = nil) {
        self.url = url; self.title = title; self.kind = kind; self.verdict = verdict
        self.owner = owner; self.policy = policy; self.summary = summary; self.sections = sections
        self.facts = facts; self.version = version
    }

    /// One letter per result kind, as the manifest lists them: policy, principle, good and bad example, faq, other page.
    var kindCode: Character {
        switch kind {
        case "policy": "p"
        case "principle": "r"
        case "example": verdict == "bad" ? "b" : "g"
        case "faq": "f"
        default: "o"
        }
    }
}

/// A headed part of a page (a FAQ question and its answer, a section): a sub-result that links to its anchor.
public struct SearchSection: Sendable, Equatable {
    public var anchor: String
    public var heading: String
    public var text: String

    public init(anchor: String, heading: String, text: String) {
        self.anchor = anchor; self.heading = heading; self.text = text
    }
}
