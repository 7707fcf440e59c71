import HandbookModel
import Testing
@testable import HandbookContent

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(resolver: LinkResolver(
        pageURL: { path in path == "principles/help-first.md" ? "/principles/help-first/" : nil },
        fileURL: { "/base/\($0)" }
    ))

    @Test func rawHTMLIsOmittedAndJavascriptLinksDropped() {
        let body = renderer.render("<script>alert(1)</script>\n\nText <b onclick=x>bold</b> [x](javascript:alert(1))\n", path: "a.md", lineOffset: 0, titleFromHeading: false)
        #expect(!body.html.contains("<script"))
        #expect(!body.html.contains("<b onclick"))
        #expect(!body.html.contains("javascript:"))
        #expect(body.html.contains("raw HTML omitted"))
    }

    @Test func headingsGetGitHubAnchorsAsIds() {
        let body = renderer.render("## Межі безпеки\n\n## Межі безпеки\n\n### Sub `code`\n", path: "a.md", lineOffset: 3, titleFromHeading: false)
        #expect(body.html.contains("<h2 id=\"межі-безпеки\">Межі безпеки</h2>"))
        #expect(body.html.contains("<h2 id=\"межі-безпеки-1\">"))
        #expect(body.headings.map(\.anchor) == ["межі-безпеки", "межі-безпеки-1", "sub-code"])
        #expect(body.headings.map(\.line) == [4, 6, 8])
    }

    @Test func mdLinksAreRewrittenWithAnchorAndRecordedWithPosition() {
        let text = "Intro line.\n\nSee [help](../principles/help-first.md#why) and\n[missing](../principles/ghost.md) and [site](https://example.org) and [img](../img/a.png).\n"
        let body = renderer.render(text[...], path: "policies/p.md", lineOffset: 5, titleFromHeading: false)
        #expect(body.html.contains("href=\"/principles/help-first/#why\""))
        #expect(body.html.contains("href=\"../principles/ghost.md\""))
        #expect(body.html.contains("href=\"/base/img/a.png\""))
        #expect(body.links.count == 2)
        #expect(body.links[0].targetPath == "principles/help-first.md" && body.links[0].anchor == "why")
        #expect(body.links[0].location == SourceLocation(file: "policies/p.md", line: 8, column: 12))
        #expect(body.links[1].location == SourceLocation(file: "policies/p.md", line: 9, column: 11))
    }

    @Test func linksClimbingOutOfTheContentAreMarked() {
        let body = renderer.render("[up](../../outside.md)\n", path: "policies/p.md", lineOffset: 0, titleFromHeading: false)
        #expect(body.links.first?.escapesContent == true)
    }

    @Test func leadingHeadingBecomesTheTitle() {
        let body = renderer.render("# The title\n\nText *here*.\n", path: "a.md", lineOffset: 0, titleFromHeading: true)
        #expect(body.leadingTitle == "The title")
        #expect(!body.html.contains("<h1"))
        #expect(body.plainText == "Text here.\n")
    }
}
