import HandbookTestSupport
import Testing
@testable import HandbookHistory

/// The git queries against a real repository whose content folder is a subfolder.
@Suite struct GitLogTests {
    @Test func readsRevisionsAndUncommittedFilesRelativeToTheContentFolder() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try repo.commit("Add", author: "Olena", date: "2025-01-01T10:00:00+00:00", files: ["content/a.md": "# A\n", "content/b.md": "# B\n", "README": "x"])
        try repo.commit("Edit a", author: "Taras", date: "2025-02-01T10:00:00+00:00", files: ["content/a.md": "# A\n\nmore\n"])
        try repo.folder.write(["content/b.md": "# B changed\n", "content/new.md": "# New\n"])
        let history = GitLog().read(content: "\(repo.path)/content", paths: ["a.md", "b.md", "new.md"])
        #expect(history.state == .complete)
        #expect(history.revisions["a.md"]?.map(\.author) == ["Taras", "Olena"])
        #expect(history.revisions["b.md"]?.count == 1)
        #expect(history.revisions["new.md"] == nil)
        #expect(history.uncommitted == ["b.md", "new.md"])
    }

    @Test func aFolderOutsideGitHasNoHistory() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let history = GitLog().read(content: folder.path, paths: [])
        guard case .unavailable = history.state else { Issue.record("expected no history"); return }
    }
}
