import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HandbookModel
@testable import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookLive
@testable import HandbookOutput

/// What a hostile or careless handbook must never do: write outside the output, put a script in a link,
/// break an XML or JSON file, make two things claim one file, or drown one mistake in wrong advice.
@Suite(.timeLimit(.minutes(20))) struct SecurityTests {
    func check(_ files: [String: String]) throws -> [Diagnostic] {
        let harness = try SiteHarness(files)
        defer { harness.remove() }
        return try SiteBuilder(options: harness.options()).check().1
    }

    // MARK: 1. Output confinement

    @Test(arguments: ["../../victim", "../../../../x", "a/b", ".hidden", "..", "x\u{1B}[31m", "tab\there", ""])
    func aHostilePersonIDIsAFindingAndNothingIsWrittenOutside(_ id: String) throws {
        let people = "- id: \"\(id.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04X", $0.value) : String($0) }.joined())\"\n  name: Victim\n"
            + Fixture.handbook["people.yml"]!
        let harness = try SiteHarness(Fixture.with(["people.yml": people]))
        defer { harness.remove() }
        try harness.folder.write(["victim/index.html": "precious"])
        let (_, findings) = try SiteBuilder(options: harness.options()).check()
        #expect(findings.contains { $0.rule == .settings && $0.location.file == "people.yml" }, "\(findings)")
        _ = try? harness.build()
        #expect(harness.folder.read("victim/index.html") == "precious")
        #expect(!FileManager.default.fileExists(atPath: "/x/index.html") || id != "../../../../x")
        let top = try FileManager.default.contentsOfDirectory(atPath: harness.folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(top == ["content", "victim"], "nothing beside the content: the build stopped at the finding")
    }

    @Test func everySinkRefusesAPathThatLeavesTheOutput() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: "\(folder.path)/out", withIntermediateDirectories: true)
        let sinks: [OutputSink] = [DiskSink(root: "\(folder.path)/out"), MemorySink(), ChangedFilesSink(root: "\(folder.path)/out", previous: [:])]
        for sink in sinks {
            for path in ["../x", "a/../../x", "/etc/x", "a//b", "./x", "a/..", "", "a\u{0}b"] {
                #expect(throws: OutputPath.Escape.self, "\(type(of: sink)) \(path.debugDescription)") { try sink.write([1], to: path) }
            }
            try sink.write([1], to: "people/olena/index.html")
        }
        #expect(!folder.exists("x"))
    }

    @Test func aPageFileNameWithAControlCharacterIsNotPublished() throws {
        let findings = try check(Fixture.with(["about\u{7}.md": "# About\n"]))
        #expect(findings.contains { $0.rule == .unreadableFile && $0.message.contains("\\u{0007}") })
    }

    // MARK: 2. URL schemes

    @Test(arguments: ["javascript:alert(2)//", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//evil.example", "github.com/acme/x", "https://"])
    func aRepositoryThatIsNotAWebAddressIsRefused(_ repository: String) throws {
        let findings = try check(Fixture.with(["handbook.yml": Fixture.handbook["handbook.yml"]! + "\nrepository: \"\(repository)\"\n"]))
        #expect(findings.contains { $0.rule == .settings && $0.location.file == "handbook.yml" && $0.message.contains("repository") }, "\(findings)")
    }

    @Test func aWebRepositoryIsAccepted() throws {
        let findings = try check(Fixture.with(["handbook.yml": Fixture.handbook["handbook.yml"]! + "\nrepository: https://github.com/acme/handbook\n"]))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test(arguments: ["javascript:alert(1)", "olena@example.org?body=x", "a b@example.org", "olena", "\"><script>@x.org"])
    func anEmailThatIsNotAnAddressIsRefused(_ email: String) throws {
        let people = Fixture.handbook["people.yml"]!.replacing("email: olena@example.org", with: "email: '\(email.replacing("'", with: "''"))'")
        let harness = try SiteHarness(Fixture.with(["people.yml": people]))
        defer { harness.remove() }
        let (handbook, findings) = try SiteBuilder(options: harness.options()).check()
        #expect(findings.contains { $0.rule == .settings && $0.message.contains("email") }, "\(findings)")
        #expect(handbook.person("olena")?.email == nil)
    }

    // MARK: 3. XML and JSON stay valid

    @Test func controlCharactersInTitlesNamesAndCommitsKeepTheFeedAndJSONValid() throws {
        let repo = try GitRepo()
        defer { repo.folder.remove() }
        var files: [String: String?] = [:]
        for (path, text) in Fixture.handbook { files["content/\(path)"] = text }
        files["content/handbook.yml"] = "title: \"Bell\\a Esc\\e end\\uFFFF\"\nlanguages: [uk, en]\n"
        files["content/principles/listen.md"] = Fixture.handbook["principles/listen.md"]!.replacing("title: Вислухати", with: "title: \"Ви\\aслу\\eхати\\x01\"")
        try repo.commit("First \u{7}bell \u{1B}[31mred", author: "Esc\u{1B}ape Author", date: "2025-12-20T10:00:00+02:00", files: files)
        try repo.commit("Second\u{1}", author: "Bell\u{7}", date: "2025-12-21T10:00:00+02:00",
                        files: ["content/principles/listen.md": (files["content/principles/listen.md"]!)! + "\nБільше тексту.\n"])
        let options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: Day(year: 2026, month: 1, day: 1))
        let report = try SiteBuilder(options: options).build()
        #expect(report.published, "\(report.diagnostics)")
        let site = BuiltSite(root: "\(repo.path)/Public")
        for feed in ["feed.xml", "en/feed.xml", "sitemap.xml"] {
            let data = Data(site.html(feed).utf8)
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(feed): \(parser.parserError.map { "\($0)" } ?? "")")
        }
        #expect(site.html("feed.xml").contains("<entry>"))
        var json = ["principles/listen/history.json"]
        json += FileManager.default.subpaths(atPath: "\(repo.path)/Public/search/uk")?.filter { $0.hasSuffix(".json") }.map { "search/uk/\($0)" } ?? []
        for path in json {
            #expect((try? JSONSerialization.jsonObject(with: Data(site.html(path).utf8))) != nil, "\(path) is valid JSON")
        }
        #expect(site.html("principles/listen/history.json").contains("\\u0007"))
    }

    // MARK: 5. Collisions

    @Test func contentAndGeneratedFilesThatMeetAreFindingsNamingBoth() throws {
        let findings = try check(Fixture.with([
            "search.md": "# Search\n", "a-z.md": "# A\n", "principles.md": "# P\n", "changes/index.md": "# C\n",
            "people/olena.md": "# O\n", "about.md": "# Про нас\n", "about.en.md": "# About\n", "en/about.md": "# Also about\n",
            "feed.xml": "<x/>", "search/uk/manifest.json": "{}",
        ]))
        let collisions = findings.filter { $0.rule == .outputCollision }
        for file in ["search.md", "a-z.md", "principles.md", "changes/index.md", "people/olena.md", "en/about.md", "feed.xml", "search/uk/manifest.json"] {
            #expect(collisions.contains { $0.location.file == file }, "\(file): \(collisions.map(\.message))")
        }
        let english = try #require(collisions.first { $0.location.file == "en/about.md" })
        #expect(english.message.contains("about.en.md"), "names the other source: \(english.message)")
        #expect(collisions.allSatisfy { $0.severity == .error })
        #expect(!collisions.contains { $0.location.file == "about.md" || $0.location.file == "about.en.md" })
    }

    // MARK: 11. One cause, one finding

    @Test func anUnclosedListInTheSettingsIsOneFinding() throws {
        let findings = try check(Fixture.with(["handbook.yml": "title: Test\nlanguages: [uk, en\nbase_url: /\n"]))
        #expect(findings.count == 1, "\(findings.map { "\($0.rule) \($0.message)" })")
        #expect(findings.first?.rule == .settings && findings.first?.location.file == "handbook.yml")
    }

    @Test func aYAMLErrorInPeopleIsOneFindingInAuthorsWords() throws {
        let findings = try check(Fixture.with(["people.yml": "- id: olena\n  name: Олена\n role: x\n- id: leads\n  name: Leads\n"]))
        #expect(findings.count == 1, "\(findings.map { "\($0.rule) \($0.message)" })")
        let finding = try #require(findings.first)
        #expect(finding.location.file == "people.yml" && finding.location.line == 3)
        #expect(finding.hint?.contains("indentation of line 3") == true, "\(finding.hint ?? "")")
    }

    @Test func anOwnerWrittenAsANameIsToldItsID() throws {
        let findings = try check(Fixture.with(["principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("owner: leads", with: "owner: Олена Коваль")]))
        let finding = try #require(findings.first { $0.rule == .principleOwner })
        #expect(finding.hint?.contains("'olena'") == true && finding.hint?.contains("add") == false, "\(finding.hint ?? "")")
    }

    @Test func aListWrittenWithCommasSaysHowToWriteIt() throws {
        let findings = try check(Fixture.with(["examples/callback.md": Fixture.handbook["examples/callback.md"]!.replacing("principles: [help-first, listen]", with: "principles: help-first, listen")]))
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.first?.hint == "write a list: [help-first, listen]")
        #expect(!findings.contains { $0.message.contains("'help-first, listen' is not") })
    }

    @Test func aCapitalisedVerdictIsAccepted() throws {
        let findings = try check(Fixture.with(["examples/taxi.md": Fixture.handbook["examples/taxi.md"]!.replacing("verdict: good", with: "verdict: Good")]))
        #expect(findings.isEmpty, "\(findings)")
    }

    // MARK: 12. Names and paths

    @Test func namesThatAreNotUTF8AndPathsPastTheLimitAreFindings() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let content = harness.content
        // A file and a folder whose names are not UTF-8.
        var name: [CChar] = Array("\(content)/bad".utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), CChar(bitPattern: 0xFE)] + Array(".md".utf8CString)
        let file = open(&name, O_WRONLY | O_CREAT, 0o644)
        #expect(file >= 0)
        close(file)
        var folderName: [CChar] = Array("\(content)/dir".utf8CString.dropLast()) + [CChar(bitPattern: 0xC3)] + [0]
        #expect(mkdir(&folderName, 0o755) == 0)
        // A page nested past PATH_MAX, made one folder at a time.
        var descriptor = open(content, O_RDONLY | O_DIRECTORY)
        let part = String(repeating: "d", count: 200)
        for _ in 0..<22 {
            mkdirat(descriptor, part, 0o755)
            let next = openat(descriptor, part, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
        }
        let deep = openat(descriptor, "deep.md", O_WRONLY | O_CREAT, 0o644)
        #expect(deep >= 0)
        close(deep)
        close(descriptor)
        let (_, findings) = try SiteBuilder(options: harness.options()).check()
        let unreadable = findings.filter { $0.rule == .unreadableFile }
        #expect(unreadable.contains { $0.location.file.hasPrefix("bad") && $0.message.contains("not UTF-8") }, "\(unreadable)")
        #expect(unreadable.contains { $0.location.file.hasPrefix("dir") && $0.message.contains("not UTF-8") }, "\(unreadable)")
        #expect(unreadable.contains { $0.message.contains("longer than the system allows") }, "\(unreadable)")
        // Deleting the deep tree needs the same walk.
        _ = try? FileManager.default.removeItem(atPath: "\(content)/\(part)")
    }

    // MARK: 13. A quiet season still has a feed

    @Test func aHandbookWithNoRecentCommitStillShowsItsLatestChanges() throws {
        let repo = try GitRepo()
        defer { repo.folder.remove() }
        var files: [String: String?] = [:]
        for (path, text) in Fixture.handbook { files["content/\(path)"] = text }
        try repo.commit("Initial handbook", author: "Olena Koval", date: "2024-03-01T10:00:00+02:00", files: files)
        try repo.commit("Listen: more", author: "Olena Koval", date: "2024-04-01T10:00:00+02:00",
                        files: ["content/principles/listen.md": Fixture.handbook["principles/listen.md"]! + "\nЩе текст.\n"])
        let options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: Day(year: 2026, month: 1, day: 1))
        #expect(try SiteBuilder(options: options).build().published)
        let site = BuiltSite(root: "\(repo.path)/Public")
        #expect(site.html("feed.xml").components(separatedBy: "<entry>").count - 1 >= 2)
        let changes = site.html("changes/index.html")
        #expect(changes.contains("Раніші зміни") && changes.contains("Вислухати"))
        #expect(changes.contains("+2"), "the summary of an old change is its word count, not 'first version'")
    }

    // MARK: 14. Smaller things

    @Test func authorHeadingsNeverReuseTheThemesIDs() throws {
        let harness = try SiteHarness(Fixture.with(["about.md": "# About\n\n## Main\n\nText.\n\n## Exceptions\n\nMore.\n"]))
        defer { harness.remove() }
        #expect(try harness.build().published)
        let html = harness.site.html("about/index.html")
        #expect(html.components(separatedBy: "id=\"main\"").count == 2, "one element has id main")
        #expect(html.contains("id=\"main-1\"") && html.contains("id=\"exceptions-1\""))
    }

    @Test func pagesAsTheyWereKeepTheirHeadingIDsUniqueOnTheHistoryPage() throws {
        let repo = try GitRepo()
        defer { repo.folder.remove() }
        var files: [String: String?] = [:]
        for (path, text) in Fixture.handbook { files["content/\(path)"] = text }
        try repo.commit("One", author: "A", date: "2025-12-01T10:00:00+02:00", files: files)
        try repo.commit("Two", author: "A", date: "2025-12-02T10:00:00+02:00",
                        files: ["content/policies/service.md": Fixture.handbook["policies/service.md"]! + "\nДодано.\n"])
        try repo.commit("Three", author: "A", date: "2025-12-03T10:00:00+02:00",
                        files: ["content/policies/service.md": Fixture.handbook["policies/service.md"]! + "\nДодано ще.\n"])
        let options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: Day(year: 2026, month: 1, day: 1))
        #expect(try SiteBuilder(options: options).build().published)
        let html = BuiltSite(root: "\(repo.path)/Public").html("policies/service/history/index.html")
        var ids: [String] = []
        var rest = html[...]
        while let range = rest.range(of: " id=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            ids.append(String(after[..<end]))
            rest = after[end...]
        }
        #expect(ids.count > 5)
        #expect(Set(ids).count == ids.count, "repeated: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
    }

    @Test func aHugePageMakesASmallSearchFragment() throws {
        let body = (0..<20_000).map { "Рядок \($0) про повернення коштів клієнту." }.joined(separator: "\n\n")
        let harness = try SiteHarness(Fixture.with(["huge.md": "# Величезна\n\n\(body)\n"]))
        defer { harness.remove() }
        #expect(try harness.build().published)
        let fragments = (FileManager.default.subpaths(atPath: "\(harness.output)/search/uk") ?? []).filter { $0.contains("f.") && $0.hasSuffix(".json") }
        #expect(!fragments.isEmpty)
        for fragment in fragments {
            let size = (try FileManager.default.attributesOfItem(atPath: "\(harness.output)/search/uk/\(fragment)")[.size] as? Int) ?? 0
            #expect(size < 40_000, "\(fragment): \(size) bytes")
        }
    }

    @Test func aBrokenTemplateInABuildNamesItsFile() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.folder.write(["theme/templates/page.mustache": "{{#unclosed}}"])
        do {
            try harness.build(theme: "\(harness.folder.path)/theme")
            Issue.record("the build should fail")
        } catch {
            let text = "\(error)"
            #expect(text.contains("theme/templates/page.mustache") && text.contains("[theme]"), "\(text)")
            #expect(!text.contains("template(file:"), "no enum dump: \(text)")
        }
    }
}

