import Foundation
import HandbookHistory
import HandbookModel
@testable import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookRender
@testable import HandbookOutput

/// The build cache: after every kind of change, a build that uses it gives, byte for byte, the site a
/// clean build of the same files gives; it redoes only what the change needs.
@Suite(.timeLimit(.minutes(20))) struct IncrementalBuildTests {
    /// A fixture handbook committed to a real repository, with a theme folder, built with the cache into `Public/`.
    final class Handbook {
        let repo: GitRepo
        var today = Day(year: 2026, month: 1, day: 1)
        var content: String { "\(repo.path)/content" }
        var output: String { "\(repo.path)/Public" }

        init() throws {
            repo = try GitRepo()
            var files: [String: String?] = [:]
            for (path, text) in Fixture.handbook { files["content/\(path)"] = text }
            files["theme/assets/print.css"] = "/* ours */"
            try repo.commit("Initial handbook", author: "Olena Koval", date: "2025-10-01T09:00:00+03:00", files: files)
        }

        func options(output: String, cache: Bool) -> BuildOptions {
            BuildOptions(content: content, theme: "\(repo.path)/theme", output: output, today: today, cache: cache)
        }

        @discardableResult
        func build() throws -> BuildReport {
            try SiteBuilder(options: options(output: output, cache: true)).build()
        }

        /// Writes (or removes, for nil) files of the repository's work tree, without committing them.
        func edit(_ files: [String: String?]) throws {
            for (path, text) in files {
                if let text { try repo.folder.write(Array(text.utf8), to: path) } else {
                    try FileManager.default.removeItem(atPath: "\(repo.path)/\(path)")
                }
            }
        }

        func tree(_ root: String) -> [String: [UInt8]] {
            var files: [String: [UInt8]] = [:]
            for path in repo.folder.files(under: String(root.dropFirst(repo.path.count + 1))) {
                files[path] = FileManager.default.contents(atPath: "\(root)/\(path)").map { [UInt8]($0) }
            }
            return files
        }

        /// The output is what a clean build without the cache writes, file for file and byte for byte.
        func expectSameAsCleanBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let clean = "\(repo.path)/Clean"
            try? FileManager.default.removeItem(atPath: clean)
            let report = try SiteBuilder(options: options(output: clean, cache: false)).build()
            #expect(report.published, sourceLocation: sourceLocation)
            let expected = tree(clean), actual = tree(output)
            #expect(actual.count > 20, sourceLocation: sourceLocation)
            #expect(Set(actual.keys) == Set(expected.keys), "files only in one: \(Set(actual.keys).symmetricDifference(expected.keys).sorted())",
                    sourceLocation: sourceLocation)
            let different = expected.keys.filter { actual[$0] != nil && actual[$0] != expected[$0] }.sorted()
            #expect(different.isEmpty, "files that differ: \(different)", sourceLocation: sourceLocation)
        }

        func remove() { repo.remove() }
    }

    @Test func aRebuildWithNothingChangedDoesNothing() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let first = try handbook.build()
        #expect(first.published && first.incremental == nil)
        let page = "\(handbook.output)/principles/help-first/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        let again = try handbook.build()
        #expect(again.incremental == .upToDate && again.published && again.filesWritten == 0)
        #expect(again.diagnostics == first.diagnostics)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == before)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func anEditOfAPagesTextRendersThatPageAndItsLanguagesSearchAlone() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let english = "\(handbook.output)/en/principles/listen/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: english)[.modificationDate] as? Date
        // Same front matter, new text: written at once after the build, so only its hash can tell.
        let text = Fixture.handbook["principles/help-first.md"]!.replacing("Див.", with: "Таксі. Див.")
        try handbook.edit(["content/principles/help-first.md": text])
        let report = try handbook.build()
        #expect(report.incremental == .pages(1))
        #expect(try String(contentsOfFile: "\(handbook.output)/principles/help-first/index.html", encoding: .utf8).contains("Таксі."))
        #expect(try FileManager.default.attributesOfItem(atPath: english)[.modificationDate] as? Date == before)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func anEditOfTheSameSizeRightAfterABuildIsSeen() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Текст!")])
        try handbook.build()
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Текст?")])
        #expect(try handbook.build().incremental == .pages(1))
        #expect(try String(contentsOfFile: "\(handbook.output)/principles/listen/index.html", encoding: .utf8).contains("Текст?"))
        try handbook.expectSameAsCleanBuild()
    }

    /// Files older than two seconds that no earlier build knew are not read to be hashed (the loader reads
    /// them): a later edit still counts, and a file touched without a change is rendered again, the same.
    @Test func filesAFirstBuildDidNotHashAreStillSeenWhenEdited() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        Thread.sleep(forTimeInterval: 2.2)
        try handbook.build()
        let inputs = try String(contentsOfFile: "\(handbook.repo.path)/.handbook-cache/Public/inputs", encoding: .utf8)
        let listen = inputs.split(separator: "\n").first { $0.hasPrefix("content/principles/listen.md\t") }
        #expect(listen?.split(separator: "\t").last == "0", "saved unhashed: \(listen ?? "missing")")
        #expect(try handbook.build().incremental == .upToDate)
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Текст?")])
        #expect(try handbook.build().incremental == .pages(1))
        #expect(try String(contentsOfFile: "\(handbook.output)/principles/listen/index.html", encoding: .utf8).contains("Текст?"))
        try handbook.expectSameAsCleanBuild()
        try handbook.edit(["content/principles/help-first.md": Fixture.handbook["principles/help-first.md"]!])
        #expect(try handbook.build().incremental == .pages(1))
        try handbook.expectSameAsCleanBuild()
        // A new owner is shown on the people pages: what shows the page is rendered, not everything.
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("owner: leads", with: "owner: olena")])
        #expect(try handbook.build().incremental == .pages(1))
        try handbook.expectSameAsCleanBuild()
    }

    @Test func anEditOfADraftsTextLeavesTheSearchAsItWas() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let draft = "---\ntitle: Пізніше\ndate: 2025-04-01\nfacilitator: olena\ndraft: true\n---\n\n## Чи буде ще?\n\nТак.\n"
        try handbook.edit(["content/faq/later.md": draft])
        #expect(try handbook.build().published)
        try handbook.edit(["content/faq/later.md": draft.replacing("Так.", with: "Так, згодом.")])
        #expect(try handbook.build().incremental == .pages(1))
        try handbook.expectSameAsCleanBuild()
    }

    /// What other pages show of a page changed: the pages that show it are rendered, and no other.
    @Test func retitlingAnExampleRendersOnlyThePagesThatShowItsTitle() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let first = try handbook.build()
        let retitled = Fixture.handbook["examples/taxi.md"]!.replacing("title: Таксі вночі", with: "title: Таксі опівночі")
        try handbook.edit(["content/examples/taxi.md": retitled])
        let report = try handbook.build()
        #expect(report.incremental == .pages(1))
        // Its own page and history, its principle in both languages (with their histories), and in each
        // language the list of examples, the home page, the people page, the changes page, A–Z, and the
        // briefing pack and self-check of the principle's policy (they print the example).
        var expected: Set<JobID> = [.page("examples/taxi.md"), .history("examples/taxi.md")]
        for path in ["principles/help-first.md", "principles/help-first.en.md"] { expected.formUnion([.page(path), .history(path)]) }
        for language in ["uk", "en"] {
            expected.formUnion([.list(.example, language: language), .home(language: language), .versions(language: language), .people(language: language),
                                .changes(language: language), .allPages(language: language),
                                .briefingPack("service", language: language), .selfCheck("service", language: language)])
        }
        #expect(report.plan?.pages == .only(expected))
        // The people job also writes the reviews due page of its language; the versions job writes no page (its JSON).
        #expect(report.pagesWritten == expected.count + 2 - 2, "rendered \(report.pagesWritten) pages")
        #expect(report.pagesWritten * 2 < first.pagesWritten, "a clean build renders \(first.pagesWritten)")
        #expect(try String(contentsOfFile: "\(handbook.output)/principles/help-first/index.html", encoding: .utf8).contains("Таксі опівночі"))
        try handbook.expectSameAsCleanBuild()
    }

    @Test func pagesAddedAndRemovedAndAssetsAndTheThemeFollow() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let added = Fixture.handbook["examples/heard.md"]!.replacing("title: Вислухала", with: "title: Почула")
        try handbook.edit(["content/examples/heard-again.md": added, "content/examples/taxi.md": nil, "content/files/form.txt": "form"])
        // The fixture's other pages name the removed example nowhere but in their relations, so this builds.
        let report = try handbook.build()
        #expect(report.published, "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: "\(handbook.output)/examples/taxi"))
        #expect(FileManager.default.fileExists(atPath: "\(handbook.output)/files/form.txt"))
        try handbook.expectSameAsCleanBuild()
        try handbook.edit(["theme/assets/print.css": "/* theirs */", "content/files/form.txt": nil])
        #expect(try handbook.build().incremental == .everything)
        let stylesheets = handbook.tree(handbook.output).filter { $0.key.hasSuffix(".css") }.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(stylesheets.contains("/* theirs */") && !stylesheets.contains("/* ours */"))
        #expect(!FileManager.default.fileExists(atPath: "\(handbook.output)/files"))
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aNewCommitAndANewDayReachTheHistoryAndTheChanges() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let changed = Fixture.handbook["principles/help-first.md"]!.replacing("Див.", with: "Спершу допоможіть. Див.")
        try handbook.repo.commit("Clarify help-first", author: "Taras Hnatiuk", date: "2025-12-20T10:00:00+02:00",
                                 files: ["content/principles/help-first.md": changed])
        let report = try handbook.build()
        #expect(report.incremental == .pages(1))
        // The page and its history (edited and committed), its translation (is it behind?), the pack and self-check of
        // its policy, and in each language the changes page with the feed, the home page and the versions.
        var expected: Set<JobID> = []
        for path in ["principles/help-first.md", "principles/help-first.en.md"] { expected.formUnion([.page(path), .history(path)]) }
        for language in ["uk", "en"] {
            expected.formUnion([.briefingPack("service", language: language), .selfCheck("service", language: language),
                                .changes(language: language), .home(language: language), .versions(language: language)])
        }
        #expect(report.plan?.pages == .only(expected))
        #expect(try String(contentsOfFile: "\(handbook.output)/principles/help-first/history/index.html", encoding: .utf8).contains("Taras Hnatiuk"))
        try handbook.expectSameAsCleanBuild()

        // A commit of a file edited before the last build: only its history moved.
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Новий текст.")])
        #expect(try handbook.build().incremental == .pages(1))
        try handbook.repo.commit("Reword listen", author: "Olena Koval", date: "2025-12-21T10:00:00+02:00")
        let committed = try handbook.build()
        #expect(committed.incremental == .pages(0))
        guard case .only(let jobs) = committed.plan?.pages else { Issue.record("a commit renders everything"); return }
        #expect(jobs.contains(.history("principles/listen.md")) && jobs.contains(.page("principles/listen.en.md")))
        #expect(!jobs.contains(.page("principles/help-first.md")), "a page the commit did not touch is not rendered")
        try handbook.expectSameAsCleanBuild()

        // A rewritten history (the last commit amended): the log is read whole, the output is still a clean build's.
        try handbook.repo.git(["commit", "-q", "--amend", "-m", "Reword listen, amended"], author: "Olena Koval", date: "2025-12-22T10:00:00+02:00")
        try handbook.build()
        #expect(try String(contentsOfFile: "\(handbook.output)/changes/index.html", encoding: .utf8).contains("Reword listen, amended"))
        try handbook.expectSameAsCleanBuild()

        handbook.today = Day(year: 2026, month: 6, day: 1)
        #expect(try handbook.build().incremental == .everything)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aShallowCloneFetchedDeeperIsNotUpToDate() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let changed = Fixture.handbook["principles/help-first.md"]!.replacing("Див.", with: "Спершу допоможіть. Див.")
        try handbook.repo.commit("Clarify help-first", author: "Taras Hnatiuk", date: "2025-12-20T10:00:00+02:00",
                                 files: ["content/principles/help-first.md": changed])
        let clone = try TempFolder()
        defer { clone.remove() }
        try handbook.repo.git(["clone", "-q", "--depth", "1", "file://\(handbook.repo.path)", "\(clone.path)/repo"], in: clone.path)
        let options = BuildOptions(content: "\(clone.path)/repo/content", output: "\(clone.path)/Public", today: handbook.today, cache: true)
        #expect(try SiteBuilder(options: options).build().published)
        #expect(try SiteBuilder(options: options).build().incremental == .upToDate)
        // Same HEAD, more history: the history pages must show it.
        try handbook.repo.git(["fetch", "-q", "--deepen=1"], in: "\(clone.path)/repo")
        let deeper = try SiteBuilder(options: options).build()
        #expect(deeper.incremental == .everything)
        let history = try String(contentsOfFile: "\(clone.path)/Public/principles/help-first/history.json", encoding: .utf8)
        #expect(history.contains("Olena Koval") && history.contains("Taras Hnatiuk"))
    }

    @Test func errorsLeaveTheOutputAndTheCacheAndTheFixIsPublished() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let before = handbook.tree(handbook.output)
        let ownerless = Fixture.handbook["principles/listen.md"]!.replacing("owner: leads\n", with: "")
        try handbook.edit(["content/principles/listen.md": ownerless])
        let failed = try handbook.build()
        #expect(!failed.published && failed.diagnostics.errorCount > 0)
        #expect(handbook.tree(handbook.output) == before)
        // Still errors: the cache must not take the failed build for a published one.
        #expect(try !handbook.build().published)
        try handbook.edit(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Новий текст.")])
        #expect(try handbook.build().published)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func anOutputFolderRemovedOrReplacedIsBuiltWhole() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        try FileManager.default.removeItem(atPath: handbook.output)
        let report = try handbook.build()
        #expect(report.incremental == nil && report.published)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aStagingFolderIsSwappedInWholeWithLinksToTheUnchangedFiles() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["Public/.handbook-site": "", "Public/a.html": "old a", "Public/b/index.html": "old b", "Public/c.html": "old c"])
        try folder.write(["staging/.handbook-site": "", "staging/a.html": "new a"])
        let publisher = AtomicPublisher(output: "\(folder.path)/Public")
        // A file to link that the output does not have: nothing is published, the output is as it was.
        #expect(throws: AtomicPublisher.PublishError.self) {
            try publisher.linkUnchanged(["b/index.html", "missing.html"], into: "\(folder.path)/staging")
        }
        #expect(folder.read("Public/a.html") == "old a" && folder.read("Public/b/index.html") == "old b" && folder.read("Public/c.html") == "old c")
        try publisher.linkUnchanged(["b/index.html"], into: "\(folder.path)/staging")
        var before = stat(), after = stat()
        stat("\(folder.path)/Public/b/index.html", &before)
        try publisher.publish(staging: "\(folder.path)/staging")
        stat("\(folder.path)/Public/b/index.html", &after)
        #expect(folder.read("Public/a.html") == "new a" && folder.read("Public/b/index.html") == "old b" && !folder.exists("Public/c.html"))
        #expect(before.st_ino == after.st_ino, "the unchanged file is the same file, linked, not copied")
        #expect(!folder.exists("staging"))
    }
}

