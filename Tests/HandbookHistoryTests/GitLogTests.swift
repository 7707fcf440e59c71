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

    /// Seven commits by three authors, with a rename, an editorial trailer and a file deleted.
    private func straightHistory() throws -> GitRepo {
        let repo = try GitRepo()
        try repo.commit("Add", author: "Olena", date: "2025-01-01T10:00:00+00:00", files: ["content/a.md": "# A\n", "content/b.md": "# B\n", "README": "x"])
        try repo.commit("Edit a", author: "Taras", date: "2025-02-01T10:00:00+00:00", files: ["content/a.md": "# A\n\nmore\n"])
        try repo.move("content/b.md", "content/c.md")
        try repo.commit("Rename b", author: "Olena", date: "2025-03-01T10:00:00+00:00")
        try repo.commit("Typo\n\nHandbook-Change: editorial", author: "Iryna", date: "2025-04-01T10:00:00+00:00", files: ["content/c.md": "# C\n"])
        try repo.commit("Add d", author: "Taras", date: "2025-05-01T10:00:00+00:00", files: ["content/d.md": "# D\n", "README": "y"])
        try repo.commit("Drop d", author: "Taras", date: "2025-06-01T10:00:00+00:00", files: ["content/d.md": nil])
        try repo.commit("Edit a again", author: "Iryna", date: "2025-07-01T10:00:00+00:00", files: ["content/a.md": "# A\n\nmore and more\n"])
        return repo
    }

    /// The log read in parts, compared as text (a failure then prints the two logs readably).
    private func expectPartsGiveTheSinglePass(_ content: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let single = GitLog(parts: 1).readRaw(content: content)
        let head = try #require(single.head, sourceLocation: sourceLocation)
        #expect(single.log.count > 100, sourceLocation: sourceLocation)
        for parts in 2...4 {
            let log = GitLog(parts: parts, commitsPerPart: 1)
            #expect(log.windows(content: content, head: head).count == parts, sourceLocation: sourceLocation)
            #expect(String(decoding: log.readRaw(content: content).log, as: UTF8.self) == String(decoding: single.log, as: UTF8.self),
                    "in \(parts) parts", sourceLocation: sourceLocation)
        }
    }

    @Test func aHistoryReadInPartsIsByteForByteTheSinglePass() throws {
        let repo = try straightHistory()
        defer { repo.remove() }
        let content = "\(repo.path)/content"
        try expectPartsGiveTheSinglePass(content)
        let history = GitLog.history(from: GitLog(parts: 3, commitsPerPart: 1).readRaw(content: content), paths: ["a.md", "c.md"])
        #expect(history.revisions["c.md"]?.map(\.subject) == ["Typo", "Rename b", "Add"])
        #expect(history.revisions["a.md"]?.map(\.author) == ["Iryna", "Taras", "Olena"])
        // Too few commits for a part each: one pass.
        let head = try #require(GitLog().readRaw(content: content).head)
        #expect(GitLog(parts: 2, commitsPerPart: 4).windows(content: content, head: head) == [[]])
    }

    /// A side branch whose commits are older than some on the main line: git's walk interleaves them, and the
    /// parts must keep that order.
    @Test func aHistoryWithMergesReadInPartsIsTheSinglePassToo() throws {
        let repo = try straightHistory()
        defer { repo.remove() }
        try repo.git(["checkout", "-q", "-b", "side", "HEAD~4"])
        try repo.commit("Side edit", author: "Olena", date: "2025-04-15T10:00:00+00:00", files: ["content/c.md": "# C\n\nside\n"])
        try repo.commit("Side again", author: "Olena", date: "2025-05-15T10:00:00+00:00", files: ["content/a.md": "# A side\n"])
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["merge", "-q", "--no-edit", "-X", "theirs", "side"], date: "2025-09-01T10:00:00+00:00")
        try repo.commit("After the merge", author: "Taras", date: "2025-10-01T10:00:00+00:00", files: ["content/c.md": "# C\n\nafter\n"])
        #expect(try repo.git(["rev-list", "--merges", "--count", "HEAD"]).hasPrefix("1"))
        try expectPartsGiveTheSinglePass("\(repo.path)/content")
    }

    @Test func oldVersionsReadInPartsComeBackInTheOrderAsked() throws {
        let repo = try straightHistory()
        defer { repo.remove() }
        let content = "\(repo.path)/content"
        let history = GitLog().read(content: content, paths: ["a.md", "c.md"])
        let blobs = (history.revisions["a.md"] ?? []).map(\.blob) + (history.revisions["c.md"] ?? []).map(\.blob) + [String(repeating: "1", count: 40)]
        let single = BlobReader().read(blobs, content: content)
        #expect(single.compactMap { $0 }.count == blobs.count - 1)
        #expect(single.first.flatMap { $0.map { String(decoding: $0, as: UTF8.self) } } == "# A\n\nmore and more\n")
        for parts in 2...4 {
            #expect(BlobReader(requestsPerPart: 1).read(blobs, content: content, parts: parts) == single, "in \(parts) parts")
        }
    }

    @Test func aFolderOutsideGitHasNoHistory() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let history = GitLog().read(content: folder.path, paths: [])
        guard case .unavailable = history.state else { Issue.record("expected no history"); return }
    }
}

