import HandbookModel
import HandbookTestSupport
import Testing

/// One small handbook per rule, each with exactly one mistake, yields exactly that finding.
@Suite struct RuleTests {
    @Test func theFixtureIsClean() throws {
        #expect(try findings(Fixture.handbook) == [])
    }

    @Test func principleWithoutOwner() throws {
        let result = try findings(Fixture.with(["principles/listen.md": "---\ntitle: Вислухати\npolicy: service\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.principleOwner, "principles/listen.md", 1)])
        #expect(result[0].message.contains("has no owner"))
        #expect(result[0].hint?.contains("known owners: olena, leads") == true)
    }

    @Test func principleWithUnknownOwner() throws {
        let result = try findings(Fixture.with(["principles/listen.md": "---\ntitle: Вислухати\nowner: ghost\npolicy: service\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.principleOwner, "principles/listen.md", 3, 8)])
        #expect(result[0].message == "owner 'ghost' is not in people.yml; known owners: olena, leads")
    }

    @Test func policyWithMisspelledOwnerGetsASuggestion() throws {
        let policy = Fixture.handbook["policies/service.md"]!.replacing("owner: olena", with: "owner: olna")
        let result = try findings(Fixture.with(["policies/service.md": policy]))
        #expect(result.map(Found.init) == [Found(.policyOwner, "policies/service.md", 3, 8)])
        #expect(result[0].hint?.hasPrefix("did you mean 'olena'?") == true)
    }

    @Test func principleWithoutExample() throws {
        let result = try found(Fixture.with([
            "principles/lonely.md": "---\ntitle: Самотній\nowner: olena\n---\n\nТекст.\n",
            "principles/lonely.en.md": "---\ntitle: Lonely\nowner: olena\n---\n\nText.\n",
        ]))
        #expect(result == [Found(.principleExample, "principles/lonely.md", 1)])
    }

    @Test func principleWithOnlyGoodExamples() throws {
        let result = try findings(Fixture.with(["examples/callback.md": nil, "examples/tea.md": nil]))
        #expect(result.map(Found.init) == [Found(.oneSidedExamples, "principles/help-first.md", 1), Found(.oneSidedExamples, "principles/listen.md", 1)])
        #expect(result.allSatisfy { $0.severity == .warning })
    }

    @Test func exampleWithoutVerdict() throws {
        let result = try found(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nprinciples: [help-first]\n---\n\nТекст.\n"]))
        #expect(result == [Found(.exampleVerdict, "examples/taxi.md", 1)])
    }

    @Test func exampleWithWrongVerdict() throws {
        let result = try findings(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: great\nprinciples: [help-first]\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.exampleVerdict, "examples/taxi.md", 3, 10)])
        #expect(result[0].message == "verdict 'great' is neither good nor bad")
    }

    @Test func exampleWithUnknownPrinciple() throws {
        let result = try findings(Fixture.with(["examples/heard.md": "---\ntitle: Вислухала\nverdict: good\nprinciples: [listen, help-frist]\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.examplePrinciple, "examples/heard.md", 4, 22)])
        #expect(result[0].hint == "did you mean 'help-first'?")
    }

    @Test func exampleWithoutPrinciples() throws {
        let result = try found(Fixture.with(["examples/heard.md": "---\ntitle: Вислухала\nverdict: good\n---\n\nТекст.\n"]))
        #expect(result == [Found(.examplePrinciple, "examples/heard.md", 1), Found(.oneSidedExamples, "principles/listen.md", 1)])
    }

    @Test func principleWithUnknownPolicy() throws {
        let text = Fixture.handbook["principles/listen.md"]!.replacing("policy: service", with: "policy: servce")
        let result = try findings(Fixture.with(["principles/listen.md": text]))
        #expect(result.map(Found.init) == [Found(.principlePolicy, "principles/listen.md", 4, 9)])
        #expect(result[0].hint == "did you mean 'service'?")
    }

    @Test func brokenLinkToMissingPage() throws {
        let result = try findings(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples: [help-first]\n---\n\nРядок.\nДив. [принцип](../principles/help-frist.md).\n"]))
        #expect(result.map(Found.init) == [Found(.brokenLink, "examples/taxi.md", 8, 16)])
        #expect(result[0].hint == "did you mean ../principles/help-first.md?")
    }

    @Test func brokenLinkToMissingAnchor() throws {
        let text = Fixture.handbook["principles/help-first.md"]!.replacing("#межі-безпеки", with: "#межі-безпек")
        let result = try findings(Fixture.with(["principles/help-first.md": text]))
        #expect(result.map(Found.init) == [Found(.brokenLink, "principles/help-first.md", 8, 13)])
        #expect(result[0].hint == "did you mean '#межі-безпеки'?")
    }

    @Test func linkClimbingOutOfTheContent() throws {
        let result = try found(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples: [help-first]\n---\n\n[up](../../secret.md)\n"]))
        #expect(result == [Found(.brokenLink, "examples/taxi.md", 7, 6)])
    }

    @Test func invalidYAML() throws {
        let result = try found(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples: [help-first\n---\n\nТекст.\n"]))
        #expect(result.contains { $0.rule == .frontMatter && $0.file == "examples/taxi.md" && $0.line >= 4 })
    }

    @Test func missingTitle() throws {
        let result = try found(Fixture.with(["examples/taxi.md": "---\nverdict: good\nprinciples: [help-first]\n---\n\nТекст.\n"]))
        #expect(result == [Found(.frontMatter, "examples/taxi.md", 1)])
    }

    @Test func wrongValueType() throws {
        let result = try findings(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\ndraft: maybe\nverdict: good\nprinciples: [help-first]\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.frontMatter, "examples/taxi.md", 3, 8)])
        #expect(result[0].message == "'draft' must be true or false, not 'maybe'")
    }

    @Test func wrongDate() throws {
        let faq = Fixture.handbook["faq/briefing.md"]!.replacing("date: 2025-03-12", with: "date: 2025-13-12")
        let result = try found(Fixture.with(["faq/briefing.md": faq]))
        #expect(result == [Found(.frontMatter, "faq/briefing.md", 3, 7)])
    }

    @Test func unclosedFrontMatter() throws {
        let result = try found(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples: [help-first]\n\nТекст.\n"]))
        #expect(result.contains(Found(.frontMatter, "examples/taxi.md", 1)))
    }

    @Test func duplicateID() throws {
        let result = try found(Fixture.with(["principles/help-first.uk.md": Fixture.handbook["principles/help-first.md"]!]))
        #expect(result == [Found(.duplicateID, "principles/help-first.uk.md", 1)])
    }

    @Test func faqWithoutQuestion() throws {
        let result = try found(Fixture.with(["faq/empty.md": "---\ntitle: Порожній\ndate: 2025-01-01\n---\n\nЛише вступ.\n"]))
        #expect(result == [Found(.faqQuestion, "faq/empty.md", 5)])
    }

    @Test func reviewOverdue() throws {
        let policy = Fixture.handbook["policies/service.md"]!.replacing("review_by: 2027-01-01", with: "review_by: 2025-06-01")
        let result = try findings(Fixture.with(["policies/service.md": policy]))
        #expect(result.map(Found.init) == [Found(.reviewOverdue, "policies/service.md", 6, 12)])
        #expect(result[0].severity == .warning)
    }

    @Test func reviewDueFromEffectiveDateAndInterval() throws {
        let settings = "title: T\nlanguages: [uk, en]\nreview_interval_days: 30\n"
        let policy = Fixture.handbook["policies/service.md"]!.replacing("review_by: 2027-01-01\n", with: "")
        let result = try found(Fixture.with(["handbook.yml": settings, "policies/service.md": policy]))
        #expect(result == [Found(.reviewOverdue, "policies/service.md", 5, 12)])
    }

    @Test func missingTranslation() throws {
        let result = try findings(Fixture.with(["principles/listen.en.md": nil]))
        #expect(result.map(Found.init) == [Found(.missingTranslation, "principles/listen.md", 1)])
        #expect(result[0].hint == "add principles/listen.en.md")
    }

    @Test func unknownKeyWithSuggestion() throws {
        let result = try findings(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples: [help-first]\nsumary: Коротко\n---\n\nТекст.\n"]))
        #expect(result.map(Found.init) == [Found(.unknownKey, "examples/taxi.md", 5, 1)])
        #expect(result[0].hint == "did you mean 'summary'?")
    }

    @Test func unknownFacilitator() throws {
        let faq = Fixture.handbook["faq/briefing.md"]!.replacing("facilitator: olena", with: "facilitator: nobody")
        #expect(try found(Fixture.with(["faq/briefing.md": faq])) == [Found(.faqFacilitator, "faq/briefing.md", 4, 14)])
    }

    @Test func allFindingsAreReportedAtOnceSorted() throws {
        let result = try found(Fixture.with([
            "examples/taxi.md": "---\ntitle: Таксі\nverdict: nice\nprinciples: [ghost]\n---\n\n[x](missing.md)\n",
            "principles/listen.md": "---\ntitle: Вислухати\nowner: ghost\npolicy: service\n---\n\nТекст.\n",
        ]))
        #expect(result == [
            Found(.exampleVerdict, "examples/taxi.md", 3, 10), Found(.examplePrinciple, "examples/taxi.md", 4, 14),
            Found(.brokenLink, "examples/taxi.md", 7, 5),
            // taxi no longer illustrates help-first, which keeps only a bad example
            Found(.oneSidedExamples, "principles/help-first.md", 1), Found(.principleOwner, "principles/listen.md", 3, 8),
        ])
    }
}
