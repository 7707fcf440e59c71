#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HandbookTestSupport
import Testing

/// `handbook serve` as an author runs it: a handbook in a temp folder, the real binary on a free port,
/// files edited on disk, the result read over HTTP and from the event stream.
@Suite(.serialized) struct ServeTests {
    /// A fixture handbook with a theme folder, served.
    final class Served {
        let folder: TempFolder
        let server: ServeProcess
        var content: String { "\(folder.path)/content" }

        init(theme: [String: String] = [:], arguments: [String] = []) throws {
            folder = try TempFolder()
            try folder.write(Fixture.handbook, under: "content")
            try folder.write(theme.isEmpty ? ["assets/style.css": "body { color: black; }"] : theme, under: "theme")
            server = try ServeProcess(content: "\(folder.path)/content", theme: "\(folder.path)/theme", port: try FreePort.find(), arguments: arguments)
        }

        func get(_ path: String) -> (status: Int, text: String) {
            let (status, body) = HTTP.get(server.root + path)
            return (status, String(decoding: body, as: UTF8.self))
        }

        func write(_ path: String, _ text: String) throws {
            try folder.write(Array(text.utf8), to: "content/\(path)")
        }

        func events() throws -> EventStream {
            let stream = try EventStream(server.root + "/_handbook/events")
            #expect(stream.next(named: "hello") != nil)
            return stream
        }

        deinit {
            server.stop()
            folder.remove()
        }
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func anEditIsServedAndAnnounced() throws {
        let site = try Served()
        #expect(site.get("/principles/listen/").text.contains("/_handbook/live.js"))
        let stream = try site.events()
        let edited = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "Текст.", with: "Слухаємо до кінця.")
        try site.write("principles/listen.md", edited)
        let event = try #require(stream.next(named: "build"))
        let data = Self.json(event.data)
        #expect(data["published"] as? Bool == true)
        // The page, and its policy's briefing pack, which prints the principle's text.
        #expect(data["changed"] as? [String] == ["briefing/service/index.html", "principles/listen/index.html"], "\(event.data)")
        #expect(site.get("/principles/listen/").text.contains("Слухаємо до кінця."))
        #expect(site.server.waitForLine(containing: "principles/listen.md: 2 pages rebuilt") != nil, "\(site.server.log)")
        // Drafts are served, with their banner.
        try site.write("principles/draft.md", "---\ntitle: Чернетка\nowner: olena\npolicy: service\ndraft: true\n---\n\nТекст.\n")
        try site.write("examples/draft-story.md", "---\ntitle: Історія\nverdict: good\nprinciples: [draft]\n---\n\nТекст.\n")
        let deadline = Date().addingTimeInterval(10)
        while site.get("/principles/draft/").status != 200, Date() < deadline { usleep(20_000) }
        let draft = site.get("/principles/draft/")
        #expect(draft.status == 200)
        #expect(draft.text.contains("<p class=\"draft-banner\" role=\"status\">"), "\(draft.text.prefix(300))")
    }

