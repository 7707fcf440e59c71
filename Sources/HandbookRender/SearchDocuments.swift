import HandbookModel
import HandbookSearch

/// Turns rendered pages into search documents, from the render pass's plain text and headings
/// (no Markdown is parsed again).
struct SearchDocuments {
    let site: SiteContext

    func document(_ page: Page) -> SearchDocument {
        let relations = site.relations
        var ownerID = page.frontMatter.fields.owner?.value
        var policyID: String?
        var verdict: String?
        switch page.frontMatter.fields {
        case .policy:
            policyID = page.id
        case .principle(let fields):
            policyID = fields.policy?.value
        case .example(let fields):
            verdict = fields.verdict?.rawValue
            // An example is filed under the owner and policy of the principle it illustrates.
            if let principleID = fields.principles.first?.value,
               let principle = relations.page(PageKey(kind: .principle, id: principleID), language: page.language),
               case .principle(let principleFields) = principle.frontMatter.fields {
                ownerID = principleFields.owner?.value
                policyID = principleFields.policy?.value
            }
        case .faq(let fields):
            ownerID = fields.facilitator?.value
        case .page:
            break
        }
        let owner = ownerID.flatMap { site.people[$0] }.map { SearchDocument.Reference(id: $0.id, name: $0.name) }
        let policy = policyID.flatMap { id in
            relations.page(PageKey(kind: .policy, id: id), language: page.language).map { SearchDocument.Reference(id: id, name: $0.title) }
        }
        // The home page is found by the site's title, not by the words of its introduction.
        if page.kind == .page && page.id == "index" {
            return SearchDocument(url: site.urls.page(page), title: page.title, kind: page.kind.rawValue, sections: [])
        }
        return SearchDocument(url: site.urls.page(page), title: page.title, kind: page.kind.rawValue, verdict: verdict,
                              owner: owner, policy: policy, summary: PageExcerpt.of(page) ?? "",
                              sections: site.memo.searchSections(page) { Self.sections(page.body) }, facts: facts(page, ownerID: page.frontMatter.fields.owner?.value))
    }

    /// The people and teams of people.yml, found by name and role (their pages list what they own).
    func people(language: String) -> [SearchDocument] {
        site.peopleOrder.map { person in
            SearchDocument(url: site.urls.person(person.id, language: language), title: person.name, kind: "person",
                           summary: person.role ?? "", sections: [])
        }
    }

    /// What the page shows besides its text, each under the heading and anchor it has on the page.
    func facts(_ page: Page, ownerID: String?) -> [SearchSection] {
        let t = site.t(page.language)
        var facts: [SearchSection] = []
        switch page.frontMatter.fields {
        case .policy(let fields):
            if !fields.exceptions.isEmpty {
                let rows = fields.exceptions.map { "\($0.who): \($0.may) — \($0.limit)" }
                facts.append(SearchSection(anchor: "exceptions", heading: t["exceptions"], text: rows.joined(separator: "\n")))
            }
            if !fields.escalation.isEmpty {
                facts.append(SearchSection(anchor: "escalation", heading: t["escalation"], text: fields.escalation.joined(separator: " → ")))
            }
            if !fields.appliesTo.isEmpty {
                let audiences = fields.appliesTo.map { t["audience_\($0)"] == "audience_\($0)" ? $0 : t["audience_\($0)"] }
                facts.append(SearchSection(anchor: "", heading: t["applies_to"], text: audiences.joined(separator: ", ")))
            }
        case .principle(let fields):
            if !fields.tags.isEmpty { facts.append(SearchSection(anchor: "", heading: "", text: fields.tags.joined(separator: ", "))) }
        case .example(let fields):
            if fields.verdict == .bad, let better = fields.better?.value {
                facts.append(SearchSection(anchor: "better", heading: t["better_title"], text: better))
            }
        case .faq(let fields):
            if let facilitator = fields.facilitator?.value, let person = site.people[facilitator] {
                facts.append(SearchSection(anchor: "", heading: t["facilitator"], text: person.name))
            }
        case .page:
            break
        }
        if let ownerID, let person = site.people[ownerID] {
            facts.append(SearchSection(anchor: "", heading: t["owner"], text: [person.name, person.role].compactMap { $0 }.joined(separator: ", ")))
        }
        return facts
    }

    /// The text before the first heading, then each heading's text up to the next heading.
    static func sections(_ body: RenderedBody) -> [SearchSection] {
        let bytes = Array(body.plainText.utf8)
        func text(_ range: Range<Int>) -> String {
            var end = range.upperBound
            while end > range.lowerBound, bytes[end - 1] == 10 { end -= 1 }
            return String(decoding: bytes[range.lowerBound..<end], as: UTF8.self)
        }
        let offsets = body.headings.map { min(max($0.textOffset, 0), bytes.count) }
        var sections = [SearchSection(anchor: "", heading: "", text: text(0..<(offsets.first ?? bytes.count)))]
        for (index, heading) in body.headings.enumerated() {
            let end = index + 1 < offsets.count ? max(offsets[index + 1], offsets[index]) : bytes.count
            var start = offsets[index]
            while start < end, bytes[start] != 10 { start += 1 }
            sections.append(SearchSection(anchor: heading.anchor, heading: heading.text, text: text(min(start + 1, end)..<end)))
        }
        return sections
    }
}
