import HandbookModel
import Hummingbird
import ServiceLifecycle

/// Answers requests from the build in memory: pages (with the live-reload script added), files,
/// the event stream, the findings as JSON, and the 404 page.
struct SiteResponder: Sendable {
    let session: LiveSession
    let paths: SitePath

    func respond(to request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"], body: .init())
        }
        let path = request.uri.path
        switch path {
        case LiveReloadScript.events: return eventStream()
        case LiveReloadScript.path: return file(Array(LiveReloadScript.source.utf8), type: "text/javascript; charset=utf-8")
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
            return file(Array("not found\n".utf8), type: "text/plain; charset=utf-8", status: .notFound)
        }
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
    /// stream ends when the server stops, so Ctrl-C never waits for open pages.
    private func eventStream() -> Response {
        let events = session.events
        let stream = events.subscribe()
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
