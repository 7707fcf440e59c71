import Foundation
import HandbookTestSupport
import Testing

/// `handbook check --fix`: the broken links of imported Markdown that have exactly one right answer are rewritten in
/// place and reported; nothing ambiguous is touched; `--dry-run` shows the diff and writes nothing. The inputs are
/// taken from 18F's handbook (`../shared/corpora/en-18f`), where these links are broken the same way.
@Suite struct FixTests {
    static let infrastructure = """
        ---
        title: Infrastructure
        ---

        **If you're building [a site that has no server-side code](#static-sites), aim to
        deploy to [cloud.gov](#cloud-gov).** For money, see [Other people's money][money].

        ## Static sites

        ## cloud.gov

        #### Other people's money

        Read the [laws](laws.md#508-accessibility) and the [travel guide](../travel-and-leave/guide.md#REBOOK).
        Ask in [Slack](../tools/slack.md), see the ![diagram](images/stack.png) and the [README](README.md).

        [money]: #other-people-s-money

        Still to write: [a section](#TODO).
        """
    static let files: [String: String] = [
        "handbook.yml": "title: 18F\n",
        "launching-software/infrastructure.md": infrastructure,
        "launching-software/laws.md": "# Laws\n\n## 508 - Accessibility\n\nText.\n",
        "travel-and-leave/guide.md": "# Travel guide\n\n## Re-book\n\n## Rebook\n\nText.\n",
        "general/tools/slack.md": "# Slack\n",
        "assets/stack.png": "PNG",
        "a/README.md": "# A\n",
        "b/README.md": "# B\n",
    ]

