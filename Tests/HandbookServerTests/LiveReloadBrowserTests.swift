import Foundation
import HandbookTestSupport
import Testing

/// In a real headless Chromium, a page open in `handbook serve` follows the author's saves by itself.
@Suite(.serialized) struct LiveReloadBrowserTests {
    static let longBody = (1...60).map { "Абзац \($0): вислухати клієнта до кінця, не перебиваючи." }.joined(separator: "\n\n")

    @Test func theOpenPageUpdatesItselfKeepsItsScrollSwapsStylesAndShowsErrors() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let listen = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "Текст.", with: Self.longBody)
        try folder.write(Fixture.with(["principles/listen.md": listen]), under: "content")
        try folder.write(["assets/style.css": "body { color: black; }"], under: "theme")
        let server = try ServeProcess(content: "\(folder.path)/content", theme: "\(folder.path)/theme", port: try FreePort.find())
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }

        try browser.open(server.root + "/principles/listen/")
        try browser.wait("the live connection", "return window.HandbookLive && window.HandbookLive.session;")
        // The browser's own scroll restoration is off, so the position kept is the live script's doing.
        try browser.run("history.scrollRestoration = 'manual'; window.scrollTo(0, 700); window.testMarker = 'before';")

        // A save: the page updates itself in place (no reload), where the reader left it.
        try folder.write(Array(listen.replacingOccurrences(of: "Абзац 1:", with: "Оновлено в редакторі. Абзац 1:").utf8), to: "content/principles/listen.md")
        try browser.wait("the new text", "return document.body.textContent.indexOf('Оновлено в редакторі') >= 0;")
        #expect(try browser.run("return window.testMarker;") as? String == "before", "updated without a reload")
        #expect(try browser.run("return Math.abs(window.scrollY - 700) < 40;") as? Bool == true)

        // A template: every page changed, so the page reloads, and comes back where the reader was.
        try folder.write(Array("<h1 class=\"lost\">{{title}}</h1>".utf8), to: "theme/templates/404.mustache")
        try browser.wait("the reload", "return window.testMarker === undefined && window.HandbookLive && window.HandbookLive.session;")
        try browser.wait("the scroll position", "return Math.abs(window.scrollY - 700) < 40;")
        #expect(try browser.run("return document.body.textContent.indexOf('Оновлено в редакторі') >= 0;") as? Bool == true)

        // A stylesheet is swapped in without a reload. First the page must have settled: a save that is not
        // atomic (truncate, then write) can reach the server as two changes, and on a busy machine the second
        // rebuild of the template's save (a second reload) may come after the first one.
        try settle(browser)
        try browser.run("window.testMarker = 'still here';")
        try folder.write(Array("body { background-color: rgb(1, 2, 3); }".utf8), to: "theme/assets/style.css")
        try browser.wait("the new style", "return getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)';")
        #expect(try browser.run("return window.testMarker;") as? String == "still here")

        // An error: an overlay names the file, line and rule; it goes away with the fix.
        try folder.write(Array(listen.replacingOccurrences(of: "owner: leads", with: "owner: ghost").utf8), to: "content/principles/listen.md")
        let overlay = try browser.wait("the overlay", "var o = document.getElementById('handbook-live-overlay'); return o && o.textContent;") as? String ?? ""
        #expect(overlay.contains("principles/listen.md:3:8: error: owner 'ghost'"), "\(overlay)")
        #expect(overlay.contains("[principle-owner]"))
        try folder.write(Array(listen.utf8), to: "content/principles/listen.md")
        try browser.wait("the overlay to go", "return !document.getElementById('handbook-live-overlay') && document.body.textContent.indexOf('Оновлено в редакторі') < 0;")
        #expect(try browser.run("return window.testMarker;") as? String == "still here")
    }

    /// A page added while serving is found by the search, as staff search (the search page, a word of its
    /// text in another form), once its language's index took it in place; once removed, it is found no more.
    @Test func aPageAddedIsFoundBySearchAndARemovedOneIsNot() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        let server = try ServeProcess(content: "\(folder.path)/content", theme: "\(folder.path)/theme", port: try FreePort.find())
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        let search = server.root + "/search/?q=" + ("квітникарів".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        func results() throws -> [String] {
            try browser.open(search)
            try browser.wait("the results", "var s = document.getElementById('search-status'); return s && s.textContent ? s.textContent : null;")
            return try browser.run("return Array.from(document.querySelectorAll('#search-results [data-result-url]')).map(function (e) { return e.getAttribute('data-result-url'); });") as? [String] ?? []
        }
        func waitFor(_ what: String, _ holds: ([String]) -> Bool) throws -> [String] {
            let deadline = Date().addingTimeInterval(15)
            var last = try results()
            while !holds(last), Date() < deadline {
                usleep(200_000)
                last = try results()
            }
            return last
        }
        #expect(try results().isEmpty)
        try folder.write(Array("""
            ---
            title: Квіти для клієнтки
            verdict: good
            principles: [listen]
            ---

            Оператор вислухав і порадив клієнтці квітникарку поруч.
            """.utf8), to: "content/examples/flowers.md")
        let found = try waitFor("the added page") { $0.contains { $0.hasSuffix("/examples/flowers/") } }
        #expect(found.contains { $0.hasSuffix("/examples/flowers/") }, "\(found)")
        try FileManager.default.removeItem(atPath: "\(folder.path)/content/examples/flowers.md")
        let gone = try waitFor("the removed page") { !$0.contains { $0.hasSuffix("/examples/flowers/") } }
        #expect(!gone.contains { $0.hasSuffix("/examples/flowers/") }, "\(gone)")
    }

    /// Waits until the open page has been the same page (no reload) with the same number of builds for a second.
    func settle(_ browser: WebDriver) throws {
        let probe = "return window.HandbookLive && window.HandbookLive.session ? performance.timeOrigin + ':' + window.HandbookLive.builds : null;"
        var last = "", since = Date()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let now = try browser.run(probe) as? String ?? ""
            if now != last { last = now; since = Date() } else if !now.isEmpty, Date().timeIntervalSince(since) >= 1 { return }
            usleep(50_000)
        }
        Issue.record("the page did not settle: \(last)")
    }
}
