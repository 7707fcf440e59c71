import ArgumentParser

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the handbook with live reload (not built yet: see issue #6)."
    )

    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .long, help: "A theme folder whose files override the built-in theme.")
    var theme: String = "theme"

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8000

    func run() throws {
        Terminal.error("""
            the live preview server is not built yet. Meanwhile:
              handbook build --drafts && python3 -m http.server \(port) --bind \(host) --directory Public
            """)
        throw ExitCode(2)
    }
}
