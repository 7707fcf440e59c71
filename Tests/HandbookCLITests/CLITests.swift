import Foundation
import HandbookTestSupport
import Testing

@Suite struct CLITests {
    @Test func checkExitsZeroOnACleanHandbook() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        let result = try CLIRunner.run(["check"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "no problems found\n")
    }

    @Test func checkExitsOneWithFindingsInEveryFormat() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.with(["principles/listen.md": "---\ntitle: Вислухати\nowner: ghost\npolicy: service\n---\n\nТекст.\n"]), under: "content")
        let text = try CLIRunner.run(["check"], in: folder.path)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("principles/listen.md:3:8: error: owner 'ghost' is not in people.yml; known owners: olena, leads"))
        #expect(text.stdout.hasSuffix("[principle-owner]\n1 error, 0 warnings\n"))
        let github = try CLIRunner.run(["check"], in: folder.path, environment: ["GITHUB_ACTIONS": "true"])
        #expect(github.status == 1)
        #expect(github.stdout.hasPrefix("::error file=content/principles/listen.md,line=3,col=8,title=principle-owner::"))
        let json = try CLIRunner.run(["check", "--format", "json", "--content", "content"], in: folder.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(json.status == 1 && object?["errors"] as? Int == 1)
    }

    /// Values from content cannot start a workflow command, nor reach the terminal as escape sequences.
    @Test func controlCharactersFromContentNeverLeaveTheirFinding() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let hostile = "ghost\\r\\n::error file=evil.md,line=1::pwned\\n::warning::x\\e[2J\\a\\u2028"
        try folder.write(Fixture.with([
            "principles/listen.md": "---\ntitle: Вислухати\nowner: \"\(hostile)\"\npolicy: service\n---\n\nТекст.\n",
            "policies/service.en.md": Fixture.handbook["policies/service.en.md"]!.replacing("owner: olena", with: "owner: \"a\\rb\\nc%0Ad\""),
        ]), under: "content")
        let json = try CLIRunner.run(["check", "--format", "json"], in: folder.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let count = try #require(object["findings"] as? [Any]).count
        #expect(count == 2)
        let github = try CLIRunner.run(["check", "--format", "github"], in: folder.path)
        let lines = github.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("::") }.count == count, "one annotation per finding: \(github.stdout)")
        #expect(!github.stdout.unicodeScalars.contains { $0 == "\r" || $0.value == 0x1B || $0.value == 7 || $0.value == 0x2028 })
        #expect(github.stdout.contains("%0D%0A%3A%3Aerror") || github.stdout.contains("%0D%0A::error"), "\(github.stdout)")
        let text = try CLIRunner.run(["check"], in: folder.path)
        #expect(!text.stdout.unicodeScalars.contains { $0 == "\r" || $0.value == 0x1B || $0.value == 7 || $0.value == 0x2028 }, "\(text.stdout)")
        #expect(text.stdout.split(separator: "\n").count == count + 1, "one line per finding and the count: \(text.stdout)")
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.with(["principles/listen.en.md": nil]), under: "content")
        #expect(try CLIRunner.run(["check"], in: folder.path).status == 0)
        let strict = try CLIRunner.run(["check", "--strict"], in: folder.path)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("error: the principle 'listen' has no en version"))
    }

    @Test func exitTwoWhenTheCommandCannotRun() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let missing = try CLIRunner.run(["check", "--content", "nowhere"], in: folder.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere does not exist"))
        #expect(try CLIRunner.run(["check", "--format", "xml"], in: folder.path).status == 2)
        #expect(try CLIRunner.run(["frobnicate"], in: folder.path).status == 2)
    }

    @Test func buildPrintsStepsAndASummaryAndRefusesToPublishErrors() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        let ok = try CLIRunner.run(["build"], in: folder.path)
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("[1/9] load content") && ok.stderr.contains("[6/9] search") && ok.stderr.contains("[9/9] publish Public"))
        #expect(ok.stdout.hasPrefix("built ") && ok.stdout.contains("→ Public"))
        #expect(folder.exists("Public/principles/help-first/index.html"))
        try folder.write(["content/examples/taxi.md": "---\ntitle: T\nverdict: meh\nprinciples: [help-first]\n---\n"])
        let failed = try CLIRunner.run(["build", "--quiet"], in: folder.path)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("findings in content/:\nexamples/taxi.md:3:10: error: verdict 'meh' is neither good nor bad"))
        #expect(failed.stderr.contains("Public was left as it was"))
        #expect(folder.exists("Public/examples/taxi/index.html"))
    }

    @Test func aSecondBuildUsesTheCacheAndNoCacheBuildsEverything() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        // An unknown key is a warning: the build publishes, and says so.
        try folder.write(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("policy: service", with: "policy: service\ncolour: red")])
        let first = try CLIRunner.run(["build", "--quiet"], in: folder.path)
        #expect(first.stdout.hasPrefix("built ") && first.stderr.contains("[unknown-key]"))
        #expect(folder.exists(".handbook-cache/Public/state.json"))
        let again = try CLIRunner.run(["build"], in: folder.path)
        #expect(again.status == 0 && again.stdout.hasPrefix("nothing changed since the last build; Public is up to date"))
        #expect(again.stderr.contains("[9/9] publish nothing changed since the last build"))
        // The findings of the last build are shown again.
        #expect(again.stderr.contains("principles/listen.md:5:1: warning:") && again.stderr.contains("[unknown-key]"))
        // The text alone changes (the front matter, unknown key and all, stays as it was).
        try folder.write(["content/principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("policy: service", with: "policy: service\ncolour: red")
            .replacing("Текст.", with: "Інший текст.")])
        let edited = try CLIRunner.run(["build", "--quiet"], in: folder.path)
        #expect(edited.stdout.hasPrefix("rebuilt 1 edited page and the search index;"))
        #expect(folder.read("Public/principles/listen/index.html")?.contains("Інший текст.") == true)
        #expect(try CLIRunner.run(["build", "--quiet", "--no-cache"], in: folder.path).stdout.hasPrefix("built "))
    }

    @Test func newWritesAFileWithEveryRequiredKeyExplained() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        let result = try CLIRunner.run(["new", "principle", "help-others", "--lang", "en"], in: folder.path)
        #expect(result.status == 0)
        #expect(result.stdout == "wrote content/principles/help-others.en.md\n")
        let text = try #require(folder.read("content/principles/help-others.en.md"))
        for key in ["title:", "owner:", "policy:", "summary:", "tags:"] { #expect(text.contains("\n\(key)")) }
        #expect(text.contains("# required"))
        let again = try CLIRunner.run(["new", "principle", "help-others", "--lang", "en"], in: folder.path)
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        #expect(try CLIRunner.run(["new", "principle", "x", "--lang", "de"], in: folder.path).status == 2)
        let check = try CLIRunner.run(["check"], in: folder.path)
        #expect(check.stdout.contains("principles/help-others.en.md:3:8: error: owner 'OWNER-ID' is not in people.yml"))
    }
}