/// The preview server forgets a finding once its cause is gone.
@Suite struct LiveStaleFindingTests {
    @Test func aLinkOutsideTheFolderThatIsDeletedTakesItsFindingAlong() throws {
        let live = try LiveBuildTests.Live()
        defer { live.folder.remove() }
        try live.folder.write(["outside/secret.png": "secret"])
        try FileManager.default.createSymbolicLink(atPath: "\(live.content)/outside.png", withDestinationPath: "\(live.folder.path)/outside/secret.png")
        var update = live.live.apply([LiveChange(.content, "outside.png")])
        #expect(update.findings.contains { $0.rule == .unreadableFile && $0.location.file == "outside.png" })
        #expect(!update.published)
        try FileManager.default.removeItem(atPath: "\(live.content)/outside.png")
        update = live.live.apply([LiveChange(.content, "outside.png")])
        #expect(update.findings.isEmpty, "\(update.findings)")
        #expect(update.published)
        // The next edit is published too.
        update = try live.edit(["principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("Текст.", with: "Новий текст.")])
        #expect(update.published && live.live.findings.isEmpty)
        try live.expectSameAsCleanBuild()
    }

    @Test func aLinkPresentAtStartThatIsDeletedLetsTheSiteBePublished() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        try folder.write(["outside/secret.png": "secret"])
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/content/outside.png", withDestinationPath: "\(folder.path)/outside/secret.png")
        let live = LiveBuild(options: LiveBuildTests.Live.options(folder.path))
        #expect(!live.rebuildAll().published)
        try FileManager.default.removeItem(atPath: "\(folder.path)/content/outside.png")
        let update = live.apply([LiveChange(.content, "outside.png")])
        #expect(update.published && update.findings.isEmpty, "\(update.findings)")
        #expect(live.files["index.html"] != nil)
    }
}

/// What a second look as an attacker found, each held now.
@Suite(.timeLimit(.minutes(20))) struct SecondLookTests {
    func check(_ files: [String: String], prepare: (SiteHarness) throws -> Void = { _ in }) throws -> [Diagnostic] {
        let harness = try SiteHarness(files)
        defer { harness.remove() }
        try prepare(harness)
        return try SiteBuilder(options: harness.options()).check().1
    }

    @Test(arguments: ["\\\\evil.example", "/\\t/evil.example", "a b", "x?y", "x#y", "%2e%2e", "..", "a:b", "/\\u001B[2J/"])
    func aBaseURLThatCouldLeaveTheSiteIsRefused(_ base: String) throws {
        let findings = try check(Fixture.with(["handbook.yml": "title: Test\nlanguages: [uk, en]\nbase_url: \"\(base)\"\n"]))
        #expect(findings.contains { $0.rule == .settings && $0.message.contains("base_url") }, "\(base): \(findings)")
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let decoded = base.replacing("\\\\", with: "\\").replacing("\\t", with: "\t").replacing("\\u001B", with: "\u{1B}")
        #expect(throws: SiteBuilder.BuildError.self) { try harness.build(baseURL: decoded) }
    }

    @Test(arguments: ["people", "search", "a-z", "changes", "assets", "policies"])
    func aLanguageCodeThatNamesASiteFolderIsRefused(_ code: String) throws {
        let findings = try check(Fixture.with(["handbook.yml": "title: Test\nlanguages: [uk, en, \(code)]\n"]))
        #expect(findings.contains { $0.rule == .settings && $0.message.contains(code) }, "\(findings)")
    }

    @Test func aFileWhereTheSiteNeedsAFolderIsACollision() throws {
        let findings = try check(Fixture.with(["feed.xml.md": "# Feed\n", "404.html.md": "# Not\n"])) { harness in
            try harness.folder.write(["content/sitemap.xml/x.png": "png", "content/about": "no extension", "content/about.md": "# About\n"])
        }
        let collisions = findings.filter { $0.rule == .outputCollision }.map(\.location.file)
        for file in ["feed.xml.md", "404.html.md", "sitemap.xml/x.png", "about"] {
            #expect(collisions.contains(file), "\(file): \(collisions)")
        }
    }

    @Test func namesThatDifferOnlyInUnicodeFormAreAFindingNotACrash() throws {
        let findings = try check(Fixture.handbook) { harness in
            try harness.folder.write(["content/caf\u{E9}.md": "# Café composed\n"])
            try harness.folder.write(Array("# Café decomposed\n".utf8), to: "content/cafe\u{301}.md")
            // TempFolder writes by String path: make sure the decomposed name is on disk as its own bytes.
            var raw: [CChar] = Array("\(harness.content)/cafe".utf8CString.dropLast()) + [CChar(bitPattern: 0xCC), CChar(bitPattern: 0x81)] + Array(".md".utf8CString)
            let fd = open(&raw, O_WRONLY | O_CREAT, 0o644)
            _ = "# decomposed\n".withCString { write(fd, $0, 13) }
            close(fd)
        }
        #expect(findings.contains { $0.rule == .unreadableFile && $0.message.contains("normalization") }, "\(findings)")
    }

    @Test func aPersonWithARefusedIDIsOneFinding() throws {
        let people = Fixture.handbook["people.yml"]!.replacing("- id: olena\n", with: "- id: ../olena\n")
        var files = Fixture.with(["people.yml": people])
        for (path, text) in files where text.contains("owner: olena") || text.contains("facilitator: olena") {
            files[path] = text.replacing("owner: olena", with: "owner: ../olena").replacing("facilitator: olena", with: "facilitator: ../olena")
        }
        let findings = try check(files)
        #expect(findings.count == 1 && findings.first?.rule == .settings, "\(findings.map(\.message))")
    }

    @Test func aHugeTitleOrHeadingMakesASmallFragment() throws {
        let title = String(repeating: "Довга назва ", count: 100_000)
        let harness = try SiteHarness(Fixture.with(["huge.md": "---\ntitle: \"\(title)\"\n---\n\n## \(title)\n\nТекст.\n"]))
        defer { harness.remove() }
        #expect(try harness.build().published)
        for fragment in (FileManager.default.subpaths(atPath: "\(harness.output)/search/uk") ?? []) where fragment.hasSuffix(".json") && fragment.contains("f.") {
            let size = (try FileManager.default.attributesOfItem(atPath: "\(harness.output)/search/uk/\(fragment)")[.size] as? Int) ?? 0
            #expect(size < 40_000, "\(fragment): \(size) bytes")
        }
    }
}
