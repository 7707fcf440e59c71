import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookRender
import HandbookTestSupport
import Testing

/// A build's history keeps only what its pages show: a page's current file is known by the page loaded
/// from it, and only the versions a history page renders as they were keep their files. Checked against
/// what every version is when read from git and rendered on its own.
@Suite(.timeLimit(.minutes(20))) struct HistoryVersionsTests {
    /// Pages whose current file stands for its version, and every kind of page whose file must be read:
    /// a leading heading that became the title, CRLF line ends, a byte-order mark, two files with the same
    /// text (in one language, and in two), a file edited since its commit.
    func repository() throws -> GitRepo {
        var files = Fixture.handbook
        files["principles/titled.md"] = "---\ntitle: З назвою\nowner: olena\npolicy: service\n---\n\nПерший \"текст\" у лапках.\n"
        files["principles/headed.md"] = "---\nowner: olena\npolicy: service\n---\n\n# Заголовок як назва\n\nПерший текст.\n"
        files["principles/plain.md"] = "---\nowner: olena\npolicy: service\n---\n\nБез назви й заголовка.\n"
        files["principles/crlf.md"] = "---\r\ntitle: CRLF\r\nowner: olena\r\npolicy: service\r\n---\r\n\r\nРядки з \"CR\".\r\n"
        files["principles/bom.md"] = "\u{FEFF}---\ntitle: BOM\nowner: olena\npolicy: service\n---\n\nЗ міткою порядку.\n"
        let twin = "---\ntitle: Двійник\nowner: olena\npolicy: service\n---\n\nОднаковий текст.\n"
        files["principles/twin-a.md"] = twin
        files["principles/twin-b.md"] = twin
        // One text in two languages (a translation just copied): each page reads it with its own quotes.
        let copied = "---\ntitle: Копія\nowner: olena\npolicy: service\n---\n\nСлова \"в лапках\".\n"
        files["principles/copied.md"] = copied
        files["principles/copied.en.md"] = copied
        files["principles/edited.md"] = "---\ntitle: Змінена\nowner: olena\npolicy: service\n---\n\nЯк у коміті.\n"
        let repo = try GitRepo.handbook(files)
        var second: [String: String?] = [:]
        for (path, text) in files where path.hasPrefix("principles/") && path != "principles/twin-b.md" {
            second["content/\(path)"] = text.replacing("текст", with: "новий текст").replacing("Рядки", with: "Нові рядки") + "Другий абзац.\n"
        }
        try repo.commit("Second versions", author: "Taras Hnatiuk", date: "2025-11-20T10:00:00+02:00", files: second)
        try repo.folder.write(["content/principles/edited.md": "---\ntitle: Змінена\nowner: olena\npolicy: service\n---\n\nНе закомічено.\n"])
        return repo
    }

    func read(_ content: String, pages: [Page], everyFile: Bool) -> SiteHistory {
        SiteHistory.read(content: content, pages: pages, runner: ProcessGitRunner(), today: Day(year: 2026, month: 1, day: 1), keepingEveryFile: everyFile)
    }

    @Test func everyVersionReadsAsGitHasItAndRenderedVersionsKeepTheirFiles() throws {
        let repo = try repository()
        defer { repo.remove() }
        let content = "\(repo.path)/content"
        let pages = try HandbookLoader(root: content).load().pages
        let built = read(content, pages: pages, everyFile: false)
        let kept = read(content, pages: pages, everyFile: true)
        let renderer = MarkdownRenderer()
        var dropped = 0, checked = 0
        for page in pages {
            let revisions = built.revisions(page)
            for (index, revision) in revisions.enumerated() {
                // The oracle: the version as git has it, rendered on its own.
                let file = try repo.git(["cat-file", "blob", revision.blob])
                let expected = SiteHistory.readableText(file, renderer: renderer, language: page.language)
                #expect(built.readableText(revision.blob, language: page.language) == expected, "\(page.path) @\(index)")
                #expect(kept.readableText(revision.blob, language: page.language) == expected, "\(page.path) @\(index)")
                #expect(built.hasVersion(revision) && kept.hasVersion(revision))
                checked += 1
                // A history page renders the detailed versions as they were, but the newest when the page's body shows it.
                let shownByBody = index == 0 && SiteHistory.showsOwnBody(revision, of: page, in: built.history)
                if index < SiteHistory.detailedRevisions && !shownByBody {
                    #expect(built.blob(revision) == file, "\(page.path) @\(index) keeps its file")
                } else if built.blob(revision) == nil {
                    dropped += 1
                }
                #expect(kept.blob(revision) == file, "\(page.path) @\(index): the preview server keeps every file")
            }
        }
        #expect(checked >= 2 * 8)
        #expect(dropped >= 8)
        #expect(built.history.uncommitted.contains("principles/edited.md"))
    }

    /// The build gives back what a stage freed (glibc's `malloc_trim`): memory freed between blocks still
    /// in use is returned. (It was compiled out once, its C library test made before any header said which library it is.)
    @Test func freedMemoryIsGivenBackToTheSystem() {
        #if os(Linux)
        var blocks: [[UInt8]] = []
        for index in 0..<100_000 { blocks.append([UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 512)) }
        // Every 64th block stays, so the freed memory is between blocks in use, not only at the heap's end.
        blocks = blocks.enumerated().filter { $0.offset % 64 == 0 }.map(\.element)
        #expect(FreeMemory.returnToSystem())
        #expect(blocks.count == 1_563)
        #endif
    }
}
