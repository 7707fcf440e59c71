import Foundation
import Testing
import HandbookTestSupport

/// axe-core 4.12 (from the PyPI wheel axe-playwright-python==0.1.8, fetched by `Scripts/ensure-deps --test`
/// into `.build/axe/`) injected into Chromium: every kind of page of the sample handbook, at 390 and 1280 px,
/// in the light and the dark scheme, has no WCAG 2.2 A/AA violation.
@Suite(.serialized, .timeLimit(.minutes(20))) struct AccessibilityTests {
    static let axePath = SampleHandbook.repositoryRoot + "/.build/axe/axe.min.js"

    static let pages = [
        "", "policies/", "principles/", "examples/", "faq/", "people/",
        "policies/client-first/", "briefing/client-first/", "self-check/client-first/", "principles/help-first/", "examples/taxi-for-stranded-client/", "examples/callback-tomorrow/",
        "faq/2025-03-briefing-client-first/", "people/olena-koval/", "changes/", "policies/client-first/history/",
        "search/?q=%D0%BA%D0%BE%D0%BC%D0%BF%D0%B5%D0%BD%D1%81%D0%B0%D1%86%D1%96%D1%8E", "a-z/", "404.html",
        "en/principles/help-first/", "en/policies/client-first/",
        "acknowledgements/", "audiences/staff/", "policies/client-first/?at=2026-10-15", "reviews-due/", "en/reviews-due/",
        "policies/client-first/history/?from={first}&to={second}#compare",
    ]

    @Test func everyKindOfPageHasNoViolations() throws {
        let axe = try #require(FileManager.default.contents(atPath: Self.axePath).map { String(decoding: $0, as: UTF8.self) },
                               "axe.min.js is missing: run Scripts/ensure-deps --test")
        let site = try SampleHandbook.built.get()
        let first = String(try site.repo.git(["rev-parse", "HEAD~1"]).prefix(7)), second = String(try site.repo.git(["rev-parse", "HEAD"]).prefix(7))
        let server = try StaticServer(folder: site.output)
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        var checked = 0
        for scheme in ["light", "dark"] {
            try browser.colorScheme(scheme)
            for width in [390, 1280] {
                try browser.resize(width: width, height: 900)
                for template in Self.pages {
                    let page = template.replacing("{first}", with: first).replacing("{second}", with: second)
                    try browser.open(server.root + page)
                    if page.contains("?at=") {
                        try browser.wait("the text in force", "return document.querySelector('.as-at') ? true : null;")
                    }
                    if page.contains("?from=") {
                        try browser.wait("the comparison", "return document.querySelector('.compare-summary') ? true : null;")
                    }
                    if page.hasPrefix("search/") {
                        try browser.wait("results", "return document.querySelector('#search-results [data-result-url]') ? true : null;")
                    }
                    _ = try browser.run(axe + "\nreturn true;")
                    let result = try browser.runAsync("""
                        var done = arguments[arguments.length - 1];
                        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                          .then(function (r) { done(r.violations.map(function (v) {
                            return v.id + ': ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160); }).join(' | ');
                          })); }, function (e) { done(['axe failed: ' + e]); });
                        """) as? [String] ?? ["no answer from axe"]
                    #expect(result.isEmpty, "\(scheme) \(width) px /\(page): \(result)")
                    checked += 1
                }
            }
        }
        #expect(checked == Self.pages.count * 4)
    }
}
