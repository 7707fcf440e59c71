import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport

/// A small handbook in Ukrainian, Russian and English with known words in known places, built once
/// (and once more under a base URL) for the browser tests.
enum SearchHandbook {
    static let files = Fixture.with([
        "handbook.yml": """
            title: Test handbook
            languages: [uk, ru, en]
            base_url: /
            """,
        "policies/service.md": """
            ---
            title: Політика обслуговування
            owner: olena
            summary: Клієнт має піти задоволеним.
            ---

            Інструкція не замінює здорового глузду. Кожна інструкція має власника, і інструкцію переглядають щороку.

            ## Межі безпеки

            Текст про межі.
            """,
        "principles/no-hiding.md": """
            ---
            title: Не ховатися за інструкцією
            owner: olena
            policy: service
            summary: Інструмент, а не щит.
            ---

            Коли правило шкодить клієнтові, кличте старшого.
            """,
        "principles/no-hiding.ru.md": """
            ---
            title: Не прятаться за правилами
            owner: olena
            policy: service
            ---

            Клиент важнее правил: правило служит людям.
            """,
        "principles/family.md": """
            ---
            title: Сім'я клієнта — теж клієнт
            owner: leads
            policy: service
            ---

            Коли телефонує дружина чи син, допомагаємо так само.
            """,
        "principles/refunds.en.md": """
            ---
            title: Refunds without a receipt
            owner: olena
            policy: service
            ---

            A client who lost the receipt still gets the money back when the purchase is in the records.
            """,
        "principles/refunds.md": """
            ---
            title: Повернення без чека
            owner: olena
            policy: service
            ---

            Якщо покупка є в базі, чек не потрібен.
            """,
        "examples/because.md": """
            ---
            title: Бо в мене інструкція
            verdict: bad
            principles: [no-hiding, family, refunds]
            ---

            Оператор відмовив клієнтці, бо так написано.
            """,
        "examples/taxi-family.md": """
            ---
            title: Таксі для дружини клієнта
            verdict: good
            principles: [no-hiding, family, refunds]
            ---

            Старший зміни замовив таксі.
            """,
        "faq/briefing.md": """
            ---
            title: Брифінг
            date: 2025-03-12
            facilitator: olena
            ---

            ## Чи покарають мене?

            Ні, див. [принцип](../principles/help-first.md).

            ## Чи можна повернути гроші без чека?

            Так, якщо покупка є в базі.
            """,
    ])

    final class Built: @unchecked Sendable {
        let folder: TempFolder
        var output: String { folder.path + "/Public" }
        var mounted: String { folder.path + "/Mounted" }

        init() throws {
            folder = try TempFolder()
            try folder.write(SearchHandbook.files, under: "content")
            for (output, base) in [(output, nil), (mounted, "/handbook/")] as [(String, String?)] {
                let options = BuildOptions(content: folder.path + "/content", output: output, baseURL: base,
                                           today: Day(year: 2026, month: 1, day: 1), history: false)
                let report = try SiteBuilder(options: options).build()
                guard report.published else { throw WebDriver.Failure(description: "build failed: \(report.diagnostics)") }
            }
        }
    }

    /// Built once for every test of the run (the files are in a temporary folder).
    static let built = Result { try Built() }
}
