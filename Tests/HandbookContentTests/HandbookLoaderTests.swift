import HandbookModel
import HandbookTestSupport
import Testing
@testable import HandbookContent

@Suite struct HandbookLoaderTests {
    @Test func frontMatterIsDecodedIntoTypedValuesWithPositions() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook)
        let handbook = try HandbookLoader(root: folder.path).load()
        #expect(handbook.loadDiagnostics.isEmpty)
        #expect(handbook.settings.languages == ["uk", "en"])
        let policy = try #require(handbook.pages.first { $0.path == "policies/service.md" })
        guard case .policy(let fields) = policy.frontMatter.fields else { Issue.record("not a policy"); return }
        #expect(fields.owner == Located("olena", at: SourceLocation(file: "policies/service.md", line: 3, column: 8)))
        #expect(fields.effective?.value == Day("2025-01-01"))
        #expect(fields.exceptions.map(\.limit) == ["200 грн", "1500 грн"])
        #expect(fields.escalation == ["Старший зміни", "Керівник центру", "Директорка"])
        #expect(policy.body.headings.first?.line == 20)
    }

    @Test func yamlErrorsPointAtTheLineInTheFile() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["principles/x.md": "---\ntitle: X\nowner: [unclosed\n---\n\nText\n"])
        let handbook = try HandbookLoader(root: folder.path).load()
        let finding = try #require(handbook.loadDiagnostics.first)
        #expect(finding.rule == .frontMatter)
        #expect(finding.location.file == "principles/x.md")
        #expect(finding.location.line >= 3)
    }

    @Test func plainMarkdownFolderWithoutFrontMatterLoads() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["README.md": "# Read me\n\nHello.\n", "guide/setup.md": "Just text, no heading.\n"])
        let handbook = try HandbookLoader(root: folder.path).load()
        #expect(handbook.loadDiagnostics.isEmpty)
        #expect(handbook.pages.map(\.title) == ["Read me", "guide/setup"])
    }
}
