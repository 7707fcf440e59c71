import HandbookModel
import HandbookValidation
import Hummingbird
import ServiceLifecycle

/// Answers requests from the build in memory: pages (with the live-reload script added), files,
/// the event stream, the findings as JSON, and the 404 page.
struct SiteResponder: Sendable {
    let session: LiveSession
    let paths: SitePath
    /// The names a request may give in `Host` (any port): the loopback names and the host it was asked to
    /// bind (or none: an HTTP/1.0 client without `Host` is no browser). A page elsewhere that rebinds its own domain to 127.0.0.1 gets 421, not the drafts. Nil: any
    /// (the server binds every address, as `--host 0.0.0.0` asks).
    var allowedHosts: Set<String>? = nil

    static func allowedHosts(for host: String) -> Set<String>? {
        host == "0.0.0.0" || host == "::" ? nil : ["127.0.0.1", "localhost", "[::1]", "::1", host.lowercased(), ""]
    }

    /// The `Host` a request gave, without its port.
    static func hostName(_ authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[...end]).lowercased() }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
    }

    /// The answer to GET; a HEAD request gets its status and headers (the length included) and no body.
    func respond(to request: Request) -> Response {
        var response = answer(request)
        if request.method == .head {
            // The length of the body a GET gets, and nothing written.
            response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
        }
        return response
    }

    private func answer(_ request: Request) -> Response {
        if let allowedHosts, !allowedHosts.contains(Self.hostName(request.head.authority ?? "")) {
            return file(Array("this preview answers only to 127.0.0.1 and localhost\n".utf8), type: "text/plain; charset=utf-8", status: .misdirectedRequest)
        }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"], body: .init())
        }
        let path = request.uri.path
        switch path {
        case LiveReloadScript.events: return eventStream(page: request.uri.queryParameters["page"].map(String.init))
        case LiveReloadScript.path: return file(LiveReloadScript.source, type: "text/javascript; charset=utf-8")
        case LiveReloadScript.findings:
            return file(Array((LiveSession.findingsJSON(session.current.findings) + "\n").utf8), type: "application/json")
        default: break
        }
        let snapshot = session.current
        switch paths.resolve(path, exists: { snapshot.files[$0] != nil }) {
        case .file(let name):
            return page(snapshot.files[name] ?? [], name: name)
        case .redirect(let location):
            return Response(status: .found, headers: [.location: location, .cacheControl: "no-store"], body: .init())
        case .refused:
            return file(Array("bad request: the path is not allowed\n".utf8), type: "text/plain; charset=utf-8", status: .badRequest)
        case .notFound:
            if let notFound = snapshot.files["404.html"] { return page(notFound, name: "404.html", status: .notFound) }
            if snapshot.files.isEmpty { return waiting(snapshot) }
            return file(Array("not found\n".utf8), type: "text/plain; charset=utf-8", status: .notFound)
        }
    }

    /// No build has succeeded yet (the content had errors from the start): a page that lists the findings
    /// and turns into the handbook, by itself, once they are fixed (the first build reloads every page).
    private func waiting(_ snapshot: SiteSnapshot) -> Response {
        // The same line `handbook build` and `check` print, from the one formatter.
        let formatter = DiagnosticFormatter(format: .text)
        let findings = snapshot.findings.filter { $0.severity == .error }.map { finding in
            "<li>\(HTMLEscaping.attribute(formatter.line(finding, severity: false)))</li>"
        }.joined(separator: "\n")
        let html = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Handbook: errors</title></head>
            <body><main id="main"><h1>The handbook has errors</h1>
            <p>Nothing could be built yet. Fix these and save; this page turns into the handbook by itself.</p>
            <ul>
            \(findings)
            </ul></main></body></html>
            """
        return page(Array(html.utf8), name: "index.html", status: .serviceUnavailable)
    }

    private func page(_ bytes: [UInt8], name: String, status: HTTPResponse.Status = .ok) -> Response {
        let type = MediaType.of(name)
        guard type.hasPrefix("text/html") else { return file(bytes, type: type, status: status) }
        return file(LiveReloadScript.inject(into: bytes, base: paths.base), type: type, status: status)
    }

    private func file(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Server-Sent Events: `hello` with the current findings, then a `build` message per update. The
    /// stream ends when the server stops, so Ctrl-C never waits for open pages. `page` is the address the
    /// page was loaded from (`?page=`): the file it resolves to, as any request's path is, is rendered first
    /// by an update that changes it; an address that does not resolve names no file.
    private func eventStream(page: String?) -> Response {
        let events = session.events
        let snapshot = session.current
        let shown: String? = page.flatMap { page in
            if case .file(let name) = paths.resolve(page, exists: { snapshot.files[$0] != nil }) { name } else { nil }
        }
        let stream = events.subscribe(page: shown)
        let hello = session.helloMessage()
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: hello))
            try await withGracefulShutdownHandler {
                for await message in stream { try await writer.write(ByteBuffer(string: message)) }
            } onGracefulShutdown: {
                events.close()
            }
            try await writer.finish(nil)
        })
    }
}
