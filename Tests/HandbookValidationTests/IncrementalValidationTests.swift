import Foundation
import HandbookContent
import HandbookModel
import HandbookTestSupport
import HandbookValidation
import Testing

/// The preview server validates with the last validation's memo, checking again only the pages a change
/// can affect: after every kind of edit, its findings are those of a validation from nothing.
@Suite struct IncrementalValidationTests {
    static let today = Day(year: 2026, month: 1, day: 1)

    /// The steps, each applied on top of the ones before: files written (text) or removed (nil).
    static let steps: [(what: String, files: [String: String?])] = [
        ("an anchor linked to goes", ["policies/service.md": Fixture.handbook["policies/service.md"]!.replacing("## Межі безпеки", with: "## Межі")]),
        ("the anchor comes back", ["policies/service.md": Fixture.handbook["policies/service.md"]!]),
        ("a principle goes in one language", ["principles/listen.md": nil]),
        ("and in the other", ["principles/listen.en.md": nil]),
        ("a principle with a near id comes", ["principles/lissen.md": "---\ntitle: Слухати\nowner: leads\npolicy: service\n---\n\nТекст.\n"]),
        ("the principle comes back in one language", ["principles/listen.md": Fixture.handbook["principles/listen.md"]!]),
        ("an example changes sides", ["examples/heard.md": Fixture.handbook["examples/heard.md"]!.replacing("verdict: good", with: "verdict: bad")]),
        ("a principle names a policy that does not exist", ["principles/help-first.md": Fixture.handbook["principles/help-first.md"]!.replacing("policy: service", with: "policy: servise")]),
        ("that policy comes", ["policies/servise.md": "---\ntitle: Друга\nowner: olena\n---\n\nТекст.\n"]),
        ("that policy goes", ["policies/servise.md": nil]),
        ("a link to a file that is not there", ["faq/briefing.md": Fixture.handbook["faq/briefing.md"]! + "\n\nДив. [бланк](../files/form.pdf).\n"]),
        ("the file comes", ["files/form.pdf": "%PDF-1.4\n"]),
        ("the file goes", ["files/form.pdf": nil]),
        ("a file with a near name comes", ["files/forms.pdf": "%PDF-1.4\n"]),
        ("an example's front matter cannot be read", ["examples/tea.md": "---\ntitle: [broken\n---\n\nТекст.\n"]),
        ("it is fixed", ["examples/tea.md": Fixture.handbook["examples/tea.md"]!]),
        ("an example has no story to ask about", ["examples/taxi.md": "---\ntitle: Таксі вночі\nverdict: good\nprinciples: [help-first]\n---\n"]),
        ("a second uk page of an example", ["examples/taxi.uk.md": Fixture.handbook["examples/taxi.md"]!]),
        ("a review is overdue and an owner unknown", ["policies/service.en.md": Fixture.handbook["policies/service.en.md"]!
            .replacing("review_by: 2027-01-01", with: "review_by: 2025-06-01").replacing("owner: olena", with: "owner: olga")]),
        ("a briefing loses its questions", ["faq/briefing.md": "---\ntitle: Брифінг\ndate: 2025-03-12\nfacilitator: olena\n---\n\nТекст.\n"]),
        ("a page links to a page that comes later", ["notes.md": "---\ntitle: Нотатки\n---\n\nДив. [пізніше](later.md#розділ).\n"]),
        ("that page comes without the heading", ["later.md": "---\ntitle: Пізніше\n---\n\nТекст.\n"]),
        ("the heading is written", ["later.md": "---\ntitle: Пізніше\n---\n\n## Розділ\n\nТекст.\n"]),
        ("raw HTML in a page", ["later.md": "---\ntitle: Пізніше\n---\n\n## Розділ\n\n<div>Текст.</div>\n"]),
        ("the principles come back", ["principles/listen.en.md": Fixture.handbook["principles/listen.en.md"]!, "principles/lissen.md": nil,
                                      "principles/help-first.md": Fixture.handbook["principles/help-first.md"]!]),
    ]

    @Test func everyStepFindsWhatAValidationFromNothingFinds() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook)
        let validator = Validator(today: Self.today)
        var memo: ValidationMemo?
        _ = validator.validate(try HandbookLoader(root: folder.path).load(), memo: &memo)
        var rules: Set<Rule> = []
        for (what, files) in Self.steps {
            for (path, text) in files {
                if let text { try folder.write([path: text]) } else { try FileManager.default.removeItem(atPath: "\(folder.path)/\(path)") }
            }
            let handbook = try HandbookLoader(root: folder.path).load()
            let kept = validator.validate(handbook, memo: &memo), whole = validator.validate(handbook)
            #expect(kept == whole, "\(what): \(Set(kept).symmetricDifference(whole).map { "\($0.location) \($0.message) (\($0.hint ?? ""))" })")
            rules.formUnion(whole.map(\.rule))
        }
        // The steps reach every rule the memo keeps findings of, so a stale one would show.
        let reached: Set<Rule> = [.brokenLink, .examplePrinciple, .principlePolicy, .principleExample, .oneSidedExamples, .missingTranslation,
                                  .selfCheckItem, .duplicateID, .reviewOverdue, .policyOwner, .faqQuestion, .rawHTML]
        #expect(reached.isSubset(of: rules), "not reached: \(reached.subtracting(rules))")
    }
}
