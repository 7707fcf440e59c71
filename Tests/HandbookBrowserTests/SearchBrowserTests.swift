import Foundation
import HandbookModel
import HandbookSite
import Testing
import HandbookTestSupport

/// Search in a real headless Chromium: a built handbook served over loopback, queries typed as staff type them.
@Suite(.serialized) struct SearchBrowserTests {
    /// The result URLs the search page shows for a query, in order.
    func results(_ browser: WebDriver, _ page: String) throws -> [String] {
        try browser.open(page)
        try browser.wait("results for \(page)", """
            var s = document.getElementById('search-status');
            return s && s.textContent ? s.textContent : null;
            """)
        return try browser.run("return Array.from(document.querySelectorAll('#search-results [data-result-url]')).map(function (e) { return e.getAttribute('data-result-url'); });") as? [String] ?? []
    }

    func query(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    /// The built search handbook served over loopback (under `/handbook/` when `mounted`), and a browser.
    func session(mounted: Bool = false, _ body: (StaticServer, WebDriver) throws -> Void) throws {
        let site = try SearchHandbook.built.get()
        let server = mounted ? try StaticServer(folder: site.mounted, mount: "handbook/") : try StaticServer(folder: site.output)
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        try body(server, browser)
    }

    @Test func inflectedFormsFindTheirPageInEveryLanguage() throws {
        try session { server, browser in
            let cases: [(page: String, query: String, expected: String)] = [
                ("search/", "інструкції", "/principles/no-hiding/"),
                ("search/", "інструкцію", "/principles/no-hiding/"),
                ("search/", "повернути гроші без чека", "/faq/briefing/"),
                ("ru/search/", "клиентам", "/ru/principles/no-hiding/"),
                ("ru/search/", "правилу", "/ru/principles/no-hiding/"),
                ("en/search/", "refunding receipts", "/en/principles/refunds/"),
            ]
            for item in cases {
                let found = try results(browser, server.root + item.page + "?q=" + query(item.query))
                #expect(found.prefix(3).contains(item.expected), "\(item.query): \(found)")
            }
            // A page titled with the word outranks one that only mentions it, however often.
            let ranked = try results(browser, server.root + "search/?q=" + query("інструкція"))
            let principle = try #require(ranked.firstIndex(of: "/principles/no-hiding/"), "\(ranked)")
            let policy = try #require(ranked.firstIndex(of: "/policies/service/"), "\(ranked)")
            #expect(principle < policy)
            // Snippets mark the matched words; a FAQ question is a sub-result linking to its anchor.
            let marked = try browser.run("return document.querySelectorAll('#search-results mark').length;") as? Int ?? 0
            #expect(marked > 0)
            _ = try results(browser, server.root + "search/?q=" + query("чека"))
            let anchors = try browser.run("return Array.from(document.querySelectorAll('.sub-results a')).map(function (a) { return decodeURIComponent(a.getAttribute('href')); });") as? [String] ?? []
            #expect(anchors.contains("/faq/briefing/#чи-можна-повернути-гроші-без-чека"), "\(anchors)")
        }
    }

    /// A long page's fragment is gzipped on disk (`SearchIndexer.plainFragmentLimit`) and read as any other:
    /// found, with its snippet marked; the short pages' fragments stay plain.
    @Test func aLongPagesGzippedFragmentIsReadLikeAShortOnes() throws {
        let paragraph = "Оператор вислуховує клієнта до кінця, перепитує, записує домовленість і повідомляє, коли передзвонить. "
        let sections = (1...12).map { "## Розділ \($0)\n\n" + String(repeating: paragraph, count: 6) + "\n" }
        let long = "---\ntitle: Довгий посібник\n---\n\n" + sections.joined(separator: "\n")
            + "\n## Наостанок\n\nЯкщо клієнт застряг біля дельфінарію, замовте йому машину за рахунок компанії.\n"
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.with(["guides/long.md": long]), under: "content")
        let options = BuildOptions(content: folder.path + "/content", output: folder.path + "/Public", today: Day(year: 2026, month: 1, day: 1), history: false)
        #expect(try SiteBuilder(options: options).build().published)
        let search = folder.path + "/Public/search/uk"
        let fragments = try #require(try FileManager.default.contentsOfDirectory(atPath: search).first { $0.hasPrefix("f.") })
        var gzipped = 0, plain = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: search + "/" + fragments) {
            let bytes = try #require(FileManager.default.contents(atPath: "\(search)/\(fragments)/\(name)"))
            if bytes.starts(with: [0x1F, 0x8B]) { gzipped += 1 } else { plain += 1 }
        }
        #expect(gzipped == 1 && plain > 3, "gzipped \(gzipped), plain \(plain)")
        let server = try StaticServer(folder: folder.path + "/Public")
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        let found = try results(browser, server.root + "search/?q=" + query("дельфінарію"))
        #expect(found == ["/guides/long/"], "\(found)")
        let marked = try browser.run("return Array.from(document.querySelectorAll('#search-results mark')).map(function (m) { return m.textContent; });") as? [String] ?? []
        #expect(marked.contains("дельфінарію"), "\(marked)")
    }

    @Test func apostropheVariantsAreOneWord() throws {
        try session { server, browser in
            for variant in ["сім'ї", "сім’ї", "сімʼї", "сімї"] {
                let found = try results(browser, server.root + "search/?q=" + query(variant))
                #expect(found.first == "/principles/family/", "\(variant): \(found)")
            }
        }
    }

    @Test func policyFilterKeepsThatPolicysPages() throws {
        try session { server, browser in
            let all = try results(browser, server.root + "search/?q=" + query("чека"))
            #expect(all.contains("/faq/briefing/") && all.contains("/principles/refunds/"), "\(all)")
            // A shared link with the policy filter: the briefing (no policy) goes, the principle stays.
            let filtered = try results(browser, server.root + "search/?q=" + query("чека") + "&policy=service")
            #expect(filtered.contains("/principles/refunds/") && !filtered.contains("/faq/briefing/"), "\(filtered)")
            let selected = try browser.run("var s = document.querySelector('#search-filters select[data-filter=\"policy\"]'); return s ? s.value : null;") as? String
            #expect(selected == "service")
        }
    }

    @Test func kindFilterKeepsOnlyThatKind() throws {
        try session { server, browser in
            let all = try results(browser, server.root + "search/?q=" + query("клієнт"))
            #expect(all.count >= 3)
            try browser.run("document.querySelector('#search-filters button[data-kind=\"b\"]').click();")
            try browser.wait("filtered results", """
                return location.search.indexOf('kind=b') >= 0 && document.querySelectorAll('#search-results [data-result-url]').length > 0
                    && Array.from(document.querySelectorAll('#search-results .kind-badge')).every(function (b) { return b.classList.contains('badge-kind-example-bad'); });
                """)
            let filtered = try browser.run("return Array.from(document.querySelectorAll('#search-results [data-result-url]')).map(function (e) { return e.getAttribute('data-result-url'); });") as? [String] ?? []
            #expect(Set(filtered) == ["/examples/because/", "/examples/callback/"], "the two bad examples")
            // The filter is in the address, so a shared link opens filtered.
            let shared = try results(browser, browser.currentURL)
            #expect(shared == filtered)
        }
    }

    @Test func typingShowsResultsAndTheKeyboardOpensOne() throws {
        try session { server, browser in
            try browser.open(server.root + "policies/service/")
            // "/" focuses the box from anywhere on the page.
            try browser.run("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));")
            #expect(try browser.run("return document.activeElement && document.activeElement.id;") as? String == "q")
            // The last word matches as a prefix while it is being typed.
            try browser.type("ховат", into: "#q")
            try browser.wait("the popup", "var p = document.getElementById('search-popup'); return p && !p.hidden && p.querySelector('[data-result-url]') ? p.querySelector('[data-result-url]').getAttribute('data-result-url') : null;")
            let first = try browser.run("return document.querySelector('#search-popup [data-result-url]').getAttribute('data-result-url');") as? String
            #expect(first == "/principles/no-hiding/")
            try browser.type("\u{E015}\u{E007}", into: "#q") // ArrowDown, Enter
            try browser.wait("navigation", "return location.pathname === '/principles/no-hiding/';")
        }
    }

    @Test func worksUnderABaseURL() throws {
        try session(mounted: true) { server, browser in
            let found = try results(browser, server.root + "handbook/search/?q=" + query("дружині"))
            #expect(found.first == "/handbook/examples/taxi-family/", "\(found)")
            let status = HTTP.get(server.root + "handbook/examples/taxi-family/").status
            #expect(status == 200)
        }
    }

    /// The browser tokenises and stems exactly as the indexer: the same vectors the Swift tests read.
    @Test func javascriptPassesTheSharedVectors() throws {
        try session { server, browser in
            try browser.open(server.root)
            let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("SearchVectors")
            let stems = try String(contentsOf: vectors.appendingPathComponent("stems.tsv"), encoding: .utf8)
            let tokens = try String(contentsOf: vectors.appendingPathComponent("tokens.tsv"), encoding: .utf8)
            let outcome = try browser.run("""
                var S = window.HandbookSearch, wrong = [], count = 0;
                arguments[0].split('\\n').forEach(function (line) {
                  if (!line || line[0] === '#') return;
                  var f = line.split('\\t'); count++;
                  var got = S.stem(f[1], f[0]);
                  if (got !== f[2]) wrong.push(f[0] + ' ' + f[1] + ': ' + got + ' (expected ' + f[2] + ')');
                });
                arguments[1].split('\\n').forEach(function (line) {
                  if (!line || line[0] === '#') return;
                  var f = line.split('\\t'); count++;
                  var got = S.forms(f[0]).join(' ');
                  if (got !== f[1]) wrong.push(JSON.stringify(f[0]) + ': ' + got + ' (expected ' + f[1] + ')');
                });
                return {count: count, wrong: wrong.slice(0, 20), failures: wrong.length};
                """, [stems, tokens]) as? [String: Any]
            #expect((outcome?["count"] as? Int ?? 0) > 2000)
            #expect(outcome?["failures"] as? Int == 0, "\(outcome?["wrong"] ?? "")")
        }
    }
}
