import Foundation
import HandbookModel
import HandbookSite
import HandbookValidation
import HandbookLive

/// What the server answers from: the last good build, the findings of the content as it is now, and
/// a version that grows with every update.
struct SiteSnapshot: Sendable {
    var files: [String: [UInt8]] = [:]
    var findings: [Diagnostic] = []
    var version = 0
}

/// Keeps the live build up to date: the watcher's thread hands it one batch of changes at a time; each
/// update is published to the server's snapshot, told to the open pages, and reported in the terminal.
final class LiveSession: @unchecked Sendable {
    /// The stack of the threads this server starts (the watchers', whose reports rebuild and render pages,
    /// and the search worker's): the main thread's 8 MB. Foundation's threads get a much smaller stack, which
    /// rendering a page overflowed (templates recurse through sections and partials) without a guard page:
    /// the next thread's memory was overwritten (the preview server crashed in the search worker).
    static let threadStack = 8 << 20
    /// How long saves must have been quiet before the search index is brought up to date.
    static let searchQuiet = DispatchTimeInterval.milliseconds(200)
    static let searchLatest = DispatchTimeInterval.seconds(2)

    let events = LiveEvents()
    /// Tells pages that the server restarted (their build may be another one).
    let id = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private let live: LiveBuild
    private let snapshot = Locked(SiteSnapshot())
    /// Held while the live build changes: by the watcher's thread for an update, by the search worker to
    /// take its work and to install the result.
    private let building = Locked(())
    private let searchWanted = DispatchSemaphore(value: 0)
    private let log: @Sendable (String) -> Void
    private var printedFindings: [Diagnostic] = []

    private let timings: Bool

    init(options: BuildOptions, timings: Bool = false, log: @escaping @Sendable (String) -> Void) {
        live = LiveBuild(options: options)
        self.timings = timings
        self.log = log
    }

    var current: SiteSnapshot { snapshot.withLock { $0 } }

    var baseURL: String { live.baseURL }

    /// The first build, before the server listens.
    func start() -> LiveBuild.Update {
        let update = live.rebuildAll()
        snapshot.withLock { $0 = SiteSnapshot(files: live.files, findings: update.findings, version: 1) }
        for note in update.notes { log("warning: \(note)") }
        report(update, changes: [], milliseconds: nil)
        startSearchWorker()
        return update
    }

    /// Brings the build up to date after a batch of changes; then the search bundle follows.
    func handle(_ changes: [LiveChange]) {
        let started = DispatchTime.now()
        var shownAfter: Double?
        let (update, version) = building.withLock { _ -> (LiveBuild.Update, Int) in
            // The pages open in a browser first, told as soon as they are made; then the rest.
            let update = live.apply(changes, open: events.openPages) { first in
                let version = publishSnapshot(first)
                let milliseconds = Self.milliseconds(since: started)
                shownAfter = milliseconds
                events.send(LiveEvents.message("build", buildMessage(first, version: version, milliseconds: milliseconds)))
            }
            return (update, publishSnapshot(update))
        }
        let milliseconds = Self.milliseconds(since: started)
        events.send(LiveEvents.message("build", buildMessage(update, version: version, milliseconds: milliseconds)))
        report(update, changes: changes, milliseconds: milliseconds, shownAfter: shownAfter)
        searchWanted.signal()
    }

    /// The live build's files and the update's findings as the snapshot the server answers from; its new version.
    private func publishSnapshot(_ update: LiveBuild.Update) -> Int {
        snapshot.withLock { snapshot -> Int in
            snapshot.files = live.files
            snapshot.findings = update.findings
            snapshot.version += 1
            return snapshot.version
        }
    }