/// A commit made while a build starts (after it looked at HEAD, before git read the log) is in that build's plan:
/// the pages it touched are rendered then, not left stale for every build after.
@Suite struct CommitDuringABuildTests {
    /// Runs git; once armed, the build's second look at the repository (the one that reads the log, after the cache
    /// looked at HEAD) is preceded by a commit of what is in the work tree.
    final class CommittingRunner: GitRunner, @unchecked Sendable {
        let repo: GitRepo
        private let lock = NSLock()
        private var looks = -1
        private(set) var committed = false
        private(set) var failure = ""
        init(repo: GitRepo) { self.repo = repo }
        func arm() { lock.withLock { looks = 0 } }
        func run(_ arguments: [String], in folder: String, input: Data?) throws -> Data {
            let fire = lock.withLock { () -> Bool in
                guard looks >= 0, arguments.contains("--is-inside-work-tree") else { return false }
                looks += 1
                guard looks == 2 else { return false }
                looks = -1
                return true
            }
            if fire {
                // Another git of the build may hold the index for a moment (`git status`): try again until it lets go.
                for attempt in 1...50 {
                    do {
                        try repo.commit("Committed mid-build", author: "Taras Hnatiuk", date: "2025-12-20T10:00:00+02:00")
                        lock.withLock { committed = true }
                        break
                    } catch {
                        lock.withLock { failure = "\(error)" }
                        if attempt < 50 { usleep(100_000) }
                    }
                }
            }
            return try ProcessGitRunner().run(arguments, in: folder, input: input)
        }
    }

