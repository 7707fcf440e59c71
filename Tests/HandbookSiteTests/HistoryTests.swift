import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// Real repositories: several authors, a rename, an editorial commit, a shallow clone.
@Suite(.timeLimit(.minutes(20))) struct HistoryTests {
    /// content/ = the fixture, then: a change by Taras, a rename by Iryna, a typo fix by Olena marked editorial.
    func repository() throws -> GitRepo {
        let repo = try GitRepo.handbook(Fixture.handbook)
        let changed = Fixture.handbook["principles/help-first.md"]!.replacing("Див. [межі]", with: "Спершу допоможіть клієнтові. Див. [межі]")
        try repo.commit("Clarify help-first", author: "Taras Hnatiuk", date: "2025-11-20T10:00:00+02:00", files: ["content/principles/help-first.md": changed])
        try repo.move("content/examples/taxi.md", "content/examples/night-taxi.md")
        try repo.commit("Rename the taxi example", author: "Iryna Bondar", date: "2025-12-01T11:00:00+02:00")
        let typo = changed.replacing("допоможіть", with: "допоможіть,")
        try repo.commit("Fix a comma\n\nHandbook-Change: editorial", author: "Olena Koval", date: "2025-12-10T12:00:00+02:00",
                        files: ["content/principles/help-first.md": typo])
        return repo
    }

    func build(_ content: String, output: String) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(content: content, output: output, today: Day(year: 2026, month: 1, day: 1))).build()
    }

    @Test func pagesShowTheirLastSubstantiveChangeAndHistory() throws {
        let repo = try repository()
        defer { repo.remove() }
        let report = try build("\(repo.path)/content", output: "\(repo.path)/Public")
        #expect(report.published && report.notes.isEmpty)
        let site = BuiltSite(root: "\(repo.path)/Public")
        let page = site.html("principles/help-first/index.html")
        #expect(page.contains("Остання зміна: <time datetime=\"2025-11-20\">20 листопада 2025</time>, Taras Hnatiuk · Версія <code class=\"version-id\">2025-11-20-\(String(try repo.git(["rev-parse", "HEAD~2"]).prefix(7)))</code> · <a href=\"/principles/help-first/history/\">Історія</a>"))
        let history = site.html("principles/help-first/history/index.html")
        #expect(history.contains("Taras Hnatiuk") && history.contains("Clarify help-first") && history.contains("Olena Koval"))
        #expect(history.contains("<span class=\"tag-editorial\">редакторська правка</span>"))
        #expect(history.contains("<ins><span class=\"visually-hidden\">[додано: </span>Спершу допоможіть клієнтові. "))
        #expect(history.contains("<del><span class=\"visually-hidden\">[вилучено: </span>допоможіть<span class=\"visually-hidden\">]</span></del><ins><span class=\"visually-hidden\">[додано: </span>допоможіть,"))
        #expect(history.contains("Сторінка, якою вона була"))
    }

    /// Old versions link to pages as the current page does (no `.md` link is left for the browser to miss),
    /// and the newest version, committed as it is, shows the page's own body.
    @Test func pagesAsTheyWereLinkToPagesAndTheNewestIsThePageItself() throws {
        let repo = try repository()
        defer { repo.remove() }
        _ = try build("\(repo.path)/content", output: "\(repo.path)/Public")
        let site = BuiltSite(root: "\(repo.path)/Public")
        let page = site.html("principles/help-first/index.html")
        let history = site.html("principles/help-first/history/index.html")
        let start = try #require(page.range(of: "href=\"/policies/service/#"))
        let link = String(page[start.lowerBound...].dropFirst(6).prefix { $0 != "\"" })
        let versions = history.split(separator: "<details class=\"as-it-was\">").dropFirst().map { String($0) }
        #expect(versions.count == 3)
        for version in versions { #expect(version.contains("href=\"\(link)\""), "\(version)") }
        #expect(!history.contains(".md\""))
        func prose(_ html: String, closing: String) -> String? {
            guard let start = html.range(of: "<div class=\"prose\">\n") else { return nil }
            return html[start.upperBound...].range(of: closing).map { String(html[start.upperBound..<$0.lowerBound]) }
        }
        let body = try #require(prose(page, closing: "\n  </div>"))
        #expect(body.contains("Спершу допоможіть, клієнтові"))
        #expect(prose(versions[0], closing: "\n        </div>") == body)
        #expect(prose(versions[1], closing: "\n        </div>")?.contains("Спершу допоможіть клієнтові") == true)
    }

    @Test func historyJSONListsExactlyWhatGitLogFollowLists() throws {
        let repo = try repository()
        defer { repo.remove() }
        _ = try build("\(repo.path)/content", output: "\(repo.path)/Public")
        for (page, file) in [("principles/help-first", "content/principles/help-first.md"), ("examples/night-taxi", "content/examples/night-taxi.md"),
                             ("policies/service", "content/policies/service.md"), ("en/principles/help-first", "content/principles/help-first.en.md")] {
            let data = try #require(FileManager.default.contents(atPath: "\(repo.path)/Public/\(page)/history.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let commits = (json["revisions"] as? [[String: Any]] ?? []).compactMap { $0["commit"] as? String }
            let expected = try repo.git(["log", "--follow", "--format=%H", "--", file]).split(separator: "\n").map(String.init)
            #expect(commits == expected, "\(page)")
            #expect(json["path"] as? String == String(file.dropFirst("content/".count)))
        }
        let taxi = try #require(try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: "\(repo.path)/Public/examples/night-taxi/history.json")!) as? [String: Any])
        let revisions = taxi["revisions"] as? [[String: Any]] ?? []
        #expect(revisions.map { $0["author"] as? String } == ["Iryna Bondar", "Olena Koval"])
        #expect(revisions.first?["subject"] as? String == "Rename the taxi example")
        #expect((revisions.first?["date"] as? String)?.hasPrefix("2025-12-01T11:00:00") == true)
    }

    @Test func changesPageAndFeedShowRecentSubstantiveChanges() throws {
        let repo = try repository()
        defer { repo.remove() }
        _ = try build("\(repo.path)/content", output: "\(repo.path)/Public")
        let site = BuiltSite(root: "\(repo.path)/Public")
        let changes = site.html("changes/index.html")
        #expect(changes.contains("<time datetime=\"2025-12-01\">1 грудня 2025</time>"))
        #expect(changes.contains("<time datetime=\"2025-11-20\">20 листопада 2025</time>"))
        #expect(!changes.contains("2025-12-10"), "editorial changes stay out")
        // Older than 90 days: shown after the recent ones, under their own heading (fewer than `recent_changes`).
        let earlier = try #require(changes.range(of: "Раніші зміни"))
        #expect(!changes[..<earlier.lowerBound].contains("2025-10-01") && changes[earlier.upperBound...].contains("2025-10-01"))
        #expect(changes.contains("Clarify help-first") && changes.contains("Taras Hnatiuk"))
        #expect(changes.contains("перейменовано з examples/taxi.md"))
        // The word takes the number's form, and a count of zero is not shown.
        #expect(changes.contains("+3 слова додано<") && !changes.contains("−0"))
        let december = try #require(changes.range(of: "2025-12-01")), november = try #require(changes.range(of: "2025-11-20"))
        #expect(december.lowerBound < november.lowerBound, "newest day first")
        let feed = site.html("feed.xml")
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"uk\">"))
        // One entry per commit: the two of the last 90 days and the one before them (fewer than 20).
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 3)
        #expect(feed.range(of: "2025-12-01")!.lowerBound < feed.range(of: "2025-10-01")!.lowerBound)
        #expect(feed.contains("<link href=\"/principles/help-first/\"/>") && feed.contains("<name>Taras Hnatiuk</name>"))
        #expect(site.html("en/feed.xml").contains("xml:lang=\"en\""))
        #expect(site.html("index.html").contains("type=\"application/atom+xml\""))
    }

    @Test func contentOutsideGitBuildsWithOneNote() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published)
        #expect(report.notes.count == 1 && report.notes[0].hasPrefix("no version history"))
        #expect(!harness.site.html("principles/help-first/index.html").contains("last-changed"))
        #expect(!harness.site.exists("principles/help-first/history/index.html"))
        #expect(harness.site.html("changes/index.html").contains("не в git-репозиторії"))
    }

    /// A folder of Markdown brought as it is, without handbook.yml: it builds, and says so in one line.
    @Test func aFolderWithoutSettingsBuildsWithTheDefaultsAndSaysSo() throws {
        let harness = try SiteHarness(["index.md": "# Home\n\nText.\n", "guides/setup.md": "# Set up\n\n## Step one {#one}\n\nSee [step one](#one).\n"])
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published && report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.notes.contains { $0.hasPrefix("there is no handbook.yml: built with the defaults (title 'Handbook', languages [en])") }, "\(report.notes)")
        #expect(harness.site.html("guides/setup/index.html").contains("<h2 id=\"one\">Step one</h2>"))
    }

    @Test func shallowCloneBuildsAndSaysHowToFixIt() throws {
        let repo = try repository()
        defer { repo.remove() }
        let clone = try TempFolder()
        defer { clone.remove() }
        try repo.git(["clone", "-q", "--depth", "1", "file://\(repo.path)", "\(clone.path)/repo"], in: clone.path)
        let report = try build("\(clone.path)/repo/content", output: "\(clone.path)/Public")
        #expect(report.published)
        #expect(report.notes.contains { $0.contains("shallow clone") && $0.contains("fetch-depth: 0") })
        let data = try #require(FileManager.default.contents(atPath: "\(clone.path)/Public/principles/help-first/history.json"))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((json?["revisions"] as? [Any])?.count == 1)
    }
}
