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

    /// - Parameters:
    ///   - content: the content folder.
    ///   - paths: the current content-relative paths of the pages.
    public func read(content: String, paths: Set<String>) -> HandbookHistory {
        let probe: [String]
        do {
            let output = try runner.run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"], in: content, input: nil)
            probe = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        } catch {
            return HandbookHistory(state: .unavailable("\(content) is not in a git repository"))
        }
        guard probe.first == "true" else { return HandbookHistory(state: .unavailable("\(content) is not in a git work tree")) }
        let state: HandbookHistory.State = probe.count > 1 && probe[1] == "true" ? .shallow : .complete
        do {
            let log = try runner.run(["-c", "core.quotePath=false", "log", "--relative", "-M", "--name-status", "--no-color",
                                      "--format=\(GitLog.format)", "--", "."], in: content, input: nil)
            let revisions = GitLogParser.parse(Array(log), currentPaths: paths)
            let status = (try? runner.run(["-c", "core.quotePath=false", "status", "--porcelain", "--no-renames", "--untracked-files=all", "--relative", "--", "."], in: content, input: nil)) ?? Data()
            return HandbookHistory(state: state, revisions: revisions, uncommitted: GitLog.changedPaths(status))
        } catch {
            // A repository with no commits yet has no history to show.
            return HandbookHistory(state: .unavailable("git has no history for \(content) yet: \(error)"))
        }
    }

    /// Paths from `git status --porcelain` (relative to the content folder thanks to `--relative`).
    static func changedPaths(_ output: Data) -> Set<String> {
        var paths = Set<String>()
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") where line.count > 3 {
            paths.insert(String(line.dropFirst(3)))
        }
        return paths
    }
}
