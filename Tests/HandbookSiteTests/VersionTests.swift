import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// Versions people can name, translations that fall behind, and the acknowledgement ledger, in real git
/// repositories with several authors, editorial and substantive commits and a rename.
@Suite(.timeLimit(.minutes(20))) struct VersionTests {
    static let today = Day(year: 2026, month: 1, day: 1)

    /// The fixture with `acknowledge: required` on the policy, a mailbox and a form, and audiences; then:
    /// Taras changes the principle (substantive), Olena fixes a comma in it (editorial), Iryna renames an
    /// example and changes the policy's limit.
    func repository() throws -> GitRepo {
        let files = Fixture.acknowledging
        let repo = try GitRepo.handbook(files)
        let changed = files["principles/help-first.md"]!.replacing("Див. [межі]", with: "Спершу допоможіть клієнтові. Див. [межі]")
        try repo.commit("Clarify help-first", author: "Taras Hnatiuk", date: "2025-11-20T10:00:00+02:00", files: ["content/principles/help-first.md": changed])
        try repo.commit("Fix a comma\n\nHandbook-Change: editorial", author: "Olena Koval", date: "2025-12-10T12:00:00+02:00",
                        files: ["content/principles/help-first.md": changed.replacing("допоможіть", with: "допоможіть,")])
        try repo.move("content/examples/taxi.md", "content/examples/night-taxi.md")
        try repo.commit("Rename the taxi example", author: "Iryna Bondar", date: "2025-12-11T11:00:00+02:00")
        try repo.commit("Raise the operator's limit", author: "Iryna Bondar", date: "2025-12-12T11:00:00+02:00",
                        files: ["content/policies/service.md": files["policies/service.md"]!.replacing("limit: 200 грн", with: "limit: 300 грн")])
        return repo
    }

    func options(_ repo: GitRepo) -> BuildOptions {
        BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: Self.today)
    }

    func short(_ repo: GitRepo, _ revision: String) throws -> String { String(try repo.git(["rev-parse", revision]).prefix(7)) }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func aVersionIsTheLastSubstantiveChangeEverywhere() throws {
        let repo = try repository()
        defer { repo.remove() }
        let report = try SiteBuilder(options: options(repo)).build()
        #expect(report.published, "\(report.diagnostics)")
        let site = BuiltSite(root: "\(repo.path)/Public")
        // The principle's version is Taras's change: the editorial comma after it makes none.
        let version = "2025-11-20-\(try short(repo, "HEAD~3"))"
        let page = site.html("principles/help-first/index.html")
        #expect(page.contains("data-version=\"\(version)\""))
        #expect(page.contains("Версія <code class=\"version-id\">\(version)</code>"))
        let history = try json("\(repo.path)/Public/principles/help-first/history.json")
        #expect(history["version"] as? String == version)
        let revisions = try #require(history["revisions"] as? [[String: Any]])
        #expect(revisions.count == 3)
        #expect(revisions.map { $0["editorial"] as? Bool } == [true, false, false])
        #expect(revisions[0]["version"] as? String == version && revisions[1]["version"] as? String == version)
        #expect(revisions[2]["version"] as? String == "2025-10-01-\(try short(repo, "HEAD~4"))")
        // Every revision's text, as readers see it, and the contract's fields as they were.
        #expect((revisions[0]["text"] as? String)?.contains("Спершу допоможіть, клієнтові.") == true)
        #expect((revisions[2]["text"] as? String)?.contains("Спершу допоможіть") == false)
        #expect(revisions.allSatisfy { $0["commit"] is String && $0["date"] is String && $0["author"] is String && $0["subject"] is String })
        // The renamed example's history follows the rename; each revision names the file it was.
        let example = try #require(try json("\(repo.path)/Public/examples/night-taxi/history.json")["revisions"] as? [[String: Any]])
        #expect(example.map { $0["file"] as? String } == ["examples/night-taxi.md", "examples/taxi.md"])
        // The history page names the current version and offers every revision to compare.
        let historyPage = site.html("principles/help-first/history/index.html")
        #expect(historyPage.contains("<section class=\"compare\" id=\"compare\""))
        #expect(historyPage.components(separatedBy: "<option value=").count - 1 == 6)
        // Search results carry it: the page's fragment in the search bundle.
        let search = "\(repo.path)/Public/search/uk"
        let fragments = try FileManager.default.subpathsOfDirectory(atPath: search).filter { $0.hasPrefix("f.") && $0.hasSuffix(".json") }
        let fragment = fragments.compactMap { try? String(contentsOfFile: "\(search)/\($0)", encoding: .utf8) }.first { $0.contains("\"url\":\"/principles/help-first/\"") }
        #expect(fragment?.contains("\"version\":\"\(version)\"") == true)
        // The home page's list of versions.
        let versions = try json("\(repo.path)/Public/versions.json")
        let entry = (versions["pages"] as? [[String: Any]])?.first { $0["url"] as? String == "/principles/help-first/" }
        #expect(entry?["version"] as? String == version)
    }

    @Test func aTranslationBehindItsSourceIsFlaggedAndEditorialChangesDoNotCount() throws {
        let repo = try repository()
        defer { repo.remove() }
        // help-first.en.md was last changed in the first commit; its source changed substantively since.
        var (_, findings) = try SiteBuilder(options: options(repo)).check()
        let stale = findings.filter { $0.rule == .outdatedTranslation }
        #expect(stale.map(\.location.file).sorted() == ["policies/service.en.md", "principles/help-first.en.md"])
        let finding = try #require(stale.first { $0.location.file == "principles/help-first.en.md" })
        #expect(finding.location.line == 1 && finding.severity == .warning)
        #expect(finding.message.contains("principles/help-first.md changed on 2025-11-20"))
        _ = try SiteBuilder(options: options(repo)).build()
        let page = BuiltSite(root: "\(repo.path)/Public").html("en/principles/help-first/index.html")
        #expect(page.contains("class=\"notice outdated-translation\""))
        #expect(page.contains("href=\"/principles/help-first/history/?from=\(try short(repo, "HEAD~4"))&amp;to=\(try short(repo, "HEAD~3"))#compare\""))
        // The translation catches up; then the source gets only an editorial fix: nothing to flag.
        let english = try #require(repo.folder.read("content/principles/help-first.en.md"))
        try repo.commit("Translate the clarification", author: "Olena Koval", date: "2025-12-20T10:00:00+02:00",
                        files: ["content/principles/help-first.en.md": english.replacing("See", with: "Help the client first. See")])
        let source = try #require(repo.folder.read("content/principles/help-first.md"))
        try repo.commit("Typo\n\nHandbook-Change: editorial", author: "Taras Hnatiuk", date: "2025-12-21T10:00:00+02:00",
                        files: ["content/principles/help-first.md": source.replacing("клієнтові", with: "клієнтові ")])
        (_, findings) = try SiteBuilder(options: options(repo)).check()
        #expect(findings.filter { $0.rule == .outdatedTranslation }.map(\.location.file) == ["policies/service.en.md"])
    }

    /// A receipt as the policy page's script makes it, for a name and a day.
    func receipt(_ repo: GitRepo, name: String, date: String, version: String? = nil) throws -> Receipt {
        let head = "2025-12-12-\(try short(repo, "HEAD"))"
        return Receipt(policy: "service", title: "Політика обслуговування", language: "uk", version: version ?? head, name: name, date: date)
    }

    @Test func receiptsFromMailAndFormsBecomeTheLedgerAndItsPages() throws {
        let repo = try repository()
        defer { repo.remove() }
        let current = "2025-12-12-\(try short(repo, "HEAD"))", older = "2025-10-01-\(try short(repo, "HEAD~4"))"
        // A mail as a client sends the page's link without JavaScript: quoted-printable, no name (the sender is Olena).
        let nameless = try receipt(repo, name: "", date: "", version: current).block
        let quoted = nameless.replacing("Title: Політика обслуговування", with: "Title: =D0=9F=D0=BE=D0=BB=D1=96=D1=82=D0=B8=D0=BA=D0=B0 =\r\n=D0=BE=D0=B1=D1=81=D0=BB=D1=83=D0=B3=D0=BE=D0=B2=D1=83=D0=B2=D0=B0=D0=BD=D0=BD=D1=8F")
        let eml = "From: \"Olena K.\" <OLENA@example.org>\r\nDate: Mon, 15 Dec 2025 09:30:00 +0200\r\nSubject: ack\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + quoted.replacing("\n", with: "\r\n") + "\r\n"
        // An mbox of two: Taras's receipt of the older version in a base64 part of a multipart mail, quoted in a
        // reply; and one with a checksum typed wrong.
        let tarasBlock = try receipt(repo, name: "Тарас Гнатюк", date: "2025-11-01", version: older).block
        let base64 = Data(tarasBlock.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n").utf8).base64EncodedString(options: .lineLength76Characters)
        var broken = try receipt(repo, name: "Ірина Бондар", date: "2025-12-14", version: current)
        broken.checksum = "00000000"
        let mbox = """
            From taras@example.org Mon Nov  3 10:00:00 2025
            From: Taras <taras@example.org>
            Date: Mon, 3 Nov 2025 10:00:00 +0200
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/html; charset=utf-8

            <p>see the text part</p>
            --b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            \(base64)
            --b1--

            From iryna@example.org Sun Dec 14 10:00:00 2025
            From: iryna@example.org
            Date: Sun, 14 Dec 2025 10:00:00 +0200

            \(broken.block)

            """
        // A form tool's export: a quoted title with a comma, a version the policy never had, a stranger.
        let stranger = try receipt(repo, name: "Петро Новий", date: "2025-12-16", version: current)
        let unknown = try receipt(repo, name: "Ірина Бондар", date: "2025-12-16", version: "2025-12-01-abcdef0")
        let csv = "Timestamp,Policy,Language,Version,Name,Date,Checksum,Comment\r\n"
            + "2025-12-16 10:00,service,uk,\(current),\(stranger.name),2025-12-16,\(stranger.checksum),\"read, understood\"\r\n"
            + "2025-12-16 11:00,service,uk,2025-12-01-abcdef0,Ірина Бондар,2025-12-16,\(unknown.checksum),\r\n"
        try repo.folder.write(["in/olena.eml": eml, "in/inbox.mbox": mbox, "in/form.csv": csv])
        let importer = AcknowledgementImport(options: options(repo))
        let report = try importer.run(files: ["in/olena.eml", "in/inbox.mbox", "in/form.csv"].map { "\(repo.path)/\($0)" })
        #expect(report.imported == 3, "\(report.outcomes.map(\.message))")
        #expect(report.refused == 2)
        #expect(report.outcomes.contains { $0.kind == .refused && $0.message.contains("checksum") && $0.location.file.hasSuffix("inbox.mbox") })
        #expect(report.outcomes.contains { $0.kind == .refused && $0.message.contains("is not a version of policies/service.md") && $0.location.line == 3 })
        #expect(report.written == ["acknowledgements/service.yml"])
        let ledger = try #require(repo.folder.read("content/acknowledgements/service.yml"))
        #expect(ledger.contains("- person: \"olena\"\n  name: \"\"\n  language: \"uk\"\n  version: \"\(current)\"\n  received: \"2025-12-15\"\n  from: \"OLENA@example.org\""))
        #expect(ledger.contains("- person: \"taras\"\n  name: \"Тарас Гнатюк\"\n  language: \"uk\"\n  version: \"\(older)\"\n  date: \"2025-11-01\""))
        #expect(ledger.contains("name: \"Петро Новий\"") && !ledger.contains("Ірина"))
        // Importing the same files again adds nothing.
        let again = try importer.run(files: ["\(repo.path)/in/olena.eml"])
        #expect(again.imported == 0 && again.outcomes.first?.kind == .duplicate)
        // The ledger is checked: only the stranger is a finding (a warning).
        let (_, findings) = try SiteBuilder(options: options(repo)).check()
        #expect(findings.filter { $0.rule.rawValue.hasPrefix("ack-") }.map(\.rule) == [.ackUnknownPerson])
        // The acknowledgements page and its CSV: Olena current, Taras outdated (with the diff since his
        // version), Iryna missing? No: she is in no audience of the policy; the stranger current.
        #expect(try SiteBuilder(options: options(repo)).build().published)
        let site = BuiltSite(root: "\(repo.path)/Public")
        let page = site.html("acknowledgements/index.html")
        #expect(page.contains("<tr class=\"ack-current\" data-status=\"current\"><th scope=\"row\"><a href=\"/people/olena/\">Олена Коваль</a>"))
        #expect(page.contains("<tr class=\"ack-outdated\" data-status=\"outdated\"><th scope=\"row\"><a href=\"/people/taras/\">Тарас Гнатюк</a>"))
        #expect(page.contains("href=\"/policies/service/history/?from=\(try short(repo, "HEAD~4"))&amp;to=\(try short(repo, "HEAD"))#compare\""))
        #expect(!page.contains("Ірина Бондар"))
        let table = try #require(repo.folder.read("Public/acknowledgements.csv"))
        #expect(table.hasPrefix("policy,title,language,person,name,status,acknowledged_version,date,current_version\r\n"))
        #expect(table.contains("service,Політика обслуговування,uk,olena,Олена Коваль,current,\(current),2025-12-15,\(current)\r\n"))
        #expect(table.contains("service,Політика обслуговування,uk,taras,Тарас Гнатюк,outdated,\(older),2025-11-01,\(current)\r\n"))
        #expect(table.contains("service,Політика обслуговування,uk,,Петро Новий,current,\(current),2025-12-16,\(current)\r\n"))
        // The audience page lists the policy with its version, and who acknowledged it.
        let staff = site.html("audiences/staff/index.html")
        #expect(staff.contains("<a href=\"/policies/service/\">Політика обслуговування</a>") && staff.contains(current))
        #expect(staff.contains("ack-outdated"))
        // The policy page offers the acknowledgement: the link without JavaScript carries the receipt without a name.
        let policy = site.html("policies/service/index.html")
        #expect(policy.contains("data-version=\"\(current)\"") && policy.contains("data-mailbox=\"acks@example.org\""))
        let mailto = try #require(policy.firstMatch(of: /class="ack-mail-nojs" href="([^"]+)"/).map { String($0.1) })
        let body = try #require(mailto.replacing("&amp;", with: "&").split(separator: "&body=").last.flatMap { String($0).removingPercentEncoding })
        var expected = Receipt(policy: "service", title: "Політика обслуговування", language: "uk", version: current)
        expected.line = 1
        #expect(Receipt.all(in: body).first == expected)
    }

    @Test func aLedgerEditedByHandIsChecked() throws {
        let repo = try repository()
        defer { repo.remove() }
        let current = "2025-12-12-\(try short(repo, "HEAD"))"
        let good = try receipt(repo, name: "Олена Коваль", date: "2025-12-15")
        try repo.folder.write([
            "content/acknowledgements/service.yml": """
                - person: olena
                  name: Олена Коваль
                  language: uk
                  version: \(current)
                  date: 2025-12-16
                  checksum: \(good.checksum)
                - person: ghost
                  name: Ghost
                  language: uk
                  version: 2025-01-01-0000000
                  checksum: 12345678
                - name: Олена Коваль
                  language: de
                  version: \(current)
                  checksum: \(good.checksum)
                - language: uk
                """,
            "content/acknowledgements/nope.yml": "- person: olena\n  language: uk\n  version: \(current)\n  checksum: 1\n",
            "content/acknowledgements/notes.txt": "not a ledger file",
        ])
        let (handbook, findings) = try SiteBuilder(options: options(repo)).check()
        func at(_ rule: Rule) -> [String] { findings.filter { $0.rule == rule }.map { "\($0.location.file):\($0.location.line)" } }
        #expect(at(.ackChecksum) == ["acknowledgements/service.yml:1", "acknowledgements/service.yml:7"])
        #expect(at(.ackUnknownVersion) == ["acknowledgements/service.yml:7"])
        #expect(at(.ackUnknownPerson) == ["acknowledgements/service.yml:7"])
        #expect(at(.ackUnknownPolicy) == ["acknowledgements/nope.yml:1", "acknowledgements/service.yml:12"])
        #expect(at(.ackEntry) == ["acknowledgements/service.yml:16"])
        #expect(handbook.acknowledgements.count == 4)
        // Nothing in the ledger's folder is published.
        #expect(handbook.assets.isEmpty)
    }
}

