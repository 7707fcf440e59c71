import HandbookContent
import HandbookModel
import HandbookTestSupport
import HandbookValidation
import Testing

/// Markdown written for other tools (Hugo, Jekyll/kramdown, MkDocs, a wiki export), in the shapes real
/// handbooks have it: explicit heading ids, anchors that are a plain page's own business, links to files,
/// raw HTML, front matter keys of other tools.
@Suite struct ImportedMarkdownTests {
    func withFixture(_ files: [String: String]) -> [String: String] {
        Fixture.handbook.merging(files) { _, new in new }
    }

    @Test func explicitHeadingIDsSetTheAnchorAndAreNotShown() throws {
        let renderer = MarkdownRenderer()
        let body = renderer.render("""
            ## Set up {#set-up-phase}

            ## \\#help-wanted Slack channel {##help-wanted-slack-channel}

            ## Delivery Assurance (aka TLC Crew) {#delivery-assurance-(aka-tlc)}

            ### With a class {: #with-class .wide data-x=1}

            ## Not an id {#a b}

            ## Set up {#set-up-phase}

            ## Main {#main}
            """, path: "guide.md", lineOffset: 0, titleFromHeading: false)
        #expect(body.headings.map(\.anchor) == ["set-up-phase", "#help-wanted-slack-channel", "delivery-assurance-(aka-tlc)", "with-class",
                                                "not-an-id-a-b", "set-up-phase-1", "main-1"])
        #expect(body.headings.map(\.text) == ["Set up", "#help-wanted Slack channel", "Delivery Assurance (aka TLC Crew)", "With a class",
                                              "Not an id {#a b}", "Set up", "Main"])
        #expect(body.html.contains("<h2 id=\"set-up-phase\">Set up</h2>"))
        #expect(body.html.contains("<h2 id=\"#help-wanted-slack-channel\">#help-wanted Slack channel</h2>"))
        #expect(!body.html.contains("{#set-up") && !body.html.contains("{##") && body.html.contains("Not an id {#a b}"))
    }

    @Test func aBrokenAnchorIsAWarningInAPlainPageAndAnErrorElsewhere() throws {
        let files = withFixture([
            "guides/infrastructure.md": "# Infrastructure\n\nSee [cloud.gov](#cloud-gov) and [laws](laws.md#508-accessibility).\n\n## Cloud.gov\n\nText.\n",
            "guides/laws.md": "# Laws\n\n## 508 - Accessibility\n\nText.\n\n## Explicit {#explicit-one}\n",
            "guides/ok.md": "# Fine\n\nSee [the explicit one](laws.md#explicit-one).\n",
            "principles/listen.md": Fixture.handbook["principles/listen.md"]! + "\nДив. [межі](../policies/service.md#немає-такого).\n",
        ])
        let all = try findings(files).filter { $0.rule == .brokenLink }
        #expect(all.map { "\($0.location.file):\($0.location.line) \($0.severity)" }.sorted() == [
            "guides/infrastructure.md:3 warning", "guides/infrastructure.md:3 warning", "principles/listen.md:\(Fixture.handbook["principles/listen.md"]!.split(separator: "\n", omittingEmptySubsequences: false).count + 1) error",
        ])
        #expect(all.contains { $0.message.contains("'#cloud-gov'") && $0.hint == "did you mean '#cloudgov'?" })
        #expect(all.strict().allSatisfy { $0.severity == .error }, "--strict makes them errors")
    }

    @Test func linksAndImagesToFilesMustExistInsideTheContentFolder() throws {
        var files = withFixture([
            "guides/tools.md": """
                # Tools

                ![The org chart](images/org-chart.png) and ![a logo](images/logo.svg).

                The [form](../files/expense-form.pdf), the [old form](../files/expens-form.pdf), the [guides](./) folder,
                a [page by its address](setup/), and [outside](../../etc/passwd.txt).
                """,
            "guides/images/logo.svg": "<svg/>",
            "files/expense-form.pdf": "%PDF",
        ])
        files["guides/images/logo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let broken = try findings(files).filter { $0.rule == .brokenLink }
        #expect(broken.map { "\($0.location.line):\($0.location.column)" } == ["3:18", "5:55", "6:48"])
        #expect(broken[0].message == "the link 'images/org-chart.png' points to guides/images/org-chart.png, which does not exist")
        #expect(broken[1].hint == "did you mean ../files/expense-form.pdf?")
        #expect(broken[2].message.contains("climbs out of the content folder"))
        #expect(broken.allSatisfy { $0.severity == .error })
    }

    @Test func rawHTMLIsReportedOncePerFileAtItsFirstLine() throws {
        let files = withFixture([
            "guides/comms.md": "# Comms\n\nText.\n\n<div class=\"note\">\nA note.\n</div>\n\nInline <b>bold</b> and <br> a break.\n",
            "guides/plain.md": "# Plain\n\nNo HTML, but `<code>` and\n\n    <pre>indented code</pre>\n",
        ])
        let raw = try findings(files).filter { $0.rule == .rawHTML }
        #expect(raw.map { "\($0.location.file):\($0.location.line)" } == ["guides/comms.md:5"])
        #expect(raw.first?.message == "raw HTML is left out of the page here and in 3 more places: the site renders Markdown only")
        #expect(raw.first?.severity == .warning)
    }

    /// Keys 18F's Jekyll pages carry (`redirect_from`, `questions`, `cSpell`, `sidebar`) and Hugo's (`weight`, `layout`):
    /// kept, not findings; a typo of a known key (`titel`) or a typed kind's key on a plain page (`owner`) still is, and
    /// any unknown key in the typed kinds.
    @Test func otherToolsKeysInPlainPagesAreKeptForTemplatesAndOnlyTyposAreWarned() throws {
        let files = withFixture([
            "guides/hugo.md": "---\ntitle: From Hugo\nweight: 3\nlayout: docs\nquestions: [a, b]\nredirect_from: [/old/]\ncSpell: {words: [tock]}\nsidebar: tools\n---\n\nText.\n",
            "guides/typo.md": "---\ntitel: A typo\nowner: leads\n---\n\nText.\n",
            "principles/listen.md": Fixture.handbook["principles/listen.md"]!.replacing("owner: leads", with: "owner: leads\nweight: 3"),
        ])
        let unknown = try findings(files).filter { $0.rule == .unknownKey }.map { "\($0.location.file):\($0.location.line)" }
        #expect(unknown == ["guides/typo.md:2", "guides/typo.md:3", "principles/listen.md:\(Fixture.handbook["principles/listen.md"]!.split(separator: "\n").firstIndex { $0.hasPrefix("owner:") }! + 2)"])
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(files)
        let handbook = try HandbookLoader(root: folder.path).load()
        #expect(handbook.pages.first { $0.path == "guides/hugo.md" }?.frontMatter.extra == ["weight": "3", "layout": "docs", "sidebar": "tools"])
    }
}

/// A folder of Markdown without `handbook.yml` builds with the defaults, and a finding that only follows
/// from them says so.
@Suite struct DefaultSettingsTests {
    @Test func aDuplicateThatOnlyTheDefaultLanguagesMakeSaysHowToFixIt() throws {
        let without = try findings(["guide.md": "# Guide\n", "guide.en.md": "# Guide\n", "other.md": "# Other\n"])
        let duplicate = try #require(without.first { $0.rule == .duplicateID })
        #expect(duplicate.hint?.contains("there is no handbook.yml, so the languages are the default [en]") == true)
        let with = try findings(["handbook.yml": "title: T\n", "guide.md": "# Guide\n", "guide.en.md": "# Guide\n"])
        #expect(with.first { $0.rule == .duplicateID }?.hint == "rename one of the files; ids are unique within a kind and language")
    }

    @Test func theLoaderKnowsTheSettingsAreTheDefaults() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["index.md": "# Home\n"])
        #expect(try HandbookLoader(root: folder.path).load().settingsMissing)
        try folder.write(["handbook.yml": "title: T\n"])
        #expect(try !HandbookLoader(root: folder.path).load().settingsMissing)
    }
}