    private static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    /// Rebuilds the search bundles the updates made stale, on its own thread; while it indexes, pages
    /// go on being rebuilt, and one indexing round covers every save made meanwhile. It starts once saves
    /// have been quiet for `searchQuiet`: the open pages fetch and paint what a save changed first (on 2
    /// cores, indexing 10,000 pages beside them made a retitle show 50 to 80 ms later), and a burst of
    /// saves is indexed once; saves that never pause (an editor saving on every key) wait at most `searchLatest`.
    private func startSearchWorker() {
        let thread = Thread { [self] in
            while true {
                searchWanted.wait()
                let latest = DispatchTime.now() + LiveSession.searchLatest
                while DispatchTime.now() < latest, searchWanted.wait(timeout: min(.now() + LiveSession.searchQuiet, latest)) == .success {}
                guard let work = building.withLock({ _ in live.searchWork() }) else { continue }
                let started = DispatchTime.now()
                let result = work.run()
                let changed = building.withLock { _ -> Int in
                    let changed = live.install(result)
                    if !changed.isEmpty { snapshot.withLock { $0.files = live.files } }
                    return changed.count
                }
                let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                log("search index \(result.summary) in \(String(format: "%.0f ms", milliseconds)) (\(changed) files)")
            }
        }
        thread.name = "handbook-search"
        thread.stackSize = LiveSession.threadStack
        thread.start()
    }

    /// The first message of every event stream.
    func helloMessage() -> String {
        let now = current
        return LiveEvents.message("hello", "{\"session\": \(JSONText.quote(id)), \"version\": \(now.version), \"findings\": \(Self.findingsJSON(Self.shown(now.findings)))}")
    }

    static func findingsJSON(_ findings: [Diagnostic]) -> String {
        DiagnosticFormatter(format: .json).format(findings).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What pages are sent: every error and the first warnings (a big handbook may have thousands;
    /// `/_handbook/findings` and `handbook check` list them all).
    static func shown(_ findings: [Diagnostic], warnings: Int = 20) -> [Diagnostic] {
        findings.filter { $0.severity == .error } + findings.filter { $0.severity == .warning }.prefix(warnings)
    }

    /// Pages only: the search bundle and the sitemap are not pages anyone has open.
    private func buildMessage(_ update: LiveBuild.Update, version: Int, milliseconds: Double) -> String {
        let pages = update.changed.filter { !$0.hasPrefix("search/") && !$0.contains("/search/") || $0.hasSuffix(".html") }.sorted()
        let everything = update.everything || pages.count > 2_000
        let changed = everything ? "[]" : "[" + pages.map(JSONText.quote).joined(separator: ",") + "]"
        return "{\"version\": \(version), \"published\": \(update.published), \"everything\": \(everything), "
            + "\"stylesheets\": \(update.stylesheetsOnly), \"milliseconds\": \(Int(milliseconds.rounded())), "
            + "\"changed\": \(changed), \"findings\": \(Self.findingsJSON(Self.shown(update.findings)))}"
    }

    /// One line per update; the findings when there are errors, or when the warnings changed.
    private func report(_ update: LiveBuild.Update, changes: [LiveChange], milliseconds: Double?, shownAfter: Double? = nil) {
        let findings = update.findings
        if findings.errorCount > 0 || findings != printedFindings {
            // Errors in full; warnings in full only when they are few.
            let warnings = findings.warningCount
            let listed = warnings > 10 ? findings.filter { $0.severity == .error } : findings
            if !listed.isEmpty { log(DiagnosticFormatter(format: .text).format(listed).trimmingCharacters(in: .newlines)) }
            if warnings > 10 { log("\(warnings) warnings: `handbook check` lists them") }
            printedFindings = findings
        }
        guard let milliseconds else { return }
        let what = changes.prefix(3).map(\.path).joined(separator: ", ") + (changes.count > 3 ? ", … (\(changes.count) files)" : "")
        let time = String(format: "%.0f ms", milliseconds)
        if update.published {
            let pages = update.changed.union(update.changedFirst).count { $0.hasSuffix(".html") }
            let steps = timings ? " (" + update.steps.map { "\($0.step) \(String(format: "%.0f", $0.milliseconds))" }.joined(separator: ", ") + " ms)" : ""
            let shown = shownAfter.map { String(format: "; the open pages first, in %.0f ms", $0) } ?? ""
            log("\(what): \(update.everything ? "every page" : "\(pages) page\(pages == 1 ? "" : "s")") rebuilt in \(time)\(steps)\(shown)")
        } else if findings.errorCount > 0 {
            log("\(what): \(DiagnosticFormatter.summary(findings)); still serving the last good build")
        } else {
            log("\(what): nothing to rebuild")
        }
    }
}
