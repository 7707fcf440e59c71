import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// versions.js in Chromium: the word diff agrees with Swift's on the shared vectors; a reader is told what
/// changed since they last read a page (and not after an editorial fix); `?at=` shows the text in force on
/// a day; the acknowledgement's receipt imports into the ledger and the pages show it.
@Suite(.serialized, .timeLimit(.minutes(20))) struct VersionBrowserTests {
    static let today = Day(year: 2026, month: 1, day: 1)

    /// The fixture with the policy asking for acknowledgement, committed on 2025-10-01.
    func repository() throws -> GitRepo {
        let repo = try GitRepo.handbook(Fixture.acknowledging)
        return repo
    }

    func build(_ repo: GitRepo) throws {
        let report = try SiteBuilder(options: BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: Self.today)).build()
        guard report.published else { throw WebDriver.Failure(description: "not built: \(report.diagnostics)") }
    }

    func history(_ repo: GitRepo, _ page: String) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(repo.path)/Public/\(page)history.json"))) as? [String: Any]
        return json?["revisions"] as? [[String: Any]] ?? []
    }

    func session(_ repo: GitRepo, _ body: (StaticServer, WebDriver) throws -> Void) throws {
        let server = try StaticServer(folder: "\(repo.path)/Public")
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        try body(server, browser)
    }

    @Test func javascriptDiffGivesEveryVectorOfTheSwiftDiff() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("WordDiffVectors/word-diff.json")
        let vectors = try String(contentsOf: url, encoding: .utf8)
        let repo = try repository()
        defer { repo.remove() }
        try build(repo)
        try session(repo) { server, browser in
            try browser.open(server.root)
            let outcome = try browser.run("""
                var cases = JSON.parse(arguments[0]).cases, wrong = [];
                cases.forEach(function (c) {
                  var d = window.HandbookWordDiff.diff(c.old, c.new);
                  var parts = d.parts.map(function (p) { return [p.op, p.text]; });
                  if (JSON.stringify(parts) !== JSON.stringify(c.parts)) wrong.push(c.name + ': parts ' + JSON.stringify(parts).slice(0, 200));
                  if (d.inserted !== c.inserted || d.deleted !== c.deleted) wrong.push(c.name + ': counts ' + d.inserted + '/' + d.deleted);
                  if (window.HandbookWordDiff.html(d, 'added', 'removed') !== c.html) wrong.push(c.name + ': html');
                });
                return {count: cases.length, wrong: wrong};
                """, [vectors]) as? [String: Any]
            #expect((outcome?["count"] as? Int ?? 0) >= 20)
            #expect((outcome?["wrong"] as? [String])?.isEmpty == true, "\(outcome?["wrong"] ?? "")")
            // And texts nobody chose: the real history texts of the pages, each against every other.
            let texts = try (try FileManager.default.contentsOfDirectory(atPath: "\(repo.path)/content/principles") + ["../policies/service.md", "../examples/taxi.md"])
                .compactMap { try? String(contentsOfFile: "\(repo.path)/content/principles/\($0)", encoding: .utf8) }
            var pairs: [[String]] = [], expected: [[Int]] = []
            for old in texts { for new in texts { pairs.append([old, new]); let d = WordDiff(old: old, new: new); expected.append([d.insertedWords, d.deletedWords, d.parts.count]) } }
            let got = try browser.run("""
                return arguments[0].map(function (p) { var d = window.HandbookWordDiff.diff(p[0], p[1]); return [d.inserted, d.deleted, d.parts.length]; });
                """, [pairs]) as? [[Int]]
            #expect(got == expected)
        }
    }

    @Test func aReaderIsToldWhatChangedSinceTheyReadAPageAndNotAfterAnEditorialFix() throws {
        let repo = try repository()
        defer { repo.remove() }
        try build(repo)
        try session(repo) { server, browser in
            let page = "principles/help-first/"
            let versionA = try #require(try history(repo, page).first?["version"] as? String)
            try browser.open(server.root + page)
            let seen = try browser.wait("the version remembered", "return localStorage.getItem('handbook-seen:/\(page)');") as? String
            #expect(seen == versionA)
            #expect(try browser.run("return document.querySelector('.version-changed') === null;") as? Bool == true, "no notice on a first visit")
            // Version C: words added and removed.
            let text = try #require(repo.folder.read("content/principles/help-first.md"))
            try repo.commit("Say what helping means", author: "Taras Hnatiuk", date: "2025-11-20T10:00:00+02:00",
                            files: ["content/principles/help-first.md": text.replacing("Див.", with: "Спершу допоможіть клієнтові, потім з'ясовуйте. Дивіться")])
            try build(repo)
            let revisions = try history(repo, page)
            let versionC = try #require(revisions.first?["version"] as? String)
            let diff = WordDiff(old: try #require(revisions.last?["text"] as? String), new: try #require(revisions.first?["text"] as? String))
            #expect(diff.insertedWords > 0 && diff.deletedWords > 0)
            try browser.open(server.root + page + "?visit=2")
            let counts = try browser.wait("the notice", """
                var n = document.querySelector('.version-changed'); return n ? [n.getAttribute('data-inserted'), n.getAttribute('data-deleted'), n.textContent] : null;
                """) as? [String]
            #expect(counts?[0] == String(diff.insertedWords) && counts?[1] == String(diff.deletedWords), "\(counts ?? [])")
            #expect(counts?[2].contains(versionA) == true && counts?[2].contains("+\(diff.insertedWords) ") == true)
            #expect(try browser.run("return localStorage.getItem('handbook-seen:/\(page)');") as? String == versionC)
            // Its link shows that diff on the history page.
            try browser.click(".version-diff-link")
            let compared = try browser.wait("the comparison", """
                var s = document.querySelector('.compare-summary'); return s ? [s.getAttribute('data-inserted'), s.getAttribute('data-deleted'), document.querySelector('.compare-result pre').innerHTML] : null;
                """) as? [String]
            #expect(compared?[0] == String(diff.insertedWords) && compared?[1] == String(diff.deletedWords))
            #expect(compared?[2] == diff.html(inserted: "додано", deleted: "вилучено"))
            // An editorial fix: the version stays, so no notice.
            let newer = try #require(repo.folder.read("content/principles/help-first.md"))
            try repo.commit("Typo\n\nHandbook-Change: editorial", author: "Olena Koval", date: "2025-11-21T10:00:00+02:00",
                            files: ["content/principles/help-first.md": newer.replacing("з'ясовуйте", with: "з’ясовуйте")])
            try build(repo)
            #expect(try history(repo, page).first?["version"] as? String == versionC)
            try browser.open(server.root + page + "?visit=3")
            _ = try browser.wait("the page's script", "return document.readyState === 'complete' ? true : null;")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try browser.run("return document.querySelector('.version-changed') === null;") as? Bool == true)
            // The home page lists what changed since the last visit: the home's first visit marks the day.
            try browser.open(server.root)
            _ = try browser.wait("the mark", "return localStorage.getItem('handbook-visit:/:uk');")
            let example = try #require(repo.folder.read("content/examples/callback.md"))
            try repo.commit("Sharper callback example", author: "Taras Hnatiuk", date: "2025-11-25T10:00:00+02:00",
                            files: ["content/examples/callback.md": example + "\nНовий абзац.\n"])
            try build(repo)
            try browser.open(server.root + "?visit=2")
            let listed = try browser.wait("the list", """
                var s = document.querySelector('.since-visit'); return s && !s.hidden ? Array.prototype.map.call(s.querySelectorAll('a'), function (a) { return a.getAttribute('href'); }) : null;
                """) as? [String]
            #expect(listed == ["/examples/callback/"])
        }
    }

    @Test func atADateThePageShowsTheTextThatWasInForce() throws {
        let repo = try repository()
        defer { repo.remove() }
        let text = try #require(repo.folder.read("content/principles/help-first.md"))
        try repo.commit("Say what helping means", author: "Taras Hnatiuk", date: "2025-11-20T10:00:00+02:00",
                        files: ["content/principles/help-first.md": text.replacing("Див.", with: "Спершу допоможіть клієнтові. Див.")])
        try build(repo)
        let revisions = try history(repo, "principles/help-first/")
        let first = try #require(revisions.last?["version"] as? String), current = try #require(revisions.first?["version"] as? String)
        try session(repo) { server, browser in
            try browser.open(server.root + "principles/help-first/?at=2025-11-01")
            let shown = try browser.wait("the old text", """
                var n = document.querySelector('.version-at'), old = document.querySelector('.as-at');
                return n && old ? [n.getAttribute('data-version'), n.textContent, old.textContent, String(document.querySelector('.prose:not(.as-at)').hidden)] : null;
                """) as? [String]
            #expect(shown?[0] == first)
            #expect(shown?[1].contains(current) == true, "the notice names the current version")
            #expect(shown?[2].contains("Див. межі") == true && shown?[2].contains("Спершу допоможіть") == false)
            #expect(shown?[3] == "true")
            // On the day of the change and after: the current text, said so.
            try browser.open(server.root + "principles/help-first/?at=2025-11-20")
            let today = try browser.wait("the notice", "var n = document.querySelector('.version-at'); return n ? n.getAttribute('data-version') : null;") as? String
            #expect(today == current)
            #expect(try browser.run("return document.querySelector('.as-at') === null;") as? Bool == true)
            // Before the first version, and a date that is not one.
            try browser.open(server.root + "principles/help-first/?at=2020-01-01")
            let before = try browser.wait("the notice", "var n = document.querySelector('.version-at'); return n ? n.textContent : null;") as? String
            #expect(before?.contains(first) == true)
            try browser.open(server.root + "principles/help-first/?at=%3Cscript%3E")
            let bad = try browser.wait("the notice", "var n = document.querySelector('.version-at'); return n ? n.textContent : null;") as? String
            #expect(bad?.contains("?at=") == true)
        }
    }

    @Test func theAcknowledgementReceiptImportsIntoTheLedger() throws {
        let repo = try repository()
        defer { repo.remove() }
        try build(repo)
        let version = try #require(try history(repo, "policies/service/").first?["version"] as? String)
        try session(repo) { server, browser in
            try browser.open(server.root + "policies/service/")
            try browser.type("Тарас Гнатюк", into: "#ack-name")
            try browser.click(".ack-form button[type=submit]")
            let block = try #require(try browser.wait("the receipt", "var r = document.querySelector('.receipt'); return r && r.textContent ? r.textContent : null;") as? String)
            let receipt = try #require(Receipt.all(in: block).first)
            #expect(receipt.version == version && receipt.policy == "service" && receipt.language == "uk" && receipt.name == "Тарас Гнатюк")
            #expect(receipt.hasValidChecksum, "the browser's CRC-32 is zlib's")
            let mailto = try #require(try browser.attribute("href", of: ".ack-mail"))
            #expect(mailto.hasPrefix("mailto:acks@example.org?subject="))
            let body = try #require(mailto.split(separator: "&body=").last.flatMap { String($0).removingPercentEncoding })
            #expect(Receipt.all(in: body).first?.checksum == receipt.checksum)
            let form = try #require(try browser.attribute("href", of: ".ack-form-link"))
            #expect(form == "https://forms.example.org/ack?p=service&v=\(version)&who=%D0%A2%D0%B0%D1%80%D0%B0%D1%81%20%D0%93%D0%BD%D0%B0%D1%82%D1%8E%D0%BA")
            #expect(try browser.run("return localStorage.getItem('handbook-ack:/:service:uk');") as? String == version)
            // The receipt, sent by mail, is imported by the tool people run; the acknowledgements page shows it.
            try repo.folder.write(["mail/ack.eml": "From: Taras <taras@example.org>\nDate: Tue, 2 Dec 2025 10:00:00 +0200\nSubject: ack\n\n" + body])
            let imported = try Self.run(["acks", "import", "--content", "\(repo.path)/content", "\(repo.path)/mail/ack.eml"])
            #expect(imported.status == 0, "\(imported.output)")
            try build(repo)
            try browser.open(server.root + "acknowledgements/")
            let status = try browser.wait("the table", """
                var row = Array.prototype.find.call(document.querySelectorAll('.ack-table tbody tr'), function (r) { return r.textContent.indexOf('Тарас Гнатюк') !== -1; });
                return row ? row.getAttribute('data-status') : null;
                """) as? String
            #expect(status == "current")
            try browser.open(server.root + "policies/service/")
            let said = try browser.wait("the reader's acknowledgement", "var p = document.querySelector('.ack-previous'); return p && !p.hidden ? p.textContent : null;") as? String
            #expect(said?.contains(version) == true)
            // A new version: the reader is told they acknowledged an older one, with the diff since.
            let policy = try #require(repo.folder.read("content/policies/service.md"))
            try repo.commit("Raise the limit", author: "Olena Koval", date: "2025-12-05T10:00:00+02:00",
                            files: ["content/policies/service.md": policy.replacing("limit: 200 грн", with: "limit: 300 грн")])
            try build(repo)
            try browser.open(server.root + "policies/service/?visit=2")
            let link = try browser.wait("the outdated notice", "var a = document.querySelector('.ack-previous a'); return a ? a.getAttribute('href') : null;") as? String
            #expect(link?.contains("/policies/service/history/?from=") == true)
            try browser.open(server.root + "acknowledgements/?visit=2")
            let outdated = try browser.wait("the table", "var r = document.querySelector('.ack-table tbody tr[data-status=outdated]'); return r ? r.textContent : null;") as? String
            #expect(outdated?.contains("Тарас Гнатюк") == true)
        }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = HandbookBinary.url
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
