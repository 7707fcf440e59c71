import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// Any input gives a finding naming the file, or is handled as an author would expect; nothing crashes or hangs.
@Suite(.timeLimit(.minutes(20))) struct HostileInputTests {
    /// Checks and builds a handbook; returns the findings of the check.
    func outcome(_ files: [String: String], bytes: [String: [UInt8]] = [:], prepare: (TempFolder) throws -> Void = { _ in }) throws -> (findings: [Diagnostic], report: BuildReport) {
        let harness = try SiteHarness(files)
        defer { harness.remove() }
        for (path, data) in bytes { try harness.folder.write(data, to: "content/\(path)") }
        try prepare(harness.folder)
        let (_, findings) = try SiteBuilder(options: harness.options()).check()
        let report = try harness.build()
        return (findings, report)
    }

    func rules(_ findings: [Diagnostic], in file: String) -> [Rule] {
        findings.filter { $0.location.file == file }.map(\.rule)
    }

    @Test func invalidUTF8NamesFileAndLine() throws {
        let (findings, report) = try outcome(Fixture.handbook, bytes: ["about.md": Array("# About\n\nok\n".utf8) + [0xFF, 0xFE] + Array("\n".utf8)])
        #expect(findings.contains { $0.rule == .unreadableFile && $0.location == SourceLocation(file: "about.md", line: 4) })
        #expect(!report.published)
    }

    @Test func byteOrderMarkAndCRLFAreSimplyFine() throws {
        let principle = Fixture.handbook["principles/listen.md"]!.replacing("\n", with: "\r\n")
        let (findings, report) = try outcome(Fixture.with(["principles/listen.md": nil]), bytes: ["principles/listen.md": [0xEF, 0xBB, 0xBF] + Array(principle.utf8)])
        #expect(findings.isEmpty)
        #expect(report.published)
    }

    @Test func crlfKeepsExactPositions() throws {
        let text = "---\r\ntitle: Вислухати\r\nowner: ghost\r\npolicy: service\r\n---\r\n\r\nТекст.\r\n"
        let (findings, _) = try outcome(Fixture.with(["principles/listen.md": text]))
        #expect(findings.map(\.location) == [SourceLocation(file: "principles/listen.md", line: 3, column: 8)])
    }

    @Test func emptyFileAndLoneFence() throws {
        let (findings, report) = try outcome(Fixture.with(["examples/empty.md": "", "examples/fence.md": "---"]))
        #expect(rules(findings, in: "examples/empty.md").contains(.exampleVerdict))
        #expect(rules(findings, in: "examples/fence.md").contains(.frontMatter))
        #expect(!report.published)
    }

    @Test func tabsInYAMLSayToUseSpaces() throws {
        let (findings, _) = try outcome(Fixture.with(["examples/taxi.md": "---\ntitle: Таксі\nverdict: good\nprinciples:\n\t- help-first\n---\n\nТекст.\n"]))
        #expect(findings.map(\.rule) == [.frontMatter], "a broken front matter gives one finding, not a list of missing keys")
        let finding = try #require(findings.first)
        #expect(finding.location == SourceLocation(file: "examples/taxi.md", line: 5, column: 1))
        #expect(finding.hint == "indent YAML with spaces, not tabs")
    }

    @Test func yamlAliasBombIsBounded() throws {
        var bomb = "---\ntitle: Бомба\nverdict: good\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        bomb += "principles: *i\n---\n\nТекст.\n"
        let started = Date()
        let (findings, _) = try outcome(Fixture.with(["examples/bomb.md": bomb]))
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(rules(findings, in: "examples/bomb.md").contains(.unknownKey))
        #expect(rules(findings, in: "examples/bomb.md").contains(.examplePrinciple))
    }

    @Test func deeplyNestedYAMLIsAFindingNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (findings, _) = try outcome(Fixture.with(["examples/deep.md": "---\ntitle: Deep\nprinciples: \(deep)\n---\n"]))
        let finding = try #require(findings.first { $0.location.file == "examples/deep.md" && $0.rule == .frontMatter })
        #expect(finding.message.count < 400)
    }

    @Test func hugeFilesAndLinesBuild() throws {
        let line = String(repeating: "слово ", count: 200_000)
        let body = (0..<2_000).map { "## Розділ \($0)\n\n\(String(repeating: "Текст абзацу. ", count: 150))\n" }.joined(separator: "\n")
        let (findings, report) = try outcome(Fixture.with(["huge-line.md": "# Line\n\n\(line)\n", "huge-file.md": "# File\n\n\(body)"]))
        #expect(findings.isEmpty)
        #expect(report.published)
    }

    @Test func binaryFilesAreAssetsOrFindings() throws {
        let noise: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        let (findings, report) = try outcome(Fixture.handbook, bytes: ["examples/photo.jpg": noise, "examples/blob.md": noise])
        #expect(findings.map(\.rule) == [.unreadableFile])
        #expect(findings.first?.location.file == "examples/blob.md")
        #expect(!report.published)
        let (clean, published) = try outcome(Fixture.handbook, bytes: ["examples/photo.jpg": noise])
        #expect(clean.isEmpty && published.published)
    }

    @Test func symlinkLoopsNeitherHangNorCrash() throws {
        let (findings, report) = try outcome(Fixture.handbook) { folder in
            let root = "\(folder.path)/content"
            try FileManager.default.createSymbolicLink(atPath: "\(root)/principles/loop.md", withDestinationPath: "loop.md")
            try FileManager.default.createSymbolicLink(atPath: "\(root)/principles/again", withDestinationPath: "..")
            try FileManager.default.createSymbolicLink(atPath: "\(root)/principles/same.md", withDestinationPath: "listen.md")
        }
        #expect(findings.map(\.rule).contains(.unreadableFile))
        #expect(findings.first { $0.rule == .unreadableFile }?.location.file == "principles/loop.md")
        #expect(!report.published)
    }

    @Test func fileNamesWithSpacesAndCyrillic() throws {
        let files = Fixture.with([
            "principles/моя принципова.md": "---\ntitle: Моя\nowner: olena\n---\n\nТекст.\n",
            "principles/моя принципова.en.md": "---\ntitle: Mine\nowner: olena\n---\n\nText.\n",
            "examples/історія 1.md": "---\ntitle: Історія\nverdict: good\nprinciples: [моя принципова]\n---\n\n[див.](../principles/моя%20принципова.md)\n",
            "examples/історія 2.md": "---\ntitle: Інша\nverdict: bad\nprinciples: [\"моя принципова\"]\n---\n\n[див.](<../principles/моя принципова.md>)\n",
        ])
        let harness = try SiteHarness(files)
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.diagnostics.isEmpty)
        #expect(harness.site.exists("principles/моя принципова/index.html"))
        #expect(harness.site.exists("examples/історія 1/index.html"))
        #expect(harness.site.hrefs("principles/моя принципова/index.html").contains("/examples/історія%201/"))
        #expect(harness.site.html("sitemap.xml").contains("<loc>/principles/моя%20принципова/</loc>"))
    }

    @Test func missingOrBrokenSettingsAndPeople() throws {
        let noSettings = try outcome(Fixture.with(["handbook.yml": nil, "principles/help-first.en.md": nil, "principles/listen.en.md": nil, "policies/service.en.md": nil]))
        #expect(noSettings.findings.map(\.rule).allSatisfy { $0 == .brokenLink })
        let brokenSettings = try outcome(Fixture.with(["handbook.yml": "title: [unclosed\n"]))
        #expect(brokenSettings.findings.contains { $0.rule == .settings && $0.location.file == "handbook.yml" })
        #expect(!brokenSettings.report.published)
        let badInterval = try outcome(Fixture.with(["handbook.yml": "title: T\nlanguages: [uk, en]\nreview_interval_days: 9223372036854775807\n"]))
        #expect(badInterval.findings.map(\.rule) == [.settings])
        let noPeople = try outcome(Fixture.with(["people.yml": nil]))
        #expect(Set(noPeople.findings.map(\.rule)) == [.policyOwner, .principleOwner, .faqFacilitator])
        let brokenPeople = try outcome(Fixture.with(["people.yml": "- id: olena\n  name: [x\n"]))
        #expect(brokenPeople.findings.contains { $0.rule == .settings && $0.location.file == "people.yml" && $0.location.line >= 2 })
        let duplicatePerson = try outcome(Fixture.with(["people.yml": Fixture.handbook["people.yml"]! + "\n- id: olena\n  name: Again\n"]))
        #expect(duplicatePerson.findings.map(\.rule) == [.settings])
    }
}
