import Foundation
import HandbookTestSupport
import Testing

/// The sample's briefing pack printed to PDF by headless Chromium and read back with poppler and zbar, and
/// its self-check answered in Chromium, with JavaScript and without.
@Suite(.serialized) struct BriefingBrowserTests {
    static let policy = "client-first"

    func session(_ body: (StaticServer, WebDriver, SampleHandbook.Built) throws -> Void) throws {
        let site = try SampleHandbook.built.get()
        let server = try StaticServer(folder: site.output)
        defer { server.stop() }
        let browser = try WebDriver()
        defer { browser.quit() }
        try body(server, browser, site)
    }

    /// Runs a tool and returns what it printed.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The text of an HTML fragment, tags dropped and entities of the five escaped characters decoded.
    static func text(ofHTML html: Substring) -> String {
        let stripped = html.replacing(/<[^>]*>/, with: " ")
        return words(stripped.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'"))
    }

    /// Prints a page to PDF; returns each printed page's text (whitespace made single spaces).
    static func print(_ url: String, to pdf: String) throws -> [String] {
        try run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", url])
        let info = try run(["pdfinfo", pdf])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        return try (0..<pages).map { words(try run(["pdftotext", "-f", String($0 + 1), "-l", String($0 + 1), pdf, "-"])) }
    }

    /// The examples of a pack whose first and last words are not on one printed page.
    static func splitExamples(html: String, pages texts: [String]) -> [String] {
        html.matches(of: /<article class="pack-example"[^>]*>(.*?)<\/article>/.dotMatchesNewlines()).compactMap { example in
            let words = text(ofHTML: example.1).split(separator: " ")
            let head = words.prefix(4).joined(separator: " "), tail = words.suffix(4).joined(separator: " ")
            return texts.indices.contains { texts[$0].contains(head) && texts[$0].contains(tail) } ? nil : "\(head) … \(tail)"
        }
    }

    @Test func aPrintedPackHasItsFooterOnEveryPageNoExampleSplitAndAQRCodeOfThePolicy() throws {
        try session { server, _, site in
            let folder = try TempFolder()
            defer { folder.remove() }
            let pdf = folder.path + "/pack.pdf"
            let texts = try Self.print(server.root + "briefing/\(Self.policy)/", to: pdf)
            let pages = texts.count
            #expect(pages >= 5)
            #expect(try Self.run(["pdfinfo", pdf]).contains("A4"))
            let html = try String(contentsOfFile: site.output + "/briefing/\(Self.policy)/index.html", encoding: .utf8)
            let version = try #require(html.firstMatch(of: /class="pack-version">.*?<code>([0-9a-f]{7})<\/code>/)?.1, "the cover names the version")
            for (index, text) in texts.enumerated() {
                #expect(text.contains("сторінка \(index + 1) з \(pages)"), "page \(index + 1): no 'сторінка \(index + 1) з \(pages)'")
                #expect(text.contains(String(version)), "page \(index + 1): no version \(version)")
            }
            #expect(html.matches(of: /<article class="pack-example"/).count >= 10)
            #expect(Self.splitExamples(html: html, pages: texts).isEmpty, "split across pages: \(Self.splitExamples(html: html, pages: texts))")
            // The check finds a split when there is one: a long example, with the pack's rule against splits overridden.
            let long = html.replacing(/(<article class="pack-example"[^>]*>.*?<div class="prose">)(.*?)(<\/div>)/.dotMatchesNewlines()) { match in
                match.1 + String(repeating: String(match.2), count: 12) + match.3
            }.replacingOccurrences(of: "</article>\n</main>", with: "</article>\n</main>")
                .replacingOccurrences(of: "<article class=\"briefing-pack\">", with: "<article class=\"briefing-pack\"><style>.pack-example { break-inside: auto !important; }</style>")
            try Data(long.utf8).write(to: URL(fileURLWithPath: site.output + "/briefing/\(Self.policy)/long.html"))
            defer { try? FileManager.default.removeItem(atPath: site.output + "/briefing/\(Self.policy)/long.html") }
            let longTexts = try Self.print(server.root + "briefing/\(Self.policy)/long.html", to: folder.path + "/long.pdf")
            #expect(!Self.splitExamples(html: long, pages: longTexts).isEmpty, "a long example split across pages is found")
            // The QR code on the cover holds the policy's address.
            try Self.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", pdf, folder.path + "/cover"])
            let image = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("cover") })
            let decoded = try Self.run(["zbarimg", "-q", "--raw", folder.path + "/" + image]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(decoded == "https://handbook.example.org/policies/\(Self.policy)/")
        }
    }

    /// The cases' ids in the order the page shows them.
    func order(_ browser: WebDriver) throws -> [String] {
        try browser.run("return Array.from(document.querySelectorAll('.case')).map(function (c) { return c.id; });") as? [String] ?? []
    }

