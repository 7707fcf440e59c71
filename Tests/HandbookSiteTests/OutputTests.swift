import Foundation
import HandbookSite
import HandbookTestSupport
import Testing

@Suite struct OutputTests {
    @Test func everyMarkdownFileHasItsPageAtItsCleanURL() throws {
        let harness = try SiteHarness(Fixture.with(["about.md": "# Про нас\n\nТекст.\n", "guides/setup.en.md": "# Setup\n"]))
        defer { harness.remove() }
        try harness.build()
        for path in ["policies/service/index.html", "en/policies/service/index.html", "principles/help-first/index.html",
                     "en/principles/help-first/index.html", "examples/taxi/index.html", "faq/briefing/index.html",
                     "about/index.html", "en/guides/setup/index.html", "sitemap.xml", "404.html"] {
            #expect(harness.site.exists(path), "missing \(path)")
        }
        #expect(harness.site.html("about/index.html").contains("<h1>Про нас</h1>"))
        let sitemap = harness.site.html("sitemap.xml")
        #expect(sitemap.contains("<loc>/principles/help-first/</loc>") && sitemap.contains("<loc>/en/guides/setup/</loc>"))
    }

    @Test func mdLinksAreRewrittenToPageURLsWithAnchors() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        // cmark percent-encodes non-ASCII in hrefs; browsers decode the fragment to match the heading's id
        #expect(harness.site.hrefs("principles/help-first/index.html").contains("/policies/service/#" + encoded("межі-безпеки")))
        #expect(harness.site.html("policies/service/index.html").contains("<h2 id=\"межі-безпеки\">"))
        #expect(harness.site.hrefs("en/principles/help-first/index.html").contains("/en/policies/service/"))
        #expect(!harness.site.html("faq/briefing/index.html").contains(".md\""))
    }

    @Test func valuesAndBodiesAreEscaped() throws {
        let harness = try SiteHarness(Fixture.with([
            "examples/taxi.md": "---\ntitle: \"<script>alert('t')</script> & co\"\nverdict: good\nprinciples: [help-first]\nsource: \"<img src=x onerror=alert(1)>\"\n---\n\n<script>alert(1)</script>\n\n<iframe src=evil></iframe> [x](javascript:alert(2))\n",
        ]))
        defer { harness.remove() }
        try harness.build()
        let html = harness.site.html("examples/taxi/index.html")
        /// Script tags other than the theme's own search script.
        func foreignScripts(_ html: String) -> Int {
            html.components(separatedBy: "<script").count - html.components(separatedBy: "<script src=\"/assets/search.").count
                - html.components(separatedBy: "<script src=\"/assets/versions.").count + 1
        }
        #expect(foreignScripts(html) == 0)
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; co"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(foreignScripts(harness.site.html("principles/help-first/index.html")) == 0)
    }

    @Test func baseURLPrefixesEveryLinkAndAsset() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build(baseURL: "/handbook")
        let pages = harness.folder.files(under: "Public").filter { $0.hasSuffix(".html") }
        #expect(pages.count > 20)
        for page in pages {
            for href in harness.site.hrefs(page) where href.hasPrefix("/") {
                #expect(href.hasPrefix("/handbook/"), "\(page): \(href)")
            }
            #expect(!harness.site.html(page).contains("src=\"/assets"))
        }
        #expect(harness.site.html("index.html").contains("href=\"/handbook/assets/style."))
        #expect(harness.site.hrefs("principles/help-first/index.html").contains("/handbook/policies/service/#" + encoded("межі-безпеки")))
        #expect(harness.site.html("sitemap.xml").contains("<loc>/handbook/principles/help-first/</loc>"))
        #expect(harness.site.html("404.html").contains("href=\"/handbook/\""))
    }

    @Test func translationsAreLinkedWithHreflang() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let uk = harness.site.html("principles/help-first/index.html")
        #expect(uk.contains("<html lang=\"uk\">"))
        #expect(uk.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/en/principles/help-first/\">"))
        #expect(uk.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"/principles/help-first/\">"))
        #expect(uk.contains("<a href=\"/en/principles/help-first/\" hreflang=\"en\" lang=\"en\">English</a>"))
        let en = harness.site.html("en/principles/help-first/index.html")
        #expect(en.contains("<html lang=\"en\">") && en.contains("Good examples") && en.contains("Owner"))
        let example = harness.site.html("examples/taxi/index.html")
        #expect(example.contains("title=\"Ще не перекладено\">English</span>"))
    }

    @Test func assetsAreFingerprinted() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let assets = harness.folder.files(under: "Public/assets")
        #expect(assets.contains { $0.range(of: #"^style\.[0-9a-f]{10}\.css$"#, options: .regularExpression) != nil })
        let css = try #require(assets.first { $0.hasPrefix("style.") })
        #expect(harness.site.html("index.html").contains("href=\"/assets/\(css)\""))
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let harness = try SiteHarness(Fixture.with(["about.md": "---\ntitle: Чернетка\ndraft: true\n---\n\nТекст.\n"]))
        defer { harness.remove() }
        try harness.build()
        #expect(!harness.site.exists("about/index.html"))
        try harness.build(drafts: true)
        #expect(harness.site.html("about/index.html").contains("class=\"draft-banner\""))
    }

    @Test func plainMarkdownFolderWithoutFrontMatterBuilds() throws {
        let harness = try SiteHarness(["README.md": "# Notes\n\nSee [setup](guide/setup.md).\n", "guide/setup.md": "Install it.\n", "guide/img.png": "PNG"])
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.published && report.diagnostics.isEmpty)
        #expect(harness.site.hrefs("README/index.html").contains("/guide/setup/"))
        #expect(harness.site.exists("guide/setup/index.html"))
        #expect(harness.site.html("guide/img.png") == "PNG")
    }

    @Test func outputIsDeterministic() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let first = harness.folder.files(under: "Public").map { ($0, harness.site.html($0)) }
        try harness.build()
        let second = harness.folder.files(under: "Public").map { ($0, harness.site.html($0)) }
        #expect(first.map(\.0) == second.map(\.0))
        for (a, b) in zip(first, second) { #expect(a.1 == b.1, "\(a.0) differs") }
    }

    @Test func aHandbookThemeFolderOverridesOneTemplate() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.folder.write(["templates/example.mustache": "<p class=\"custom\">{{title}} / {{verdict.text}}</p>"], under: "mytheme")
        try harness.build(theme: "\(harness.folder.path)/mytheme")
        #expect(harness.site.html("examples/taxi/index.html").contains("<p class=\"custom\">Таксі вночі / Добрий приклад</p>"))
        #expect(harness.site.html("principles/help-first/index.html").contains("examples-good"))
    }
}

/// Percent-encodes everything but ASCII letters, digits, `-` and `_`, as cmark does in hrefs.
func encoded(_ fragment: String) -> String {
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    return fragment.addingPercentEncoding(withAllowedCharacters: allowed) ?? fragment
}
