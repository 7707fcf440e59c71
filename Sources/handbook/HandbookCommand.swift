import ArgumentParser
import CBuildInfo
import HandbookSite
#if canImport(Glibc)
import Glibc
#endif

/// `handbook`: builds, checks and previews a customer-policy handbook.
@main
struct HandbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handbook",
        abstract: "Turns a policy handbook written in Markdown into a fast, searchable static site.",
        version: versionText,
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, AcksCommand.self, StemCommand.self]
    )

    /// `handbook --version`: the version and the commit it was built from (a release says it; a build from source does not know).
    static var versionText: String {
        let commit = String(cString: handbook_build_commit())
        return "handbook \(SiteBuilder.version) (" + (commit.isEmpty ? "built from source, commit unknown" : "commit \(commit)") + ")"
    }

    /// Exit codes of the contract: 0 no errors, 1 errors found, 2 the command could not run.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                Glibc.exit(0)
            }
            Terminal.error(fullMessage(for: error))
            Glibc.exit(2)
        }
    }
}
