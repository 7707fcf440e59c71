import ArgumentParser
import Dispatch
import Foundation
import HandbookServer
import HandbookSite

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the handbook: build it into memory (drafts included), serve it, rebuild what each save touches, reload open pages.",
        discussion: """
            Pages reload by themselves after a save (keeping their scroll position); a stylesheet is swapped in \
            without a reload. While the content has errors, the last good build is served and every open page \
            shows the findings over it. Listens on 127.0.0.1 unless --host says otherwise.
            """
    )

    @OptionGroup var content: ContentOptions

    @Option(name: .long, help: "A theme folder whose files override the built-in theme.")
    var theme: String = "theme"

    @Option(name: .long, help: "The address to listen on (127.0.0.1: this machine only).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; the next free one is taken when it is busy.")
    var port: Int = 8000

    @Option(name: .customLong("base-url"), help: "The path prefix the site is served under (overrides handbook.yml).")
    var baseURL: String?

    @Flag(name: .customLong("no-history"), help: "Do not read the git history (faster start on big handbooks).")
    var noHistory = false

    @Flag(name: .long, help: "Watch the folders by polling instead of inotify (network or container file systems).")
    var poll = false

    @Flag(name: .long, help: "Name each rebuild's steps and their times (read, check, state, plan, render, diff, release).")
    var timings = false

    func run() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        let options = BuildOptions(content: content.content, theme: FileManager.default.fileExists(atPath: theme) ? theme : nil, output: "",
                                   baseURL: baseURL, includeDrafts: true, strict: content.strict, today: try Today.value(),
                                   history: !noHistory, fingerprintAssets: false)
        guard FileManager.default.fileExists(atPath: options.content) else {
            Terminal.error("the content folder \(options.content) does not exist")
            throw ExitCode(2)
        }
        let server = PreviewServer(configuration: .init(options: options, host: host, port: port, poll: poll, timings: timings) { Terminal.note($0) })
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await server.run() } catch { outcome.fail("\(error)") }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            Terminal.error(failure)
            throw ExitCode(2)
        }
    }
}

/// How the server's run ended.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?

    func fail(_ text: String) { lock.withLock { message = text } }
    var failure: String? { lock.withLock { message } }
}
