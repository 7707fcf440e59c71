import HandbookTestSupport
import Testing

/// Pages show their relations: policy ↔ principles ↔ examples ↔ FAQ ↔ people.
@Suite struct RelationPageTests {
    @Test func policyPageShowsFactsExceptionsEscalationAndPrinciples() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published)
        let page = "policies/service/index.html"
        let html = harness.site.html(page)
        #expect(html.contains("<h1>Політика обслуговування</h1>"))
        #expect(html.contains("<p class=\"summary\">Клієнт має піти задоволеним.</p>"))
        #expect(html.contains("<time datetime=\"2025-01-01\">1 січня 2025</time>"))
        #expect(html.contains("<time datetime=\"2027-01-01\">"))
        let exceptions = harness.site.section(page, from: "<tbody>", to: "</tbody>")
        #expect(exceptions.contains("<td>Оператор</td><td>Компенсація</td><td>200 грн</td>"))
        #expect(exceptions.contains("<td>Старший зміни</td><td>Таксі для клієнта</td><td>1500 грн</td>"))
        let chain = harness.site.section(page, from: "<ol class=\"chain\">", to: "</ol>")
        let steps = ["Старший зміни", "Керівник центру", "Директорка"].map { chain.range(of: "<li>\($0)</li>")?.lowerBound }
        #expect(steps.allSatisfy { $0 != nil })
        #expect(steps[0]! < steps[1]! && steps[1]! < steps[2]!)
        let principles = harness.site.section(page, from: "id=\"principles\"", to: "</section>")
        #expect(principles.contains("href=\"/principles/help-first/\">Спершу допомогти</a>"))
        #expect(principles.contains("href=\"/principles/listen/\">Вислухати</a>"))
        #expect(principles.contains("Shift leads"))
        #expect(html.contains("href=\"/people/olena/\">Олена Коваль</a>"))
    }

    @Test func principlePageSeparatesGoodAndBadExamplesAndListsQuestions() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let page = "principles/help-first/index.html"
        let good = harness.site.section(page, from: "<section class=\"examples-good\"", to: "</section>")
        let bad = harness.site.section(page, from: "<section class=\"examples-bad\"", to: "</section>")
        #expect(good.contains("/examples/taxi/") && !good.contains("/examples/callback/"))
        #expect(bad.contains("/examples/callback/") && !bad.contains("/examples/taxi/"))
        let html = harness.site.html(page)
        #expect(html.contains("href=\"/policies/service/\">Політика обслуговування</a>"))
        #expect(html.contains("href=\"/people/olena/\">Олена Коваль</a>"))
        let asked = harness.site.section(page, from: "id=\"asked\"", to: "</section>")
        #expect(asked.contains("href=\"/faq/briefing/#чи-покарають-мене\">Чи покарають мене?</a>"))
        #expect(!asked.contains("ескалацією"))
    }

    @Test func examplePageHasATextVerdictBadgeAndItsPrinciples() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let bad = harness.site.html("examples/callback/index.html")
        #expect(bad.contains("<p class=\"verdict verdict-bad\"><span aria-hidden=\"true\">✗</span> Поганий приклад</p>"))
        let illustrates = harness.site.section("examples/callback/index.html", from: "id=\"illustrates\"", to: "</section>")
        #expect(illustrates.contains("/principles/help-first/") && illustrates.contains("/principles/listen/"))
        #expect(harness.site.html("examples/taxi/index.html").contains("Добрий приклад"))
    }

    @Test func faqPageHasDateFacilitatorAndAnAnchorPerQuestion() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let html = harness.site.html("faq/briefing/index.html")
        #expect(html.contains("<time datetime=\"2025-03-12\">12 березня 2025</time>"))
        #expect(html.contains("href=\"/people/olena/\">Олена Коваль</a>"))
        #expect(html.contains("<h2 id=\"чи-покарають-мене\">Чи покарають мене?</h2>"))
        #expect(html.contains("<h2 id=\"що-робити-з-ескалацією\">"))
        #expect(html.contains("<a href=\"#що-робити-з-ескалацією\">"))
    }

    @Test func listHomeAndPeoplePagesExist() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        for path in ["index.html", "en/index.html", "policies/index.html", "principles/index.html", "examples/index.html", "faq/index.html",
                     "en/principles/index.html", "people/index.html", "people/olena/index.html", "people/leads/index.html", "en/people/olena/index.html"] {
            #expect(harness.site.exists(path), "missing \(path)")
        }
        let home = harness.site.html("index.html")
        #expect(home.contains("<title>Test handbook</title>"))
        #expect(harness.site.html("policies/index.html").contains("<title>Політики · Test handbook</title>"))
        #expect(home.contains("Вступ до довідника."))
        #expect(home.contains("<span class=\"value\">2</span> <span class=\"label\">добрих прикладів</span>"))
        #expect(home.contains("<span class=\"value\">2</span> <span class=\"label\">питань із брифінгів</span>"))
        #expect(home.contains("/faq/briefing/"))
        let olena = harness.site.html("people/olena/index.html")
        #expect(olena.contains("/policies/service/") && olena.contains("/principles/help-first/") && olena.contains("/faq/briefing/"))
        #expect(!olena.contains("/principles/listen/"))
        #expect(harness.site.html("people/leads/index.html").contains("/principles/listen/"))
        let examples = harness.site.html("examples/index.html")
        #expect(examples.contains("verdict-bad") && examples.contains("verdict-good"))
    }
}
