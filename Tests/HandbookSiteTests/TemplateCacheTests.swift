import Foundation
import HandbookModel
import Testing
@testable import HandbookSite
@testable import HandbookRender

/// Page templates are cut once per shape of context (the site built both ways is compared in
/// `LayoutCacheTests.aSiteBuiltWithCutTemplatesIsTheEnginesByteForByte`).
@Suite(.timeLimit(.minutes(20))) struct TemplateCacheTests {
    final class Engine: @unchecked Sendable {
        var calls = 0
        let template: ([String: Any]) -> String
        init(_ template: @escaping ([String: Any]) -> String) { self.template = template }
        func render(_ context: [String: Any]) -> String {
            calls += 1
            return template(context)
        }
    }

    static func list(_ context: [String: Any]) -> String {
        let items = (context["items"] as? [[String: Any]] ?? []).map { item in
            "<li>\(HTMLEscaping.attribute(item["name"] as? String ?? ""))\((item["good"] as? Bool ?? false) ? " ✓" : "")</li>"
        }
        return "<h1>\(HTMLEscaping.attribute(context["title"] as? String ?? ""))</h1><ul>\(items.joined())</ul>\(context["html"] as? String ?? "")"
    }

    func context(_ title: String, _ names: [String], good: Bool = true) -> [String: Any] {
        ["title": title, "items": names.map { ["name": $0, "good": good] as [String: Any] }, "html": "<p>\(title)</p>", "count": names.count]
    }

    @Test func contextsOfOneShapeAreFilledInAndOthersRendered() {
        let engine = Engine(Self.list)
        let cache = TemplateCache(escape: HTMLEscaping.attribute)
        let first = context("First", ["a", "b"]), second = context("Tom & <Jerry>", ["c \"d\"", "e"])
        #expect(cache.render(first, template: "list", language: "uk") { engine.render($0) } == Self.list(first))
        let calls = engine.calls
        #expect(cache.render(second, template: "list", language: "uk") { engine.render($0) } == Self.list(second))
        #expect(engine.calls == calls && cache.filledCount("list") == 1)
        // A list of another length, a flag of another value, another language: other shapes.
        for other in [context("Three", ["a", "b", "c"]), context("Bad", ["a", "b"], good: false)] {
            #expect(cache.render(other, template: "list", language: "uk") { engine.render($0) } == Self.list(other))
        }
        #expect(cache.render(second, template: "list", language: "en") { engine.render($0) } == Self.list(second))
        #expect(cache.filledCount("list") == 1)
    }

    @Test func aTemplateThatMeasuresATextIsLeftToTheEngine() {
        let measure: ([String: Any]) -> String = { "<h1 data-n=\"\(($0["title"] as? String ?? "").count)\">\(HTMLEscaping.attribute($0["title"] as? String ?? ""))</h1>" }
        let engine = Engine(measure)
        let cache = TemplateCache(escape: HTMLEscaping.attribute)
        for title in ["One", "Longer title", "Third one"] {
            #expect(cache.render(["title": title], template: "t", language: "uk") { engine.render($0) } == measure(["title": title]))
        }
        #expect(cache.filledCount("t") == 0)
    }

    @Test func aTemplateWhoseShapesSeldomRepeatStopsBeingCut() {
        let engine = Engine(Self.list)
        let cache = TemplateCache(escape: HTMLEscaping.attribute)
        for index in 0..<TemplateCache.trial { _ = cache.render(["title": "x", "n": index], template: "u", language: "uk") { engine.render($0) } }
        let calls = engine.calls
        #expect(calls == 3 * TemplateCache.trial)
        _ = cache.render(["title": "y", "n": 1000], template: "u", language: "uk") { engine.render($0) }
        #expect(engine.calls == calls + 1, "after the trial, one rendering per page")
    }
}
