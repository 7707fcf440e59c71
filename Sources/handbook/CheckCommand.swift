import Foundation
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
            if fix { (handbook, findings) = try runFixes(options: options, handbook: handbook) }
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

extension CheckCommand {
    /// `--fix`: rounds of fixes until none is left (a moved page fixed in one round may leave an anchor to fix in the
    /// next), each change reported; with `--dry-run` the same rounds run on a copy of the content folder and its
    /// difference from the original is printed instead.
    func runFixes(options: BuildOptions, handbook first: Handbook) throws -> (Handbook, [Diagnostic]) {
        var options = options, handbook = first, findings: [Diagnostic] = []
        var copy: String?
        if dryRun {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-fix-\(UUID().uuidString)").path
            try FileManager.default.copyItem(atPath: content.content, toPath: folder)
            copy = folder
            options.content = folder
        }
        defer { if let copy { try? FileManager.default.removeItem(atPath: copy) } }
        let writer = LinkFixWriter(content: options.content)
        var touched: Set<String> = [], count = 0
        for _ in 1...4 {
            let changes = writer.changes(LinkFixes.find(in: handbook))
            if changes.isEmpty { break }
            for change in changes {
                do { try writer.write(change) } catch {
                    Terminal.error("cannot write \(content.content)/\(change.path): \(error)")
                    throw ExitCode(2)
                }
                touched.insert(change.path)
                count += change.applied.count
                if !dryRun {
                    for applied in change.applied {
                        Terminal.note("\(applied.location): fixed \(Quoted.text(applied.old, limit: 120)) → \(Quoted.text(applied.new, limit: 120)): \(applied.reason)")
                    }
                }
            }
            (handbook, findings) = try SiteBuilder(options: options).check()
        }
        if count == 0 {
            Terminal.note("nothing to fix: no broken link has exactly one right answer")
            return try SiteBuilder(options: options).check()
        }
        if let copy {
            for path in touched.sorted() {
                let old = FileManager.default.contents(atPath: "\(content.content)/\(path)").map { [UInt8]($0) } ?? []
                let new = FileManager.default.contents(atPath: "\(copy)/\(path)").map { [UInt8]($0) } ?? []
                print(LinkFixWriter.diff(.init(path: path, old: old, new: new, applied: []), root: "\(content.content)/"), terminator: "")
            }
            Terminal.note("\(count) fix\(count == 1 ? "" : "es") in \(touched.count) file\(touched.count == 1 ? "" : "s") (dry run: nothing written; "
                          + "run 'handbook check --fix' to write them); \(DiagnosticFormatter.summary(findings)) would be left")
            Terminal.exit(findings.errorCount > 0 ? 1 : 0)
        }
        return (handbook, findings)
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