    @Test func theLinksWithOneRightAnswerAreFixedInPlaceAndTheRestAreLeft() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Self.files, under: "content")
        let page = "content/launching-software/infrastructure.md"

        let before = try CLIRunner.run(["check"], in: folder.path)
        #expect(before.status == 1)

        // The dry run: a diff of each changed line, nothing written.
        let dry = try CLIRunner.run(["check", "--fix", "--dry-run"], in: folder.path)
        #expect(dry.status == 1, "errors would be left")
        #expect(dry.stdout.hasPrefix("--- content/launching-software/infrastructure.md\n+++ content/launching-software/infrastructure.md\n@@ -6 +6 @@\n"))
        #expect(dry.stdout.contains("-deploy to [cloud.gov](#cloud-gov).** For money, see [Other people's money][money].\n+deploy to [cloud.gov](#cloudgov).**"))
        #expect(dry.stderr.contains("5 fixes in 1 file (dry run: nothing written"))
        #expect(folder.read(page) == Self.infrastructure)

        let fixed = try CLIRunner.run(["check", "--fix"], in: folder.path)
        let expected = Self.infrastructure
            .replacingOccurrences(of: "(#cloud-gov)", with: "(#cloudgov)")
            .replacingOccurrences(of: "[money]: #other-people-s-money", with: "[money]: #other-peoples-money")
            .replacingOccurrences(of: "(laws.md#508-accessibility)", with: "(laws.md#508---accessibility)")
            .replacingOccurrences(of: "(../tools/slack.md)", with: "(../general/tools/slack.md)")
            .replacingOccurrences(of: "(images/stack.png)", with: "(../assets/stack.png)")
        #expect(folder.read(page) == expected)
        for line in ["infrastructure.md:6:23: fixed '#cloud-gov' → '#cloudgov': the anchor differs from '#cloudgov' only in case or punctuation",
                     "infrastructure.md:14:17: fixed 'laws.md#508-accessibility' → 'laws.md#508---accessibility'",
                     "fixed '../tools/slack.md' → '../general/tools/slack.md': tools/slack.md is not there; the only page of that name is general/tools/slack.md",
                     "fixed 'images/stack.png' → '../assets/stack.png'"] {
            #expect(fixed.stderr.contains(line), "\(line)\n in: \(fixed.stderr)")
        }
        // Left, as real findings: two headings for '#REBOOK' ('re-book' and 'rebook'), two READMEs, a TODO.
        #expect(fixed.stdout.contains("the anchor '#REBOOK' does not exist in travel-and-leave/guide.md"))
        #expect(fixed.stdout.contains("the link 'README.md' points to launching-software/README.md, which does not exist"))
        #expect(fixed.stdout.contains("the anchor '#TODO' does not exist"))
        #expect(fixed.status == 1)

        // Nothing is left to fix, and a second run changes nothing.
        let again = try CLIRunner.run(["check", "--fix"], in: folder.path)
        #expect(again.stderr.contains("nothing to fix"))
        #expect(folder.read(page) == expected)
    }

    /// What the review found: code is never rewritten, a name with a space stays a link, a generic name is not a
    /// match, a reference defined above its use is fixed, and the file keeps its bytes, mode and symbolic link.
    @Test func aFixChangesTheLinkAndNothingElse() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let page = "\u{FEFF}# Docs\r\n\r\n[r]: target.md\r\n\r\nInline code first: `[x](target.md)` and then the link [t](target.md).\r\n"
            + "Use [ref][r] here, the [pdf](my%20file.pdf) and [guides](../guides/index.md).\r\n\r\n    [indented](target.md)\r\n\r\n"
            + "```\r\nsee (target.md)\r\n```\r\n"
        try folder.write(["handbook.yml": "title: T\n", "index.md": "# Home\n", "docs/a.md": page, "new/target.md": "# Target\n",
                          "new/my file.pdf": "PDF"], under: "content")
        let path = "\(folder.path)/content/docs/a.md"
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/content/docs/alias.md", withDestinationPath: "a.md")

        let dry = try CLIRunner.run(["check", "--fix", "--dry-run"], in: folder.path)
        #expect(dry.status == 1, "the guides link stays broken (in the page and its link alias.md): \(dry.stderr)")
        #expect(dry.stderr.contains("3 fixes in 1 file") && dry.stderr.contains("2 errors, 0 warnings would be left"), "\(dry.stderr)")
        #expect(folder.read("content/docs/a.md") == page)

        let fixed = try CLIRunner.run(["check", "--fix"], in: folder.path)
        #expect(fixed.status == 1)
        let expected = page.replacingOccurrences(of: "[r]: target.md", with: "[r]: ../new/target.md")
            .replacingOccurrences(of: "the link [t](target.md)", with: "the link [t](../new/target.md)")
            .replacingOccurrences(of: "[pdf](my%20file.pdf)", with: "[pdf](../new/my%20file.pdf)")
        #expect(folder.read("content/docs/a.md") == expected, "\(folder.read("content/docs/a.md") ?? "")")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder.path)/content/docs/alias.md")) == "a.md")
        #expect(fixed.stdout.contains("the link '../guides/index.md' points to guides/index.md, which does not exist"))
    }

    @Test func dryRunNeedsFix() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let result = try CLIRunner.run(["check", "--dry-run"], in: folder.path)
        #expect(result.status != 0 && result.stderr.contains("--dry-run goes with --fix"))
    }

    /// 18F's `office-of-solutions/history.md` beside its `index.md`: the page keeps its address, the folder page's
    /// history moves aside.
    @Test func aPageNamedHistoryKeepsItsAddress() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["handbook.yml": "title: 18F\n", "office/index.md": "# Office\n\nSee [our history](history.md).\n",
                          "office/history.md": "# History of the office\n\nFounded in 2014.\n"], under: "content")
        _ = try GitRepo.run(["init", "-q", "-b", "main"], in: folder.path)
        _ = try GitRepo.run(["add", "-A"], in: folder.path)
        _ = try GitRepo.run(["commit", "-q", "-m", "Import"], in: folder.path, author: "Author", date: "2025-10-01T09:00:00+03:00")
        let build = try CLIRunner.run(["build"], in: folder.path)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let page = try String(contentsOfFile: "\(folder.path)/Public/office/history/index.html", encoding: .utf8)
        #expect(page.contains("Founded in 2014."))
        let office = try String(contentsOfFile: "\(folder.path)/Public/office/index.html", encoding: .utf8)
        #expect(office.contains("href=\"/office/page-history/\""))
        #expect(FileManager.default.fileExists(atPath: "\(folder.path)/Public/office/page-history/index.html"))
        #expect(FileManager.default.fileExists(atPath: "\(folder.path)/Public/office/history/history/index.html"))
    }
}
