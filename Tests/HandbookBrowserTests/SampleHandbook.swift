import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport

/// The repository's own sample handbook (`content/`), committed to a real git repository in two commits
/// (the second with a `Handbook-Note`), built once for the reading and accessibility tests.
enum SampleHandbook {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    final class Built: Sendable {
        let repo: GitRepo
        var output: String { repo.path + "/Public" }

        init() throws {
            repo = try GitRepo()
            try FileManager.default.copyItem(atPath: SampleHandbook.repositoryRoot + "/content", toPath: repo.path + "/content")
            try repo.commit("Initial handbook", author: "Olena Koval", date: "2026-10-01T09:00:00+03:00")
            let policy = repo.path + "/content/policies/client-first.md"
            let text = try String(contentsOfFile: policy, encoding: .utf8)
            try repo.commit("Raise the agent's limit\n\nHandbook-Note: Ліміт оператора тепер 300 грн\nHandbook-Note-en: The agent's limit is now UAH 300",
                            author: "Olena Koval", date: "2026-11-20T10:00:00+02:00",
                            files: ["content/policies/client-first.md": text.replacing("limit: 200 грн на випадок", with: "limit: 300 грн на випадок")
                                .replacing("## Що ми робимо", with: "Ми відповідаємо за [результат](../principles/help-first.md), а не за процедуру.\n\n## Що ми робимо")])
            let options = BuildOptions(content: repo.path + "/content", output: output, today: Day(year: 2026, month: 12, day: 1))
            let report = try SiteBuilder(options: options).build()
            guard report.published else { throw WebDriver.Failure(description: "the sample did not build: \(report.diagnostics)") }
        }
    }

    static let built = Result { try Built() }
}
