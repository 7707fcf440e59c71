import Foundation
import HandbookModel
@testable import HandbookSite
import HandbookTestSupport
import Testing

/// The briefing pack and the self-check of a policy, built from a real repository: every principle and
/// example in order in every language, the version on the cover, the cases without their verdicts.
@Suite(.timeLimit(.minutes(20))) struct BriefingPackTests {
    typealias Handbook = IncrementalBuildTests.Handbook

    func read(_ handbook: Handbook, _ path: String) throws -> String {
        try String(contentsOfFile: "\(handbook.output)/\(path)", encoding: .utf8)
    }

    /// The offsets of each text in a page, in the order given; nil for one not found.
    func positions(_ texts: [String], in html: String) -> [Int?] {
        texts.map { text in html.range(of: text).map { html.distance(from: html.startIndex, to: $0.lowerBound) } }
    }

    @Test func aPackHoldsThePolicyItsPrinciplesInOrderTheirExamplesAndTheQuestions() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        #expect(try handbook.build().published)
        let pack = try read(handbook, "briefing/service/index.html")
        // The policy, its exceptions and escalation, then each principle with its examples, then the questions.
        let order = ["Політика обслуговування", "Таксі для клієнта", "Директорка", "Спершу допомогти", "Таксі вночі", "Оператор замовив таксі.",
                     "Передзвоніть завтра", "Вислухати", "Вислухала", "Чи покарають мене?", "Ні, див."]
        let found = positions(order, in: pack)
        #expect(!found.contains(nil), "missing: \(zip(order, found).filter { $0.1 == nil }.map(\.0))")
        #expect(found.compactMap { $0 } == found.compactMap { $0 }.sorted(), "out of order: \(order)")
        #expect(pack.contains("class=\"pack-principle\" id=\"principle-help-first\"") && pack.contains("class=\"pack-principle\" id=\"principle-listen\""))
        // The pack and the self-check are linked from the policy page and from the briefing that asks about it.
        #expect(try read(handbook, "policies/service/index.html").contains("href=\"/briefing/service/\""))
        #expect(try read(handbook, "faq/briefing/index.html").contains("href=\"/briefing/service/\""))
        // The English pack has the English principles.
        let english = try read(handbook, "en/briefing/service/index.html")
        #expect(english.contains("Help first") && english.contains("Listen") && english.contains("lang=\"en\""))
        // The questions of the Ukrainian briefing, with their answers, marked as Ukrainian.
        #expect(english.contains("<article class=\"pack-question\" lang=\"uk\"><h3>Чи покарають мене?</h3>") && english.contains("Ні, див."))
        // With site_url, a QR code; without it, none, and the build says so.
        #expect(pack.contains("<svg class=\"qr\""))
        try handbook.edit(["content/handbook.yml": Fixture.handbook["handbook.yml"]!.replacing("site_url: https://cx.example.com", with: "")])
        let report = try handbook.build()
        #expect(report.notes.contains { $0.contains("site_url") })
        #expect(try !read(handbook, "briefing/service/index.html").contains("<svg class=\"qr\""))
    }

    @Test func withSiteURLThePackCarriesAQRCodeOfThePolicysAddress() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published && !report.notes.contains { $0.contains("site_url") })
        let pack = try #require(harness.folder.read("Public/briefing/service/index.html"))
        #expect(pack.contains("<svg class=\"qr\"") && pack.contains("https://cx.example.com/policies/service/"))
        // A site_url that is not an http(s) address is a settings error.
        let bad = try SiteHarness(Fixture.with(["handbook.yml": Fixture.handbook["handbook.yml"]!.replacing("https://cx.example.com", with: "javascript:alert(1)")]))
        defer { bad.remove() }
        #expect(try SiteBuilder(options: bad.options()).check().1.contains { $0.rule == .settings && $0.message.contains("site_url") })
        // No host, or a user name that hides the host: refused too.
        for address in ["https:///x", "https://handbook.example.org@evil.example", "https://?q"] {
            #expect(WebAddress.problem(address) != nil, "\(address)")
        }
        #expect(WebAddress.problem("https://cx.example.com:8443/handbook") == nil)
    }

    @Test func theVersionIsTheLastSubstantiveCommitOfThePolicy() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let policy = Fixture.handbook["policies/service.md"]!
        try handbook.repo.commit("Raise the limit", author: "Olena Koval", date: "2025-11-01T09:00:00+03:00",
                                 files: ["content/policies/service.md": policy.replacing("limit: 200 грн", with: "limit: 300 грн")])
        let substantive = try handbook.repo.git(["rev-parse", "--short=7", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try handbook.repo.commit("Fix a typo\n\nHandbook-Change: editorial", author: "Olena Koval", date: "2025-11-02T09:00:00+03:00",
                                 files: ["content/policies/service.md": policy.replacing("limit: 200 грн", with: "limit: 300 грн").replacing("Текст про межі.", with: "Текст про межі безпеки.")])
        #expect(try handbook.build().published)
        let pack = try read(handbook, "briefing/service/index.html")
        #expect(pack.contains("<code>\(substantive)</code>"), "the cover names \(substantive)")
        #expect(pack.contains("2025-11-01"))
        let check = try read(handbook, "self-check/service/index.html")
        #expect(check.contains("data-storage-key=\"handbook-self-check:service:uk:2025-11-01-\(substantive)\""))
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aSelfCheckAsksAboutEachExampleOnceWithoutItsVerdictBeforeTheAnswer() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        #expect(try handbook.build().published)
        let page = try read(handbook, "self-check/service/index.html")
        let cases = page.matches(of: /<li class="case" id="case-([^"]+)" data-answer="(good|bad)">/).map { (String($0.1), String($0.2)) }
        // Help first: taxi (good), callback and tea (bad); listen: heard (good); callback once, with both principles.
        #expect(cases.map(\.0) == ["taxi", "callback", "tea", "heard"])
        #expect(cases.map(\.1) == ["good", "bad", "bad", "good"])
        for (id, _) in cases {
            let item = try #require(page.firstMatch(of: try Regex("<li class=\"case\" id=\"case-\(id)\"(.*?)</li>").dotMatchesNewlines()))
            let text = String(item.output[0].substring ?? "")
            let verdict = try #require(text.range(of: "class=\"verdict"))
            let details = try #require(text.range(of: "<details"))
            #expect(details.lowerBound < verdict.lowerBound, "\(id): the verdict is inside the answer")
            #expect(text.contains("<fieldset aria-describedby=\"case-\(id)-situation\">") && text.contains("<legend>"))
        }
        #expect(page.components(separatedBy: "href=\"/principles/help-first/\"").count - 1 >= 2, "callback shows both its principles")
    }

    @Test func checkWarnsAboutExamplesASelfCheckCannotUseAndPoliciesWithTooFewCases() throws {
        let harness = try SiteHarness(Fixture.with(["examples/heard.md": "---\ntitle: Вислухала\nverdict: good\nprinciples: [listen]\n---\n",
                                                    "examples/tea.md": nil]))
        defer { harness.remove() }
        let findings = try SiteBuilder(options: harness.options()).check().1
        #expect(findings.contains { $0.rule == .selfCheckItem && $0.location.file == "examples/heard.md" })
        #expect(findings.contains { $0.rule == .selfCheckSize && $0.location.file == "policies/service.md" })
        #expect(findings.filter { $0.rule == .selfCheckItem || $0.rule == .selfCheckSize }.allSatisfy { $0.severity == .warning })
    }

    /// A policy title goes into the printed footer's CSS string: it cannot end the string or the style element.
    @Test func aHostileTitleStaysInsideTheFootersCSSString() throws {
        let hostile = "Ціна \\\" </style><script>alert(1)</script> ' & > \u{2028}"
        let policy = Fixture.handbook["policies/service.md"]!.replacing("title: Політика обслуговування", with: "title: '\(hostile.replacing("'", with: "''"))'")
        let harness = try SiteHarness(Fixture.with(["policies/service.md": policy]))
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published, "\(report.diagnostics)")
        let pack = try #require(harness.folder.read("Public/briefing/service/index.html"))
        #expect(!pack.contains("<script>alert(1)</script>"))
        let style = try #require(pack.firstMatch(of: /<style>(.*?)<\/style>/.dotMatchesNewlines())?.1)
        #expect(!style.contains("<") && !style.contains("\u{2028}"), "\(style)")
        #expect(style.contains("\\3C /style\\3E "), "\(style)")
    }
}
