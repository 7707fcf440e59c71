import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// Owners see their reviews: each person's page lists what they own with review dates, overdue first; the reviews
/// page lists every policy due within `reviews_due_days` by owner.
@Suite struct ReviewsPageTests {
    static func policy(_ title: String, owner: String, reviewBy: String?, effective: String = "2024-01-01") -> String {
        """
        ---
        title: \(title)
        owner: \(owner)
        effective: \(effective)
        \(reviewBy.map { "review_by: \($0)" } ?? "")
        ---

        Текст.
        """
    }

    @Test func reviewsAreListedByOwnerOverdueFirst() throws {
        // Today is 2026-01-01 (SiteHarness). Olena: one far off, one due in 10 days, one overdue; Taras: one by the
        // interval (effective 2025-01-20 + 365 days = 2026-01-20); Iryna: none due.
        let harness = try SiteHarness(Fixture.with([
            "handbook.yml": "title: Test\nlanguages: [uk, en]\nreview_interval_days: 365\nreviews_due_days: 30\n",
            "people.yml": Fixture.handbook["people.yml"]! + "\n- id: taras\n  name: Тарас Гнатюк\n  email: taras@example.org\n- id: iryna\n  name: Ірина Бондар\n",
            "policies/far.md": Self.policy("Далека", owner: "olena", reviewBy: "2026-06-01"),
            "policies/soon.md": Self.policy("Скоро", owner: "olena", reviewBy: "2026-01-11"),
            "policies/late.md": Self.policy("Прострочена", owner: "olena", reviewBy: "2025-11-30"),
            "policies/interval.md": Self.policy("За інтервалом", owner: "taras", reviewBy: nil, effective: "2025-01-20"),
            "policies/iryna.md": Self.policy("Іринина", owner: "iryna", reviewBy: "2027-01-01"),
            "policies/retired.md": Self.policy("Скасована", owner: "olena", reviewBy: "2021-01-01").replacing("owner: olena", with: "owner: olena\nstatus: retired"),
        ]))
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published, "\(report.diagnostics)")
        let site = harness.site
        let reviews = site.html("reviews-due/index.html")
        #expect(reviews.contains("<h1>Час переглянути</h1>") && reviews.contains("протягом 30 днів (до 31 січня 2026)"))
        let olena = try #require(reviews.range(of: "id=\"owner-olena\""))
        let taras = try #require(reviews.range(of: "id=\"owner-taras\""))
        #expect(olena.lowerBound < taras.lowerBound, "owners in the order of people.yml")
        let olenaPart = String(reviews[olena.upperBound..<taras.lowerBound])
        let late = try #require(olenaPart.range(of: "Прострочена")), soon = try #require(olenaPart.range(of: "Скоро"))
        #expect(late.lowerBound < soon.lowerBound, "overdue first")
        #expect(olenaPart.contains("review-flag-overdue") && olenaPart.contains("review-flag-soon"))
        #expect(!reviews.contains("Далека") && !reviews.contains("Іринина") && !reviews.contains("id=\"owner-iryna\""))
        #expect(!reviews.contains("Скасована"), "a retired policy is never due")
        #expect(reviews[taras.upperBound...].contains("<time datetime=\"2026-01-20\">"))
        #expect(site.html("en/reviews-due/index.html").contains("<h1>Reviews due</h1>"))
        #expect(site.html("people/index.html").contains("href=\"/reviews-due/\""))

        // Olena's page: all three, the overdue one first and marked, the far one last without a flag.
        let person = site.html("people/olena/index.html")
        let order = ["Прострочена", "Скоро", "Далека"].compactMap { person.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(person.contains("<li class=\"card overdue\""))
        #expect(person.contains("<time datetime=\"2026-06-01\">"))
        let retired = try #require(person.range(of: "Скасована"))
        #expect(!person[retired.upperBound...].prefix(400).contains("review-flag"), "a retired policy has no review flag")
    }

    @Test func nothingDueSaysSoAndTheHorizonIsASetting() throws {
        let harness = try SiteHarness(Fixture.with(["handbook.yml": "title: Test\nlanguages: [uk]\nreviews_due_days: 0\n"]))
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.diagnostics.contains { $0.rule == .settings && $0.message.contains("reviews_due_days must be a whole number of days from 1 to 3650") })
        let fixed = try SiteHarness(Fixture.with(["handbook.yml": "title: Test\nlanguages: [uk, en]\n"]))
        defer { fixed.remove() }
        #expect(try fixed.build().published)
        let reviews = fixed.site.html("reviews-due/index.html")
        #expect(reviews.contains("протягом 30 днів") && reviews.contains("жодну політику не треба переглядати"))
    }
}
