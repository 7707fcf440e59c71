import Foundation
import Testing
import HandbookTestSupport

/// The sample handbook read as staff read it, in headless Chromium: colours, search for what agents look
/// up, example cards, the table of contents, languages, the header on a phone, the 404 page, changes.
@Suite(.serialized) struct ReadingBrowserTests {
    func session(_ body: (StaticServer, WebDriver) throws -> Void) throws {
        let site = try SampleHandbook.built.get()
        let server = try StaticServer(folder: site.output)
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        try body(server, browser)
    }

    /// The result URLs the search page shows for a query, in order.
    func results(_ browser: WebDriver, _ server: StaticServer, _ query: String, page: String = "search/") throws -> [String] {
        try browser.open(server.root + page + "?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query))
        try browser.wait("results for \(query)", "var s = document.getElementById('search-status'); return s && s.textContent ? s.textContent : null;")
        return try browser.run("return Array.from(document.querySelectorAll('#search-results [data-result-url]')).map(function (e) { return e.getAttribute('data-result-url'); });") as? [String] ?? []
    }

    /// `rgb(r, g, b)` as numbers.
    func rgb(_ text: Any?) -> [Double] {
        (text as? String ?? "").components(separatedBy: CharacterSet(charactersIn: "0123456789.").inverted).compactMap(Double.init).prefix(3).map { $0 }
    }

    @Test func proseIsNearBlackAndLinksStandOutOnEveryKindOfPage() throws {
        try session { server, browser in
            for page in ["policies/client-first/", "principles/help-first/", "faq/2025-03-briefing-client-first/", "examples/taxi-for-stranded-client/", "about/"] {
                try browser.open(server.root + page)
                let prose = rgb(try browser.run("var p = document.querySelector('.prose p'); return p ? getComputedStyle(p).color : null;"))
                #expect(prose.count == 3 && prose.allSatisfy { $0 < 60 }, "\(page): prose \(prose)")
                let link = rgb(try browser.run("var a = document.querySelector('.prose a, main a'); return a ? getComputedStyle(a).color : null;"))
                #expect(link != prose, "\(page): links look like text")
            }
        }
    }

    @Test func theDarkSchemeIsLightTextOnDark() throws {
        try session { server, browser in
            try browser.colorScheme("dark")
            for page in ["principles/help-first/", "policies/client-first/"] {
                try browser.open(server.root + page)
                let background = rgb(try browser.run("return getComputedStyle(document.body).backgroundColor;"))
                let backgroundRoot = rgb(try browser.run("return getComputedStyle(document.documentElement).backgroundColor;"))
                let prose = rgb(try browser.run("return getComputedStyle(document.querySelector('.prose p')).color;"))
                let dark = (background.count == 3 && background.allSatisfy { $0 < 40 }) || (backgroundRoot.count == 3 && backgroundRoot.allSatisfy { $0 < 40 })
                #expect(dark, "\(page): background \(background) \(backgroundRoot)")
                #expect(prose.count == 3 && prose.allSatisfy { $0 > 200 }, "\(page): prose \(prose)")
            }
        }
    }

    @Test func searchFindsWhatAgentsLookUp() throws {
        try session { server, browser in
            #expect(try results(browser, server, "300 грн").first == "/policies/client-first/", "a limit from the exceptions table")
            #expect(try results(browser, server, "таксі").prefix(3).contains("/policies/client-first/"), "the taxi limit")
            // A limit written `1 500 грн` is found typed as one number too.
            #expect(try results(browser, server, "1500").first == "/policies/client-first/")
            #expect(try results(browser, server, "1 500").first == "/policies/client-first/")
            // A generated section's heading finds the policies that have it.
            #expect(try results(browser, server, "ескалація").contains { $0.hasPrefix("/policies/") })
            let compensation = try results(browser, server, "компенсацію")
            // An example titled with the word may come first; the policy whose exception it is comes next.
            #expect(compensation.prefix(2).contains("/policies/client-first/"), "an inflected form of an exception: \(compensation)")
            // A person is found by name and by role: who to escalate to.
            #expect(try results(browser, server, "Мельник").contains("/people/andrii-melnyk/"))
            #expect(try results(browser, server, "керівник контакт-центру").contains("/people/andrii-melnyk/"))
            let olena = try results(browser, server, "Олена Коваль")
            #expect(olena.contains("/policies/client-first/"), "an owner's name: \(olena)")
            let client = try results(browser, server, "клієнт")
            #expect(!client.isEmpty && client.first != "/", "the home page is not first for a common word: \(client)")
            let refunds = try results(browser, server, "повернення")
            #expect(refunds.first?.hasPrefix("/policies/") == true, "a policy above its examples: \(refunds)")
            // A policy that mentions a word in its text outranks the examples that do too.
            let agent = try results(browser, server, "повноважень")
            let policy = try #require(agent.firstIndex { $0.hasPrefix("/policies/") }, "\(agent)")
            #expect(agent.prefix(policy).allSatisfy { !$0.hasPrefix("/examples/") }, "\(agent)")
            // The briefing question that is the query is its first sub-result.
            _ = try results(browser, server, "дилерів і агентів")
            let first = try browser.run("var a = document.querySelector('.sub-results a'); return a ? a.textContent : null;") as? String
            #expect(first == "Чи стосується політика дилерів і агентів?", "\(first ?? "none")")
            // Suggestions in the header show a line of context.
            try browser.open(server.root + "principles/help-first/")
            try browser.type("компенсацію", into: "#q")
            let line = try browser.wait("a suggestion", "var s = document.querySelector('#search-popup .popup-snippet'); return s && s.textContent ? s.textContent : null;")
            #expect((line as? String)?.isEmpty == false)
            // The line starts near the match, so the matched word is within its first words.
            let lines = try browser.run("return Array.from(document.querySelectorAll('#search-popup .popup-snippet')).map(function (s) { return s.innerHTML; });") as? [String] ?? []
            #expect(lines.contains { line in line.range(of: "<mark>").map { line.distance(from: line.startIndex, to: $0.lowerBound) < 60 } ?? false }, "\(lines)")
        }
    }

    @Test func nothingFoundOffersOtherLanguagesACorrectionAndTheAZ() throws {
        try session { server, browser in
            #expect(try results(browser, server, "receipt").isEmpty)
            let other = try browser.wait("other languages", "var a = document.querySelector('.search-help a[hreflang=\"en\"]'); return a ? a.getAttribute('href') : null;")
            #expect((other as? String)?.contains("/en/search/?q=receipt") == true)
            // A typo, and a Latin look-alike letter typed by mistake (the "а" of "таксі" in Latin).
            // A Latin word is no typo of a Cyrillic one: no correction made of look-alike letters.
            #expect(try results(browser, server, "taxi").isEmpty)
            _ = try browser.wait("the help", "return document.querySelector('.search-help') ? true : null;")
            #expect(try browser.run("return document.querySelector('.did-you-mean') === null;") as? Bool == true)
            for typo in ["компенсацыю", "т\u{61}ксі"] {
                #expect(try results(browser, server, typo).isEmpty)
                let fix = try browser.wait("a correction for \(typo)", "var a = document.querySelector('.did-you-mean'); return a ? a.textContent : null;")
                #expect(fix as? String == (typo == "компенсацыю" ? "компенсацію" : "таксі") || (fix as? String)?.hasPrefix("компенсац") == true, "\(typo): \(String(describing: fix))")
            }
            let az = try browser.run("var a = document.querySelector('.search-all-pages a'); return a ? a.getAttribute('href') : null;") as? String
            #expect(az == "/a-z/")
        }
    }

    @Test func principlePagesShowTheStoriesAndTheBetterWay() throws {
        try session { server, browser in
            try browser.open(server.root + "principles/help-first/")
            let cards = try browser.run("return Array.from(document.querySelectorAll('.examples .card')).map(function (c) { var p = c.querySelector('p'); return p ? p.textContent.trim() : ''; });") as? [String] ?? []
            #expect(cards.count >= 3 && cards.allSatisfy { $0.count > 20 }, "every card tells what happened: \(cards)")
            let better = try browser.run("var b = document.querySelector('.examples-bad .card .better'); return b ? b.textContent : null;") as? String
            #expect(better?.contains("Як треба було") == true)
            try browser.open(server.root + "examples/callback-tomorrow/")
            #expect(try browser.run("return document.querySelector('#better') !== null;") as? Bool == true)
            try browser.open(server.root + "examples/")
            let listed = try browser.run("return document.querySelectorAll('.card.verdict-bad .better').length;") as? Int ?? 0
            #expect(listed >= 5, "bad examples on the list say what should have been done")
            try browser.open(server.root + "a-z/")
            let names = try browser.run("return Array.from(document.querySelectorAll('.a-z .meta')).map(function (m) { return m.textContent.trim(); });") as? [String] ?? []
            #expect(!names.contains("Приклад") && names.contains { $0.hasPrefix("Поганий приклад") }, "\(names.prefix(5))")
        }
    }

    @Test func thePolicyContentsListItsOwnSections() throws {
        try session { server, browser in
            try browser.open(server.root + "policies/client-first/")
            let anchors = try browser.run("return Array.from(document.querySelectorAll('.toc a')).map(function (a) { return a.getAttribute('href'); });") as? [String] ?? []
            for anchor in ["#exceptions", "#escalation", "#principles"] { #expect(anchors.contains(anchor), "\(anchors)") }
            #expect(anchors.firstIndex(of: "#exceptions")! < anchors.firstIndex(of: "#principles")!)
        }
    }

    @Test func textInAnotherLanguageSaysSo() throws {
        try session { server, browser in
            try browser.open(server.root + "en/principles/help-first/")
            #expect(try browser.run("return document.documentElement.lang;") as? String == "en")
            let owner = try browser.run("var n = document.querySelector('.owner-card .name'); return n ? n.getAttribute('lang') : null;") as? String
            #expect(owner == "uk", "the owner's Ukrainian name is marked")
            let brand = try browser.run("return document.querySelector('.brand').getAttribute('lang');") as? String
            #expect(brand == "uk")
            // Everything shown in Cyrillic on an English page sits inside an element marked uk.
            let unmarked = try browser.run("""
                var out = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                  var n = walker.currentNode;
                  if (/[\\u0400-\\u04FF]/.test(n.textContent) && !n.parentElement.closest('[lang]:not(html)')) out.push(n.textContent.trim());
                }
                return out;
                """) as? [String] ?? []
            #expect(unmarked.isEmpty, "\(unmarked.prefix(5))")
        }
    }

    @Test func thePhoneHeaderIsCompactAndTheLeftEdgeIsOne() throws {
        try session { server, browser in
            let pages = ["policies/client-first/", "principles/help-first/", "examples/callback-tomorrow/", "faq/2025-03-briefing-client-first/",
                         "principles/", "changes/", "search/", "a-z/", "people/olena-koval/", "404.html"]
            for width in [390, 1280] {
                try browser.resize(width: width, height: 900)
                var edges: [String: Double] = [:]
                for page in pages {
                    try browser.open(server.root + page)
                    edges[page] = try browser.run("return document.querySelector('main h1').getBoundingClientRect().left;") as? Double
                    if width == 390 {
                        let header = try browser.run("return document.querySelector('.site-header').getBoundingClientRect().height;") as? Double ?? 999
                        #expect(header <= 120, "\(page): header \(header) px")
                    }
                }
                #expect(Set(edges.values).count == 1, "\(width) px: \(edges.sorted { $0.key < $1.key })")
            }
        }
    }

    @Test func notFoundSpeaksEveryLanguageAndSearches() throws {
        try session { server, browser in
            // What a server shows for any missing page (the test server does not, so it is opened by name).
            try browser.open(server.root + "404.html")
            let versions = try browser.run("return Array.from(document.querySelectorAll('.not-found-version')).map(function (v) { return v.getAttribute('lang') || document.documentElement.lang; });") as? [String] ?? []
            #expect(versions == ["uk", "en"], "every language of handbook.yml: \(versions)")
            #expect(try browser.run("return document.querySelectorAll('.not-found-version form[role=search] input[name=q]').length;") as? Int == 2)
        }
    }

    @Test func changesAreOneEntryPerCommitInHumanWords() throws {
        try session { server, browser in
            try browser.open(server.root + "changes/")
            let notes = try browser.run("return Array.from(document.querySelectorAll('.change .change-note')).map(function (n) { return n.textContent; });") as? [String] ?? []
            #expect(notes == ["Ліміт оператора тепер 300 грн", "Initial handbook"], "\(notes)")
            let pages = try browser.run("return document.querySelectorAll('.change')[1].querySelectorAll('.change-pages li').length;") as? Int ?? 0
            #expect(pages > 20, "the first commit's pages are listed inside one entry")
            try browser.open(server.root + "en/changes/")
            #expect(try browser.run("return document.querySelector('.change-note').textContent;") as? String == "Initial handbook")
            try browser.open(server.root + "policies/client-first/history/")
            let diff = try browser.run("return document.querySelector('.word-diff').textContent;") as? String ?? ""
            #expect(diff.contains("результат") && !diff.contains("](") && !diff.contains("help-first.md"), "the diff shows the rendered text: \(diff.prefix(300))")
            #expect(try browser.run("return getComputedStyle(document.querySelector('.word-diff')).fontFamily.indexOf('monospace') < 0;") as? Bool == true)
            let summary = try browser.run("return document.querySelector('.revision .meta').textContent;") as? String ?? ""
            #expect(!summary.contains("−0") && !summary.contains("+0"), "\(summary)")
        }
    }

    @Test func everyFocusableThingShowsItsFocus() throws {
        try session { server, browser in
            try browser.open(server.root + "search/?q=" + ("клієнт".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            try browser.wait("results", "return document.querySelector('.kind-filter button') ? true : null;")
            for selector in [".search-form button", ".kind-filter button", "#q"] {
                let outline = try browser.run("""
                    var e = document.querySelector(arguments[0]); e.focus({focusVisible: true});
                    var s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth];
                    """, [selector]) as? [String] ?? []
                #expect(outline.first != "none" && (Double(outline.last?.replacing("px", with: "") ?? "") ?? 0) >= 2, "\(selector): \(outline)")
            }
        }
    }
}