/// What an attacker's or a careless mailbox sends: the importer and the ledger stay sound.
@Suite(.timeLimit(.minutes(20))) struct HostileReceiptTests {
    let suite = VersionTests()

    @Test func hostileMailIsReadSafelyAndForwardedReceiptsKeepTheirReaders() throws {
        let repo = try suite.repository()
        defer { repo.remove() }
        let current = "2025-12-12-\(try suite.short(repo, "HEAD"))"
        let petro = try suite.receipt(repo, name: "Петро Іваненко", date: "2025-12-14", version: current)
        let maria = try suite.receipt(repo, name: "Марія Коваль", date: "2025-12-14", version: current)
        let nameless = try suite.receipt(repo, name: "", date: "", version: current)
        // Taras forwards two receipts of people not in people.yml; a stranger with a DEL in the address and
        // an impossible date sends the nameless one; a file nests multipart 6,000 deep.
        var nested = "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for level in 1..<6_000 { nested += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=\"b\(level)\"\n\n" }
        nested += "--b5999\nContent-Type: text/plain\n\n" + petro.block + "\n"
        try repo.folder.write([
            "in/forward.eml": "From: Taras <taras@example.org>\nDate: Mon, 15 Dec 2025 09:00:00 +0200\n\n> " + petro.block.replacing("\n", with: "\n> ") + "\n\n" + maria.block + "\n",
            "in/stranger.eml": "From: M <mal\u{7F}ory@x.org>\nDate: Tue, 45 Dec 2025 10:00:00 +0200\n\n\u{1B}]0;owned\u{07}\n" + nameless.block + "\n",
            "in/nested.eml": "From: Taras <taras@example.org>\n" + nested,
        ])
        let started = Date()
        let report = try AcknowledgementImport(options: suite.options(repo)).run(files: ["forward.eml", "stranger.eml", "nested.eml"].map { "\(repo.path)/in/\($0)" })
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(report.imported == 2 && report.refused == 2, "\(report.outcomes.map(\.message))")
        #expect(report.outcomes.contains { $0.kind == .refused && $0.location.file.hasSuffix("stranger.eml") && $0.message.contains("nobody to credit") }, "\(report.outcomes.map { "\($0.location.file) \($0.message)" })")
        #expect(report.outcomes.allSatisfy { !$0.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        let ledger = try #require(repo.folder.read("content/acknowledgements/service.yml"))
        #expect(ledger.contains("name: \"Петро Іваненко\"") && ledger.contains("name: \"Марія Коваль\"") && !ledger.contains("person: \"taras\""))
        // What was written reads back, and check finds only the two strangers to people.yml.
        let (handbook, findings) = try SiteBuilder(options: suite.options(repo)).check()
        #expect(handbook.acknowledgements.count == 2)
        #expect(findings.filter { $0.rule.rawValue.hasPrefix("ack-") }.map(\.rule) == [.ackUnknownPerson, .ackUnknownPerson])
    }

    @Test func aShallowCloneChecksOnlyTheFormOfVersions() throws {
        let repo = try suite.repository()
        defer { repo.remove() }
        let older = "2025-10-01-\(try suite.short(repo, "HEAD~4"))"
        let receipt = try suite.receipt(repo, name: "Олена Коваль", date: "2025-11-01", version: older)
        try repo.commit("Olena's acknowledgement", author: "Olena Koval", date: "2025-12-20T10:00:00+02:00", files: [
            "content/acknowledgements/service.yml": "- person: olena\n  name: Олена Коваль\n  language: uk\n  version: \(older)\n  date: 2025-11-01\n  checksum: \(receipt.checksum)\n",
        ])
        let clone = try TempFolder()
        defer { clone.remove() }
        try repo.git(["clone", "-q", "--depth", "1", "file://\(repo.path)", "\(clone.path)/repo"])
        let options = BuildOptions(content: "\(clone.path)/repo/content", output: "\(clone.path)/Public", today: VersionTests.today)
        let (_, findings) = try SiteBuilder(options: options).check()
        #expect(findings.errorCount == 0, "\(findings.map(\.message))")
        // In the full history the same entry is fine too; a version the policy never had is not.
        let (_, full) = try SiteBuilder(options: suite.options(repo)).check()
        #expect(full.errorCount == 0)
    }

    @Test func aSourceChangeRebasedOntoTheTranslationStillMakesItStale() throws {
        let repo = try GitRepo.handbook(Fixture.handbook)
        defer { repo.remove() }
        let english = Fixture.handbook["principles/help-first.en.md"]!
        try repo.commit("Polish the translation", author: "Olena Koval", date: "2025-10-10T09:00:00+03:00",
                        files: ["content/principles/help-first.en.md": english.replacing("See", with: "Please see")])
        // Written on the 5th, landed after the translation (a rebase keeps the author date).
        try repo.commit("Clarify help-first", author: "Taras Hnatiuk", date: "2025-10-05T10:00:00+02:00",
                        files: ["content/principles/help-first.md": Fixture.handbook["principles/help-first.md"]!.replacing("Див.", with: "Спершу допоможіть. Див.")])
        let (_, findings) = try SiteBuilder(options: BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/Public", today: VersionTests.today)).check()
        #expect(findings.filter { $0.rule == .outdatedTranslation }.map(\.location.file) == ["principles/help-first.en.md"])
    }
}