    /// A page open in a browser says which it is (`?page=`, the address it was loaded from): a save that
    /// renders it and more renders it first and says so in a build message of its own, then the rest. An
    /// address outside the build names no page: its stream gets the same messages as one that names none.
    @Test func theOpenPageIsRenderedAndToldFirst() throws {
        let site = try Served()
        let open = try EventStream(site.server.root + "/_handbook/events?page=%2Fprinciples%2Fhelp-first%2F")
        let outside = try EventStream(site.server.root + "/_handbook/events?page=%2F..%2F..%2Fetc%2Fpasswd")
        #expect(open.next(named: "hello") != nil && outside.next(named: "hello") != nil)
        try site.write("examples/thanked.md", "---\ntitle: Подякувала\nverdict: good\nprinciples: [help-first]\n---\n\nІсторія.\n")
        let first = Self.json(try #require(open.next(named: "build")).data)
        #expect(first["changed"] as? [String] == ["principles/help-first/index.html"], "\(first)")
        let rest = Self.json(try #require(open.next(named: "build")).data)
        let changed = rest["changed"] as? [String] ?? []
        #expect(changed.contains("a-z/index.html") && changed.contains("examples/thanked/index.html"), "\(changed)")
        #expect(!changed.contains("principles/help-first/index.html"))
        #expect((first["version"] as? Int ?? 0) < (rest["version"] as? Int ?? 0))
        // The stream of the address outside the build was told both, as every open page is.
        #expect(outside.next(named: "build") != nil && outside.next(named: "build") != nil)
        #expect(site.get("/principles/help-first/").text.contains("Подякувала"))
        #expect(site.get("/a-z/").text.contains("Подякувала"))
        #expect(site.server.waitForLine(containing: "the open pages first, in ") != nil, "\(site.server.log)")
    }

    /// `--timings` names each rebuild's steps with their times, in order; without it the line is as it was.
    @Test func timingsNameEachRebuildsSteps() throws {
        let site = try Served(arguments: ["--timings"])
        try site.write("examples/new.md", "---\ntitle: Нова історія\nverdict: good\nprinciples: [listen]\n---\n\nТекст.\n")
        let line = try #require(site.server.waitForLine(containing: " rebuilt in "), "\(site.server.log)")
        let steps = line.firstMatch(of: /rebuilt in \d+ ms \((.*) ms\)/).map { String($0.1) } ?? ""
        let names = steps.split(separator: ", ").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["read", "check", "state", "plan", "render", "diff", "release"], "\(line)")
        #expect(steps.split(separator: ", ").allSatisfy { $0.split(separator: " ").last.flatMap { Int($0) } != nil }, "\(line)")
        let plain = try Served()
        try plain.write("examples/new.md", "---\ntitle: Нова історія\nverdict: good\nprinciples: [listen]\n---\n\nТекст.\n")
        let plainLine = try #require(plain.server.waitForLine(containing: " rebuilt in "), "\(plain.server.log)")
        #expect(plainLine.hasSuffix(" ms") && !plainLine.contains("("), "\(plainLine)")
    }

    @Test func errorsShowUntilFixedWhileTheLastGoodBuildIsServed() throws {
        let site = try Served()
        let stream = try site.events()
        let broken = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "owner: leads", with: "owner: ghost")
            .replacingOccurrences(of: "Текст.", with: "Нова версія.")
        try site.write("principles/listen.md", broken)
        let event = try #require(stream.next(named: "build"))
        let data = Self.json(event.data)
        #expect(data["published"] as? Bool == false)
        let findings = try #require(data["findings"] as? [String: Any])
        #expect(findings["errors"] as? Int == 1)
        let first = try #require((findings["findings"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "principles/listen.md")
        #expect(first["line"] as? Int == 3)
        #expect(first["rule"] as? String == "principle-owner")
        // The same findings: over HTTP, in the terminal, and to a page opened now.
        #expect(site.get("/_handbook/findings").text.contains("\"rule\": \"principle-owner\""))
        #expect(site.server.waitForLine(containing: "principles/listen.md:3:8: error: owner 'ghost'") != nil, "\(site.server.log)")
        let late = try EventStream(site.server.root + "/_handbook/events")
        #expect(late.next(named: "hello")?.data.contains("principle-owner") == true)
        // The last good build is still served.
        #expect(site.get("/principles/listen/").text.contains("Текст."))
        #expect(!site.get("/principles/listen/").text.contains("Нова версія."))

        try site.write("principles/listen.md", broken.replacingOccurrences(of: "owner: ghost", with: "owner: leads"))
        let fixed = Self.json(try #require(stream.next(named: "build")).data)
        #expect(fixed["published"] as? Bool == true)
        #expect((fixed["findings"] as? [String: Any])?["errors"] as? Int == 0)
        #expect(site.get("/_handbook/findings").text.contains("\"errors\": 0"))
        #expect(site.get("/principles/listen/").text.contains("Нова версія."))
    }

    @Test func aHandbookWithErrorsFromTheStartIsServedOnceFixed() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let broken = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "owner: leads", with: "owner: ghost")
        try folder.write(Fixture.with(["principles/listen.md": broken]), under: "content")
        let server = try ServeProcess(content: "\(folder.path)/content", port: try FreePort.find())
        defer { server.stop() }
        // Nothing built yet: a page that lists the errors and carries the live script.
        let waiting = try LoopbackHTTP.request("GET", server.root + "/")
        let text = String(decoding: waiting.body, as: UTF8.self)
        #expect(waiting.status == 503)
        #expect(text.contains("principles/listen.md:3:8: owner") && text.contains("[principle-owner]"), "\(text)")
        #expect(text.contains("/_handbook/live.js"))
        let stream = try EventStream(server.root + "/_handbook/events")
        #expect(stream.next(named: "hello")?.data.contains("principle-owner") == true)
        try folder.write(Array(Fixture.handbook["principles/listen.md"]!.utf8), to: "content/principles/listen.md")
        let build = try #require(stream.next(named: "build"))
        #expect(Self.json(build.data)["everything"] as? Bool == true, "the first build reloads every open page")
        #expect(HTTP.get(server.root + "/principles/listen/").status == 200)
    }

    @Test func aStylesheetIsAnnouncedAsOneAndKeepsItsURL() throws {
        let site = try Served()
        #expect(site.get("/").text.contains("/assets/style.css"))
        let stream = try site.events()
        try site.folder.write(Array("body { color: navy; }".utf8), to: "theme/assets/style.css")
        let data = Self.json(try #require(stream.next(named: "build")).data)
        #expect(data["stylesheets"] as? Bool == true)
        #expect(site.get("/assets/style.css").text == "body { color: navy; }")
    }

    @Test func nothingOutsideTheBuildIsServed() throws {
        let site = try Served()
        let secret = try TempFolder()
        defer { secret.remove() }
        try secret.write(["secret.txt": "TOP SECRET"])
        try FileManager.default.createSymbolicLink(atPath: "\(site.content)/leak.txt", withDestinationPath: "\(secret.path)/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: "\(site.content)/img", withDestinationPath: secret.path)
        let stream = try site.events()
        try site.write("principles/listen.md", Fixture.handbook["principles/listen.md"]! + "\nЗміна.\n")
        _ = stream.next(named: "build")
        for path in ["/leak.txt", "/img/secret.txt", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                     "/principles/..%2f..%2f..%2f..%2fetc/passwd"] {
            let response = try LoopbackHTTP.request("GET", site.server.root + path)
            let text = String(decoding: response.body, as: UTF8.self)
            #expect([400, 404].contains(response.status), "\(path): \(response.status)")
            #expect(!text.contains("TOP SECRET") && !text.contains("root:"), "\(path)")
        }
        // The link out of the content folder is a finding, with its file.
        #expect(site.get("/_handbook/findings").text.contains("\"file\": \"leak.txt\""))
    }

    /// An HTTP/1.0 request without `Connection: keep-alive` is answered and its connection closed; with it,
    /// the connection stays open for the next request.
    @Test func http10ConnectionsCloseUnlessKeptAlive() throws {
        let served = try Served()
        func exchange(_ requests: [String], waitForClose: Bool) throws -> (answers: Int, closed: Bool) {
            let fd = try LoopbackHTTP.connectLoopback(port: served.server.port, url: served.server.root)
            defer { close(fd) }
            var time = timeval(tv_sec: 3, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            var closed = false
            for request in requests {
                let bytes = Array(request.utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                usleep(300_000)
            }
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count == 0 { closed = true; break }
                if count < 0 { break }
                received += buffer[0..<count]
                if !waitForClose, String(decoding: received, as: UTF8.self).components(separatedBy: "HTTP/1.").count - 1 >= requests.count { break }
            }
            return (String(decoding: received, as: UTF8.self).components(separatedBy: "HTTP/1.1 200").count - 1, closed)
        }
        let plain = try exchange(["GET /principles/help-first/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"], waitForClose: true)
        #expect(plain.answers == 1 && plain.closed, "HTTP/1.0 without keep-alive closes: \(plain)")
        let request = "GET /principles/help-first/ HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
        let kept = try exchange([request, request], waitForClose: false)
        #expect(kept.answers == 2 && !kept.closed, "keep-alive serves both on one connection: \(kept)")
    }

    /// A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets no preview.
    @Test func aForeignHostNameIsRefused() throws {
        let served = try Served()
        let foreign = try LoopbackHTTP.request("GET", served.server.root + "/principles/help-first/", headers: ["Host": "evil.example"])
        #expect(foreign.status == 421)
        #expect(!String(decoding: foreign.body, as: UTF8.self).contains("<html"))
        let local = try LoopbackHTTP.request("GET", served.server.root.replacing("127.0.0.1", with: "localhost") + "/principles/help-first/")
        #expect(local.status == 200)
    }

    @Test func headAnswersWithTheLengthAndNoBody() throws {
        let served = try Served()
        let page = try LoopbackHTTP.request("GET", served.server.root + "/principles/help-first/")
        let head = try LoopbackHTTP.request("HEAD", served.server.root + "/principles/help-first/")
        #expect(page.status == 200 && page.body.count > 1000)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-length"] == String(page.body.count))
        #expect(head.headers["content-type"] == page.headers["content-type"])
        #expect(try LoopbackHTTP.request("HEAD", served.server.root + "/nowhere/").status == 404)
    }

    @Test func aBusyPortMovesToTheNextAndCtrlCStopsWithPagesOpen() throws {
        let first = try Served()
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        let second = try ServeProcess(content: "\(folder.path)/content", port: first.server.port)
        defer { second.stop() }
        #expect(second.port != first.server.port)
        #expect(second.log.contains("port \(first.server.port) is taken; using \(second.port)"))
        #expect(second.log.contains("http://127.0.0.1:"))
        // An open event stream does not hold the server up.
        let stream = try EventStream(second.root + "/_handbook/events")
        #expect(stream.next(named: "hello") != nil)
        #expect(second.interrupt() == 0, "\(second.log)")
        #expect(second.log.contains("stopped"))
    }
}