/// After a commit git reads only the new commits, and the log is byte for byte the one a whole read gives; when the
/// walk would put older commits between the known ones (a merged branch), it reads the whole log.
@Suite struct IncrementalGitLogTests {
    func write(_ repo: GitRepo, _ text: String, date: String, message: String) throws {
        try repo.commit(message, author: "Olena Koval", date: date, files: ["content/a.md": text])
    }

    @Test func theNewCommitsInFrontOfTheKnownLogAreTheWholeLog() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try write(repo, "one\n", date: "2025-10-01T09:00:00+03:00", message: "One")
        try write(repo, "two\n", date: "2025-10-02T09:00:00+03:00", message: "Two")
        let log = GitLog(parts: 1)
        let content = "\(repo.path)/content"
        let first = log.readRaw(content: content)
        let known = try #require(first.head.map { ($0, first.log) })
        try write(repo, "three\n", date: "2025-10-03T09:00:00+03:00", message: "Three")
        try repo.move("content/a.md", "content/b.md")
        try repo.commit("Rename", author: "Olena Koval", date: "2025-10-04T09:00:00+03:00")
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let incremental = try #require(try log.log(since: known, content: content, head: head))
        #expect(incremental == log.readRaw(content: content).log)
        #expect(GitLog.commits(in: incremental).count == 4)
        #expect(log.readRaw(content: content, known: known).log == incremental)
    }

    @Test func aMergedOlderBranchOrARewriteIsReadWhole() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try write(repo, "one\n", date: "2025-10-01T09:00:00+03:00", message: "One")
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.commit("Side, older", author: "Taras Hnatiuk", date: "2025-10-02T09:00:00+03:00", files: ["content/side.md": "side\n"])
        try repo.git(["checkout", "-q", "main"])
        try write(repo, "two\n", date: "2025-10-03T09:00:00+03:00", message: "Two")
        let log = GitLog(parts: 1)
        let content = "\(repo.path)/content"
        let first = log.readRaw(content: content)
        let known = try #require(first.head.map { ($0, first.log) })
        try repo.git(["merge", "-q", "--no-ff", "-m", "Merge side", "side"], date: "2025-10-04T09:00:00+03:00")
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // git's walk puts "Side, older" between "Two" and "One": not the known log with commits in front.
        #expect((try? log.log(since: known, content: content, head: head)) == nil)
        #expect(log.readRaw(content: content, known: known).log == log.readRaw(content: content).log)
        // A rewrite: the known HEAD is no longer in the history.
        try repo.git(["reset", "-q", "--hard", "HEAD~1"])
        try repo.git(["commit", "-q", "--amend", "-m", "Two, amended"], date: "2025-10-05T09:00:00+03:00")
        let rewritten = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let after = log.readRaw(content: content)
        #expect((try? log.log(since: known, content: content, head: rewritten)) == nil, "the known HEAD is not an ancestor")
        #expect(log.readRaw(content: content, known: known).log == after.log)
    }

    /// A subject holding U+001E (a record's first byte) neither splits its commit nor turns the incremental read off.
    @Test func aRecordSeparatorInASubjectIsText() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try write(repo, "one\n", date: "2025-10-01T09:00:00+03:00", message: "One \u{1E} with a separator")
        let log = GitLog(parts: 1)
        let content = "\(repo.path)/content"
        let first = log.readRaw(content: content)
        let known = try #require(first.head.map { ($0, first.log) })
        #expect(GitLog.commits(in: first.log).count == 1)
        let history = GitLog.history(from: first, paths: ["a.md"])
        #expect(history.revisions["a.md"]?.count == 1)
        try write(repo, "two\n", date: "2025-10-02T09:00:00+03:00", message: "Two")
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try log.log(since: known, content: content, head: head) != nil)
    }
}