    @Test func aSelfCheckIsAnsweredScoredKeptAndStartedAfreshForANewVersion() throws {
        try session { server, browser, site in
            let url = server.root + "self-check/\(Self.policy)/"
            try browser.open(url)
            let answers = try browser.run("return Array.from(document.querySelectorAll('.case')).map(function (c) { return [c.id, c.getAttribute('data-answer')]; });")
                as? [[String]] ?? []
            #expect(answers.count >= 6)
            // Every other case answered wrongly.
            var wrong: Set<String> = []
            for (index, pair) in answers.enumerated() {
                let answer = index % 2 == 0 ? pair[1] : (pair[1] == "good" ? "bad" : "good")
                if answer != pair[1] { wrong.insert(pair[0]) }
                try browser.click("#\(pair[0]) input[value=\(answer)]")
                try browser.click("#\(pair[0]) [data-check]")
                // The first answer counts: the choice is locked.
                #expect(try browser.run("return Array.from(document.querySelectorAll('#' + arguments[0] + ' input')).every(function (i) { return i.disabled; });", [pair[0]]) as? Bool == true)
                let outcome = try browser.run("var c = document.getElementById(arguments[0]); return [c.querySelector('.outcome').textContent, c.querySelector('details').open];", [pair[0]]) as? [Any]
                #expect(outcome?.first as? String == (answer == pair[1] ? "Правильно." : "Не зовсім."), "\(pair[0])")
                #expect(outcome?.last as? Bool == true, "\(pair[0]): the answer is revealed")
            }
            let score = try browser.run("return document.querySelector('[data-score]').textContent;") as? String
            #expect(score == "Ваш результат: \(answers.count - wrong.count) з \(answers.count)")
            // The score is announced and takes the focus.
            #expect(try browser.run("return document.querySelector('[data-announce]').textContent;") as? String == score)
            #expect(try browser.run("return document.activeElement === document.querySelector('[data-score]');") as? Bool == true)
            // The principles of the cases missed, each once.
            let missed = try browser.run("return Array.from(document.querySelectorAll('[data-missed] a')).map(function (a) { return a.getAttribute('href'); });") as? [String] ?? []
            let expected = try browser.run("""
                var wrong = arguments[0], seen = {};
                wrong.forEach(function (id) { document.querySelectorAll('#' + id + ' a.principle').forEach(function (a) { seen[a.getAttribute('href')] = true; }); });
                return Object.keys(seen).sort();
                """, [Array(wrong)]) as? [String] ?? []
            #expect(missed.sorted() == expected && !missed.isEmpty)
            // A reload keeps the answers and the score; the order changes while the HTML stays the same.
            let first = try order(browser)
            var orders: Set<[String]> = [first]
            for _ in 0..<4 {
                try browser.open(url)
                orders.insert(try order(browser))
            }
            #expect(orders.count > 1, "the cases come in a new order")
            #expect(try browser.run("return document.querySelector('[data-score]').textContent;") as? String == score)
            #expect(try browser.run("return document.querySelector('.self-check-score').hidden;") as? Bool == false)
            let source = try String(contentsOfFile: site.output + "/self-check/\(Self.policy)/index.html", encoding: .utf8)
            let sourceOrder = source.matches(of: /<li class="case" id="([^"]+)"/).map { String($0.1) }
            #expect(Set(sourceOrder) == Set(first) && sourceOrder.count == first.count)
            // A new version of the policy (its page as a later build makes it: another version in the key) starts afresh.
            let key = try #require(source.firstMatch(of: /data-storage-key="([^"]+)"/)?.1)
            let copy = try TempFolder()
            defer { copy.remove() }
            try FileManager.default.removeItem(atPath: copy.path)
            try FileManager.default.copyItem(atPath: site.output, toPath: copy.path)
            try Data(source.replacingOccurrences(of: String(key), with: key + "-next").utf8)
                .write(to: URL(fileURLWithPath: copy.path + "/self-check/\(Self.policy)/index.html"))
            let later = try StaticServer(folder: copy.path)
            defer { later.stop() }
            // The same origin keeps the same storage: serve the new version where the old one was read.
            try browser.open(url)
            #expect(try browser.run("return localStorage.getItem(arguments[0]) !== null;", [String(key)]) as? Bool == true)
            try browser.run("localStorage.setItem(arguments[0] + '-next', 'x'); localStorage.removeItem(arguments[0] + '-next');", [String(key)])
            try browser.open(later.root + "self-check/\(Self.policy)/")
            #expect(try browser.run("return document.querySelectorAll('.case input:checked').length;") as? Int == 0)
            #expect(try browser.run("return document.querySelector('.self-check-score').hidden;") as? Bool == true)
        }
    }

    @Test func withoutJavaScriptEachAnswerOpensOnItsOwn() throws {
        try session { server, browser, _ in
            try browser.scripts(enabled: false)
            defer { try? browser.scripts(enabled: true) }
            try browser.open(server.root + "self-check/\(Self.policy)/")
            #expect(try browser.attribute("open", of: ".case details") == nil)
            try browser.click(".case details summary")
            #expect(try browser.attribute("open", of: ".case details") != nil, "the disclosure opens without scripts")
            // Each case is a fieldset with its legend, its choices inside it, the verdict inside the disclosure.
            _ = try browser.find(".case > fieldset > legend")
            _ = try browser.find(".case > fieldset input[type=radio][value=good]")
            _ = try browser.find(".case > fieldset > details .verdict")
        }
    }
}