    @Test func theCommitIsInThePlanOfTheBuildThatReadIt() throws {
        let repo = try GitRepo.handbook(Fixture.handbook)
        defer { repo.remove() }
        let runner = CommittingRunner(repo: repo)
        let today = Day(year: 2026, month: 1, day: 1)
        func options(_ output: String, cache: Bool = true) -> BuildOptions {
            var options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/\(output)", today: today, cache: cache)
            options.git = runner
            return options
        }
        #expect(try SiteBuilder(options: options("Public")).build().published)
        // An edit built uncommitted, then committed while the next build (of another edit) starts.
        try repo.folder.write(["content/policies/service.md": Fixture.handbook["policies/service.md"]!.replacing("Вступ.", with: "Новий вступ.")])
        #expect(try SiteBuilder(options: options("Public")).build().published)
        try repo.folder.write(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Інший текст.")])
        runner.arm()
        #expect(try SiteBuilder(options: options("Public")).build().published)
        #expect(runner.committed, "the commit could not be made: \(runner.failure)")
        #expect(try SiteBuilder(options: options("Public")).build().published)
        #expect(try SiteBuilder(options: options("Clean", cache: false)).build().published)
        let built = BuiltSite(root: "\(repo.path)/Public"), clean = BuiltSite(root: "\(repo.path)/Clean")
        for page in ["policies/service/index.html", "policies/service/history.json", "principles/listen/history.json", "changes/index.html"] {
            #expect(built.html(page) == clean.html(page), "\(page) is stale")
        }
        #expect(clean.html("policies/service/history.json").contains("Committed mid-build"))
    }
}
