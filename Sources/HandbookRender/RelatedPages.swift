import HandbookModel

/// What other pages show of a page: its front matter (title, summary, owner, verdict, relations), its
/// title, and for a briefing its questions and the principles they link to. When none of it changed
/// (`stableHash`), an edit re-renders the page alone (`Planner`).
public struct ListingSignature {
    public let frontMatter: FrontMatter
    public let frontMatterHash: UInt64
    public let title: String
    public let questions: [[String]]
    public let links: [String]
    /// What cards show of the page when its front matter has no summary (an example's first sentence).
    public let excerpt: String

    public init(_ page: Page) {
        // What a card shows: the summary, or an example's first sentence (also under an empty `summary: ""`).
        excerpt = PageExcerpt.of(page) ?? ""
        frontMatter = page.frontMatter
        frontMatterHash = page.frontMatterHash
        title = page.title
        if page.kind == .faq {
            let questions = page.body.headings.filter { $0.level == 2 }
            self.questions = questions.map { [$0.text, $0.anchor] }
            // Each link with the question it is under: a principle page lists the questions that link to it.
            links = page.body.links.compactMap { link in
                link.targetPath.map { target in (questions.last { $0.line <= link.location.line }?.anchor ?? "") + "\u{2}" + target }
            }
        } else {
            questions = []
            links = []
        }
    }
}

/// What `Relations`, `RelatedPages` and the index's entries read of a page's own file: its policy, its
/// principles and verdict, a briefing's questions and the links under them, and (apart, as they decide only
/// whose pages list it) its owner and facilitator. An edit that keeps `entities` equal changes no other
/// page's entry; one that keeps `people` equal too changes no relation (a retitle, a new summary, a review date).
public struct RelationSignature: Equatable, Sendable {
    public let entities: [String]
    public let people: [String]

    public init(_ page: Page) {
        var entities: [String] = [page.kind.rawValue]
        switch page.frontMatter.fields {
        case .principle(let fields):
            entities.append(fields.policy?.value ?? "\u{0}")
        case .example(let fields):
            entities.append(fields.verdict?.rawValue ?? "\u{0}")
            entities += fields.principles.map(\.value)
        case .faq:
            let signature = ListingSignature(page)
            entities += signature.questions.map { $0.joined(separator: "\u{2}") }
            entities.append("\u{1}")
            entities += signature.links
        case .policy, .page:
            break
        }
        self.entities = entities
        people = RelatedPages.people(of: page)
    }
}

/// The entities whose pages show something of a page: a policy's principles, a principle's policy and
/// examples, an example's principles, the principles a briefing's questions link to.
public enum RelatedPages {
    public static func keys(showing page: Page, in relations: Relations) -> Set<PageKey> {
        var keys: Set<PageKey> = []
        switch page.frontMatter.fields {
        case .policy:
            for id in relations.principlesByPolicy[page.id] ?? [] {
                keys.insert(PageKey(kind: .principle, id: id))
                // A briefing links to the packs of the policies its questions are about, by their titles.
                for ref in relations.questionsByPrinciple[id] ?? [] { keys.insert(ref.faq) }
            }
        case .principle(let fields):
            if let policy = fields.policy?.value { keys.insert(PageKey(kind: .policy, id: policy)) }
            for id in (relations.goodExamples[page.id] ?? []) + (relations.badExamples[page.id] ?? []) { keys.insert(PageKey(kind: .example, id: id)) }
            // Its policy decides whose briefing packs the briefings asking about it link to.
            for ref in relations.questionsByPrinciple[page.id] ?? [] { keys.insert(ref.faq) }
        case .example(let fields):
            for principle in fields.principles { keys.insert(PageKey(kind: .principle, id: principle.value)) }
        case .faq:
            for (principle, questions) in relations.questionsByPrinciple where questions.contains(where: { $0.faq == page.key }) {
                keys.insert(PageKey(kind: .principle, id: principle))
            }
        case .page:
            break
        }
        keys.remove(page.key)
        return keys
    }

    /// The people whose pages list a page: its owner, a briefing's facilitator.
    public static func people(of page: Page) -> [String] {
        if case .faq(let fields) = page.frontMatter.fields { return fields.facilitator.map { [$0.value] } ?? [] }
        return page.frontMatter.fields.owner.map { [$0.value] } ?? []
    }
}

extension ListingSignature {
    /// The same value in every process, so a build cache can keep it between builds. The front matter
    /// counts by the hash of its text, which an edit of the body cannot change (the front matter comes
    /// first); describing its values instead (`String(reflecting:)`) cost 1.6 CPU-s on 18,000 pages.
    public var stableHash: UInt64 {
        var text = String(frontMatterHash, radix: 16)
        text += "\u{1}" + title + "\u{1}"
        text += questions.map { $0.joined(separator: "\u{2}") }.joined(separator: "\u{3}")
        text += "\u{1}" + links.joined(separator: "\u{2}")
        text += "\u{1}" + excerpt
        return ContentHash.of(text)
    }
}
