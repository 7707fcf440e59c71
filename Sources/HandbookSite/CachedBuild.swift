import Foundation
import HandbookHistory
import HandbookModel
import HandbookOutput

/// A build into the output folder: with the build cache, the previous index and the input changes
/// since the last build give the plan, a staging folder receives only the files whose contents changed,
/// links to the unchanged ones make it whole, and it replaces the output at once; without it, the plan is
/// everything and the staging folder receives every file.
struct CachedBuild {
    let builder: SiteBuilder
    let publisher: AtomicPublisher
    private var options: BuildOptions { builder.options }

    /// A file the cache knows is missing from the output.
    struct StaleOutput: Error { var path: String }

    func run() throws -> BuildReport {
        let started = Date()
        // git reads the whole history while the pages load and are checked. Without a cache to answer, the
        // build is a whole one: git starts at once, beside the look at the input files.
        let git = GitReading()
        let cache = options.cache ? BuildCache(output: publisher.output) : nil
        let saved = cache.flatMap { IncrementalPlan.intactState(of: $0, output: publisher.output) }
        if saved == nil { git.start(options, known: nil) }
        let inputs = cache.map { IncrementalPlan(options: options, output: publisher.output, cache: $0, state: saved) }
        if let inputs, inputs.upToDate, let state = inputs.state {
            builder.progress.step(.publish, "nothing changed since the last build")
            return BuildReport(diagnostics: state.diagnostics, pagesWritten: 0, filesWritten: 0, seconds: Date().timeIntervalSince(started),
                               published: true, notes: state.notes, incremental: .upToDate)
        }
        if saved != nil { git.start(options, known: inputs?.knownGitLog) }
        let (handbook, contentFindings) = try builder.checkContent()
        let raw = git.wait()
        let log = builder.log(of: handbook, git: raw)
        let findings = builder.withHistoryFindings(contentFindings, handbook: handbook, log: log)
        guard findings.errorCount == 0 else {
            return BuildReport(diagnostics: findings, pagesWritten: 0, filesWritten: 0, seconds: Date().timeIntervalSince(started), published: false)
        }
        let staging = try publishing { try publisher.makeStaging() }
        do {
            let previousIndex = inputs?.previousIndex
            let state = try builder.state(of: handbook, git: raw, log: log, signatures: inputs.map { Self.unchangedSignatures($0, previousIndex) } ?? [:])
            // New commits are decided by the commit git read, not the one seen when the inputs were looked at: a commit
            // made in between is in this build's history, so its pages must be in this plan.
            var changes = inputs?.changes ?? []
            if let inputs, inputs.gitHead != nil, let head = raw?.head, inputs.state?.gitHead != head, !changes.contains(.history) {
                changes.append(.history)
            }
            let plan = Planner.plan(previous: previousIndex, next: state.index, changes: changes)
            let sink = ChangedFilesSink(root: staging, previous: inputs?.previousOutputs ?? [:])
            let written = try builder.execute(plan, on: state, git: raw, to: sink)
            var diff = OutputDiff(inputs?.previousOutputs ?? [:])
            diff.apply(produced: sink.produced, removed: plan.removed, replaced: written.replaced, whole: plan.isEverything)
            let removed = diff.changed.filter { diff.files[$0] == nil }
            let previous = inputs?.previousOutputs ?? [:]
            builder.progress.step(.publish, previous.isEmpty ? options.output : "\(sink.changed.count) files changed, \(removed.count) removed → \(options.output)")
            try publishing {
                inputs?.cache.invalidate()
                if !previous.isEmpty {
                    // The staging folder becomes the whole site (links to the unchanged files) and replaces the output at once.
                    do {
                        try publisher.linkUnchanged(diff.files.keys.filter { !sink.changed.contains($0) }.sorted(), into: staging)
                    } catch AtomicPublisher.PublishError.missing(let path) {
                        throw StaleOutput(path: path)
                    }
                }
                try publisher.publish(staging: staging)
            }
            var notes = builder.notes(for: state.render.history) + SiteBuilder.notes(for: handbook)
            if let inputs, let note = save(inputs, state: state, outputs: diff.files, findings: findings, notes: notes, git: raw) { notes.append(note) }
            let edited = inputs?.changes.count(where: \.isPage) ?? 0
            return BuildReport(diagnostics: findings, pagesWritten: written.pages, filesWritten: previous.isEmpty ? written.paths.count : sink.changed.count + removed.count,
                               seconds: Date().timeIntervalSince(started), published: true, notes: notes,
                               incremental: previous.isEmpty ? nil : plan.isEverything ? .everything : .pages(edited), plan: plan)
        } catch let stale as StaleOutput {
            // A file the cache expected in the output is gone (edited by hand, deleted): the output is not
            // what the cache says, so the cache is dropped and the site built whole.
            publisher.discard(staging: staging)
            inputs?.cache.invalidate()
            var report = try builder.build()
            report.notes.append("\(stale.path) was missing from the output; the site was built whole")
            return report
        } catch {
            publisher.discard(staging: staging)
            throw error
        }
    }

    /// The last build's listing signatures of the pages whose files did not change: a signature depends on
    /// the file and the settings alone (the same key: the same tool and options), so it is not made again.
    static func unchangedSignatures(_ inputs: IncrementalPlan, _ previous: SiteIndex?) -> [String: UInt64] {
        guard let previous, !inputs.changes.contains(.settings) else { return [:] }
        let changed = Set(inputs.changes.compactMap(\.pagePath))
        var signatures: [String: UInt64] = [:]
        for (path, entry) in previous.pages where !changed.contains(path) { signatures[path] = entry.signature }
        return signatures
    }

    /// Saves the cache for the next build. A cache that cannot be saved only makes the next build a clean
    /// one: the returned note tells the user.
    private func save(_ inputs: IncrementalPlan, state: SiteState, outputs: [String: UInt64], findings: [Diagnostic], notes: [String],
                      git raw: GitLog.Raw?) -> String? {
        let identity = BuildCache.identity(of: publisher.output.path)
        let saved = BuildCache.State(key: inputs.key, outputDevice: identity?.device ?? 0, outputInode: identity?.inode ?? 0,
                                     pages: outputs.keys.count { $0.hasSuffix(".html") }, files: outputs.count, diagnostics: findings, notes: notes,
                                     marker: BuildCache.markerStamp(ofOutput: publisher.output.path) ?? "", gitHead: inputs.gitHead == nil ? nil : raw?.head)
        let gitLog = raw.flatMap { raw in raw.head.map { ($0, raw.log) } }
        do {
            try inputs.cache.save(state: saved, inputs: inputs.snapshot.stampsToSave(now: InputSnapshot.now()), outputs: outputs, index: state.index, gitLog: gitLog)
            return nil
        } catch {
            return "the build cache could not be saved (\(error)); the site is published, and the next build will be a full one"
        }
    }

    /// Runs a step of publishing, its failures as build errors.
    private func publishing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AtomicPublisher.PublishError { throw BuildError.publish(error) } catch let error as WriteError {
            throw BuildError.write(error)
        }
    }
}
