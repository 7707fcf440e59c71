import ArgumentParser
import HandbookModel
import HandbookSite
import HandbookValidation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the handbook against every rule of the content contract; write nothing."
    )

    @OptionGroup var content: ContentOptions

    @Option(name: .long, help: "text, github or json (github is chosen when GITHUB_ACTIONS=true).")
    var format: DiagnosticFormat?

    func run() throws {
        let chosen = format ?? (Environment.value("GITHUB_ACTIONS") == "true" ? .github : .text)
        let options = BuildOptions(content: content.content, output: "", strict: content.strict, today: try Today.value())
        let handbook: Handbook, findings: [Diagnostic]
        do {
            (handbook, findings) = try SiteBuilder(options: options).check()
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        let formatter = DiagnosticFormatter(format: chosen, colors: chosen == .text && Terminal.colorsWanted)
        // Paths are relative to the content folder; GitHub annotations need them relative to the repository.
        let root = chosen == .github ? Terminal.relativeToWorkingFolder(content.content) : ""
        print(formatter.format(findings, root: root), terminator: "")
        if chosen == .text { for note in SiteBuilder.notes(for: handbook) where handbook.settingsMissing { Terminal.note("note: \(note)") } }
        // Exit while the loaded handbook is still alive: the process ends, so freeing it page by page is wasted work.
        withExtendedLifetime(handbook) { Terminal.exit(findings.errorCount > 0 ? 1 : 0) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
