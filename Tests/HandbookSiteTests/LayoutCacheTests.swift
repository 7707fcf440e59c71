import Foundation
import HandbookModel
import HandbookTestSupport
import Testing
@testable import HandbookSite
@testable import HandbookRender
@testable import HandbookTheme

/// The layout is cut once per page shape; pages must come out exactly as the template engine renders them.
@Suite(.timeLimit(.minutes(20))) struct LayoutCacheTests {
    func frame(_ title: String, main: String = "<p>text</p>", language: String = "uk", crumbs: Int = 2) -> LayoutFrame {
        LayoutFrame(main: main, title: title, fullTitle: "\(title) · Site", language: language, section: .principle,
                    crumbs: (0..<crumbs).map { Layout.Crumb(title: "crumb \($0) of \(title)", url: "/c/\($0)/") },
                    alternates: ["en": "/en/\(title)/"], draft: false, unpublished: false, bodyClass: "kind-principle")
    }

    /// A stand-in for a layout template: escapes what `{{x}}` would, leaves `main` as `{{{main}}}` would.
    final class Engine: @unchecked Sendable {
        var calls = 0
        let template: (LayoutFrame) -> String
        init(_ template: @escaping (LayoutFrame) -> String) { self.template = template }
        func render(_ frame: LayoutFrame) -> String {
            calls += 1
            return template(frame)
        }
    }

    @Test func aShapeIsRenderedByTheEngineOnceThenFilledIn() {
        let engine = Engine { f in
            "<title>\(HTMLEscaping.attribute(f.fullTitle))</title><nav>\(f.crumbs.map { "<a href=\"\(HTMLEscaping.attribute($0.url))\">\(HTMLEscaping.attribute($0.title))</a>" }.joined())</nav><main>\(f.main)</main><link href=\"\(f.alternates["en"] ?? "")\">"
        }
        let cache = LayoutCache(escape: HTMLEscaping.attribute)
        let first = frame("Help first"), second = frame("Tom & <Jerry> \"quoted\"", main: "<p>other & more</p>")
        #expect(cache.render(first) { engine.render($0) } == engine.template(first))
        let callsForTheShape = engine.calls
        #expect(callsForTheShape == 3)  // the page itself, then two renderings with markers
        #expect(cache.render(second) { engine.render($0) } == engine.template(second))
        #expect(engine.calls == callsForTheShape, "a second page of the same shape is filled in, not rendered")
        // Another shape (three crumbs) is rendered by the engine first.
        let third = frame("Deep", crumbs: 3)
        #expect(cache.render(third) { engine.render($0) } == engine.template(third))
        #expect(engine.calls == callsForTheShape + 3)
    }

    @Test func aLayoutThatTransformsOrMeasuresATextIsLeftToTheEngine() {
        for template in [{ (f: LayoutFrame) in "<h1>\(f.title.uppercased())</h1>\(f.main)" },
                         { (f: LayoutFrame) in "<h1 data-length=\"\(f.title.count)\">\(HTMLEscaping.attribute(f.title))</h1>" },
                         { (f: LayoutFrame) in "<h1>\(String(f.title.reversed()))</h1>" }] {
            let engine = Engine(template)
            let cache = LayoutCache(escape: HTMLEscaping.attribute)
            for title in ["One", "A longer title", "Third page"] {
                let page = frame(title)
                #expect(cache.render(page) { engine.render($0) } == template(page))
            }
        }
    }

    @Test func theDefaultLayoutIsCutAndGivesWhatTheEngineGives() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let (handbook, _) = try SiteBuilder(options: harness.options()).check()
        let site = SiteContext(handbook: handbook, pages: handbook.pages, theme: try Theme(overrides: nil), today: Day(year: 2026, month: 1, day: 1))
        let layout = Layout(site: site)
        var frames: [LayoutFrame] = []
        for page in handbook.pages {
            for crumbs in 1...3 {
                let alternates = site.relations.translations[page.key]?.mapValues { site.urls.page($0) } ?? [:]
                frames.append(LayoutFrame(main: "<p>\(page.title) &amp; body</p>", title: page.title, fullTitle: "\(page.title) · \(site.settings.title)",
                                          language: page.language, section: page.kind == .page ? nil : page.kind,
                                          crumbs: (0..<crumbs).map { Layout.Crumb(title: "\(page.title) <\($0)>", url: "/\(page.id)/\($0)/") },
                                          alternates: alternates, draft: page.isDraft, unpublished: false, bodyClass: "kind-\(page.kind.rawValue)"))
            }
        }
        #expect(frames.count > 20)
        for frame in frames { #expect(site.layouts.render(frame) { layout.render($0) } == layout.render(frame), "\(frame.title)") }
        #expect(site.layouts.cutShapes > 0)
        #expect(site.layouts.cutShapes < frames.count)
    }

    @Test func aThemeLayoutWithATransformBuildsEveryPageWithItsOwnTitle() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        let layout = "<!doctype html><html lang=\"{{lang}}\"><title>{{uppercased(title)}}</title><h1 class=\"{{bodyClass}}\">{{reversed(title)}}</h1>{{{main}}}</html>"
        try harness.folder.write(["templates/layout.mustache": layout], under: "mytheme")
        try harness.build(theme: "\(harness.folder.path)/mytheme")
        let service = harness.site.html("policies/service/index.html"), help = harness.site.html("principles/help-first/index.html")
        #expect(service.contains("<title>ПОЛІТИКА ОБСЛУГОВУВАННЯ</title>"))
        #expect(service.contains(String("Політика обслуговування".reversed())))
        #expect(help.contains("<title>СПЕРШУ ДОПОМОГТИ</title>") && help.contains("<h1 class=\"page-principle\">\(String("Спершу допомогти".reversed()))</h1>"))
    }

    /// A repository with history (diffs, a rename, an editorial change): every file of the site is the
    /// same with the layout and the history template cut as rendered by the engine page by page.
    @Test func aSiteBuiltWithCutTemplatesIsTheEnginesByteForByte() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        var files: [String: String?] = [:]
        for (path, text) in Fixture.handbook { files["content/\(path)"] = text }
        for index in 0..<12 {
            files["content/examples/case-\(index).md"] = "---\ntitle: \"Case \(index) & <co>\"\nverdict: \(index % 2 == 0 ? "good" : "bad")\nprinciples: [help-first]\n---\n\nThe agent \(index) did \"this\".\n"
        }
        try repo.commit("Initial", author: "Olena Koval", date: "2025-10-01T09:00:00+03:00", files: files)
        let help = try #require(Fixture.handbook["principles/help-first.md"])
        try repo.commit("Edit", author: "Taras Hnatiuk", date: "2025-12-20T10:00:00+02:00",
                        files: ["content/principles/help-first.md": help + "\nOne more line.\n", "content/examples/case-3.md": "---\ntitle: Case 3\nverdict: bad\nprinciples: [help-first]\n---\n\nChanged.\n"])
        func build(_ output: String, cut: Bool) throws -> [String: String] {
            var options = BuildOptions(content: "\(repo.path)/content", output: "\(repo.path)/\(output)", today: Day(year: 2026, month: 1, day: 1))
            options.cutTemplates = cut
            #expect(try SiteBuilder(options: options).build().published)
            var result: [String: String] = [:]
            for path in repo.folder.files(under: output) { result[path] = BuiltSite(root: "\(repo.path)/\(output)").html(path) }
            return result
        }
        let cut = try build("cut", cut: true), engine = try build("engine", cut: false)
        #expect(cut.count == engine.count && cut.count > 40)
        for (path, text) in engine { #expect(cut[path] == text, "\(path) differs") }
        #expect(engine["examples/case-5/index.html"]?.contains("Case 5 &amp; &lt;co&gt;") == true)
    }
}
