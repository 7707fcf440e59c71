import Foundation
import HandbookModel
import HandbookSite
import Hummingbird
import Logging
import ServiceLifecycle

/// `handbook serve`: builds the handbook into memory (drafts included), serves it over HTTP, watches the
/// content and theme folders and brings the build up to date after every save; open pages reload by
/// themselves and show the findings while there are errors.
public struct PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var options: BuildOptions
        public var host: String
        /// The port asked for; the next free one is taken when it is busy.
        public var port: Int
        /// Poll the folders instead of using inotify.
        public var poll: Bool
        /// Each rebuild's line names its steps and their times.
        public var timings: Bool
        /// Receives every line for the terminal.
        public var log: @Sendable (String) -> Void

        public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, poll: Bool = false, timings: Bool = false,
                    log: @escaping @Sendable (String) -> Void) {
            self.options = options
            self.host = host
            self.port = port
            self.poll = poll
            self.timings = timings
            self.log = log
        }
    }

    public enum ServeError: Error, CustomStringConvertible {
        case noFreePort(Int)
        case watch(String)

        public var description: String {
            switch self {
            case .noFreePort(let port): "no free port from \(port) on: pass --port"
            case .watch(let reason): "cannot watch the folders: \(reason)"
            }
        }
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Builds, then serves until SIGINT (Ctrl-C) or SIGTERM.
    public func run() async throws {
        let configuration = configuration
        let options = configuration.options
        let log = configuration.log
        let session = LiveSession(options: options, timings: configuration.timings, log: log)
        let started = Date()
        let first = session.start()
        let files = session.current.files.count
        log("built \(files) files in memory in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\(first.published ? "" : " (errors: the site will appear once they are fixed)")")

        guard let port = PortFinder.firstFree(host: configuration.host, from: configuration.port) else { throw ServeError.noFreePort(configuration.port) }
        if port != configuration.port { log("port \(configuration.port) is taken; using \(port)") }

        var folders = [WatchedFolder(path: options.content, kind: .content)]
        if let theme = options.theme { folders.append(WatchedFolder(path: theme, kind: .theme)) }
        let watcher = Watchers.best(folders, poll: configuration.poll)
        do { try watcher.start { session.handle($0) } } catch { throw ServeError.watch("\(error)") }
        defer { watcher.stop() }

        let responder = SiteResponder(session: session, paths: SitePath(base: session.baseURL),
                                      allowedHosts: SiteResponder.allowedHosts(for: configuration.host))
        var logger = Logger(label: "handbook-serve")
        logger.logLevel = .warning
        let host = configuration.host
        let app = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in responder.respond(to: request) },
            server: .http1(configuration: .init(additionalChannelHandlers: [HTTP10CloserInstaller()])),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { _ in
                let shown = host == "0.0.0.0" ? "127.0.0.1" : host
                log("serving the handbook at http://\(shown):\(port)\(responder.paths.base) (drafts included; Ctrl-C to stop)")
            },
            logger: logger
        )
        try await app.runService()
        session.events.close()
        log("stopped")
    }
}
