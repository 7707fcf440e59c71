import Foundation
import HandbookModel

/// Reads the history of a whole content folder with one `git log` pass (and two tiny queries).
public struct GitLog: Sendable {
    public let runner: GitRunner

    public init(runner: GitRunner = ProcessGitRunner()) {
        self.runner = runner
    }

    /// hash, author name, author email, author date, subject, Handbook-Change trailer values; then name-status.
    static let format = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%(trailers:key=Handbook-Change,valueonly,separator=%x2C)%x1f"

    /// What git said, before it is mapped to pages: reading it can start before the pages are loaded.
    public struct Raw: Sendable {
        var state: HandbookHistory.State
        /// The content folder's path in the repository (`content/`), or empty at its root.
        var prefix: String = ""
        var log: [UInt8]
        var status: Data
    }

    /// Runs the git queries (one `git log` pass for the whole folder, and `git status`).
    public func readRaw(content: String) -> Raw {
        let probe: [String]
        do {
            let output = try runner.run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix"], in: content, input: nil)
            probe = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            return Raw(state: .unavailable("\(content) is not in a git repository"), log: [], status: Data())
        }
        guard probe.first == "true" else { return Raw(state: .unavailable("\(content) is not in a git work tree"), log: [], status: Data()) }
        let state: HandbookHistory.State = probe.count > 1 && probe[1] == "true" ? .shallow : .complete
        do {
            // The whole repository's log: a pathspec would make git filter every tree diff, which costs it twice
            // as much; paths outside the content folder are dropped while parsing.
            let prefix = probe.count > 2 ? probe[2] : ""
            let log = try runner.run(["-c", "core.quotePath=false", "log", "-M", "--name-status", "--no-color",
                                      "--format=\(GitLog.format)"], in: content, input: nil)
            // `--short` (unlike `--porcelain`) gives paths relative to the current folder: the content folder.
            let status = (try? runner.run(["-c", "core.quotePath=false", "-c", "status.relativePaths=true", "status", "--short",
                                           "--no-renames", "--untracked-files=all", "--", "."], in: content, input: nil)) ?? Data()
            return Raw(state: state, prefix: prefix, log: Array(log), status: status)
        } catch {
            // A repository with no commits yet has no history to show.
            return Raw(state: .unavailable("git has no history for \(content) yet"), log: [], status: Data())
        }
    }

    /// Maps what git said to the pages' current paths.
    public static func history(from raw: Raw, paths: Set<String>) -> HandbookHistory {
        if case .unavailable = raw.state { return HandbookHistory(state: raw.state) }
        let prefix = raw.prefix
        var revisions: [String: [Revision]] = [:]
        for (path, list) in GitLogParser.parse(raw.log, currentPaths: Set(paths.map { prefix + $0 })) {
            revisions[String(path.dropFirst(prefix.count))] = list
        }
        return HandbookHistory(state: raw.state, revisions: revisions, uncommitted: changedPaths(raw.status).intersection(paths), prefix: prefix)
    }

    /// - Parameters:
    ///   - content: the content folder.
    ///   - paths: the current content-relative paths of the pages.
    public func read(content: String, paths: Set<String>) -> HandbookHistory {
        GitLog.history(from: readRaw(content: content), paths: paths)
    }

    /// Paths from `git status --short` run in the content folder (relative to it).
    static func changedPaths(_ output: Data) -> Set<String> {
        var paths = Set<String>()
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") where line.count > 3 {
            paths.insert(String(line.dropFirst(3)))
        }
        return paths
    }
}
