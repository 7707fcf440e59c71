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

    @Flag(name: .long, help: "Rewrite, in place, the broken links that have exactly one right answer (an anchor wrong only in case or punctuation, a moved file), reporting each; then check.")
    var fix = false

    @Flag(name: .customLong("dry-run"), help: "With --fix: show the changes as a diff and write nothing.")
    var dryRun = false

    func validate() throws {
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
    }

    func run() throws {
        let chosen = format ?? (Environment.value("GITHUB_ACTIONS") == "true" ? .github : .text)
        let options = BuildOptions(content: content.content, output: "", strict: content.strict, today: try Today.value())
        var handbook: Handbook, findings: [Diagnostic]
        do {
            (handbook, findings) = try SiteBuilder(options: options).check()
            if fix {
                let writer = LinkFixWriter(content: content.content)
                // A moved page fixed in one round may leave an anchor to fix in the next; a few rounds settle it.
                for round in 1...4 {
                    let changes = writer.changes(LinkFixes.find(in: handbook))
                    if changes.isEmpty {
                        if round == 1 { Terminal.note("nothing to fix: no broken link has exactly one right answer") }
                        break
                    }
                    let count = changes.reduce(0) { $0 + $1.applied.count }
                    if dryRun {
                        for change in changes { print(LinkFixWriter.diff(change, root: "\(content.content)/"), terminator: "") }
                        Terminal.note("\(count) fix\(count == 1 ? "" : "es") in \(changes.count) file\(changes.count == 1 ? "" : "s") (dry run: nothing written; run 'handbook check --fix' to write them)")
                        Terminal.exit(0)
                    }
                    for change in changes {
                        do { try writer.write(change) } catch {
                            Terminal.error("cannot write \(content.content)/\(change.path): \(error.localizedDescription)")
                            throw ExitCode(2)
                        }
                        for applied in change.applied {
                            Terminal.note("\(applied.location): fixed \(Quoted.text(applied.old, limit: 120)) → \(Quoted.text(applied.new, limit: 120)): \(applied.reason)")
                        }
                    }
                    (handbook, findings) = try SiteBuilder(options: options).check()
                }
            }
        } catch let exit as ExitCode {
            throw exit
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
