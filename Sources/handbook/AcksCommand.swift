import ArgumentParser
import HandbookModel
import HandbookSite

/// `handbook acks`: the acknowledgement ledger.
struct AcksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acks",
        abstract: "Work with the acknowledgement ledger (acknowledgements/POLICY.yml).",
        subcommands: [AcksImportCommand.self]
    )
}

struct AcksImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read acknowledgement receipts from .eml, .mbox and CSV files into the ledger, for review and commit.",
        discussion: "A receipt whose policy, language or version does not exist, or whose checksum does not match, is reported and not written. Exit 1 when any was refused."
    )

    @OptionGroup var content: ContentOptions

    @Argument(help: "Saved mail (.eml, .mbox) or a form tool's CSV export.")
    var files: [String]

    func run() throws {
        let options = BuildOptions(content: content.content, output: "", strict: content.strict, today: try Today.value())
        let report: AcknowledgementImport.Report
        do { report = try AcknowledgementImport(options: options).run(files: files) } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        for outcome in report.outcomes {
            let word = switch outcome.kind {
            case .imported: "imported"
            case .duplicate: "skipped"
            case .refused: "refused"
            }
            let line = outcome.location.line > 0 ? ":\(outcome.location.line)" : ""
            print("\(outcome.location.file)\(line): \(word): \(outcome.message)")
        }
        let files = report.written.isEmpty ? "nothing written" : "written: \(report.written.joined(separator: ", ")) (review and commit)"
        print("\(report.imported) imported, \(report.outcomes.count { $0.kind == .duplicate }) already in the ledger, \(report.refused) refused; \(files)")
        if report.refused > 0 { throw ExitCode(1) }
    }
}
