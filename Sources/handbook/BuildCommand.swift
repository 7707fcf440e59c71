import ArgumentParser
import Foundation
import HandbookModel
import HandbookSite
import HandbookValidation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the handbook and build the site into the output folder (atomically; nothing is published when there are errors)."
    )

    @OptionGroup var content: ContentOptions

    @Option(name: .long, help: "A theme folder whose files override the built-in theme.")
    var theme: String = "theme"

    @Option(name: .long, help: "The output folder; it is replaced only when the build succeeds.")
    var output: String = "Public"

    @Option(name: .customLong("base-url"), help: "The path prefix the site is served under (overrides handbook.yml).")
    var baseURL: String?

    @Flag(name: .long, help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Print no progress lines.")
    var quiet = false

    @Flag(name: .long, help: "Say when each step started (seconds since the build began).")
    var timings = false

    @Flag(name: .customLong("no-history"), help: "Do not read the git history (no history pages, changes page or feeds).")
    var noHistory = false

    @Flag(name: .customLong("no-cache"), help: "Build everything from scratch, without reading or writing the build cache (.handbook-cache/ beside the output).")
    var noCache = false

    func run() throws {
        let options = BuildOptions(content: content.content, theme: FileManager.default.fileExists(atPath: theme) ? theme : nil,
                                   output: output, baseURL: baseURL, includeDrafts: drafts, strict: content.strict, today: try Today.value(),
                                   history: !noHistory, cache: !noCache)
        let builder = SiteBuilder(options: options, progress: quiet ? SilentProgress() : StepPrinter(timings: timings))
        let report: BuildReport
        do {
            report = try builder.build()
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(2)
        }
        if !report.diagnostics.isEmpty {
            let formatter = DiagnosticFormatter(format: .text, colors: Terminal.colorsWanted)
            Terminal.standardError("findings in \(content.content)/:\n" + formatter.format(report.diagnostics))
        }
        for note in report.notes { Terminal.note("warning: \(note)") }
        guard report.published else {
            Terminal.error("the build stopped: \(DiagnosticFormatter.summary(report.diagnostics)); \(output) was left as it was")
            throw ExitCode(1)
        }
        let seconds = String(format: "%.2f", report.seconds)
        switch report.incremental {
        case nil:
            print("built \(report.pagesWritten) pages (\(report.filesWritten) files) in \(seconds) s → \(output)")
        case .upToDate:
            print("nothing changed since the last build; \(output) is up to date (\(seconds) s)")
        case .pages(0):
            print("rebuilt \(report.pagesWritten) pages (what the new commits or files touched); \(report.filesWritten) files changed in \(seconds) s → \(output)")
        case .pages(let count):
            print("rebuilt \(count) edited page\(count == 1 ? "" : "s") and the search index; \(report.filesWritten) files changed in \(seconds) s → \(output)")
        case .everything:
            print("rebuilt \(report.pagesWritten) pages; \(report.filesWritten) files changed in \(seconds) s → \(output)")
        }
    }
}
