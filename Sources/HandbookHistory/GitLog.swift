import Foundation
import HandbookModel

/// Reads the history of a whole content folder with one `git log` pass (and two tiny queries).
public struct GitLog: Sendable {
    public let runner: GitRunner
    /// How many `git log` processes may read a long history side by side (see `log(content:head:)`).
    public let parts: Int
    /// The fewest commits worth a process of their own.
    public let commitsPerPart: Int

    public init(runner: GitRunner = ProcessGitRunner(), parts: Int = min(4, ProcessInfo.processInfo.activeProcessorCount),
                commitsPerPart: Int = 100) {
        self.runner = runner
        self.parts = max(1, parts)
        self.commitsPerPart = max(1, commitsPerPart)
    }

    /// hash, author name, author email, author date, subject, Handbook-Change trailer values, every trailer
    /// (`Key: value`, separated by U+001D, for `Handbook-Note`); then the `--raw` lines.
    static let format = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%(trailers:key=Handbook-Change,valueonly,separator=%x2C)%x1f%(trailers:only,unfold,separator=%x1d)%x1f"

    /// What git said, before it is mapped to pages: reading it can start before the pages are loaded.
    public struct Raw: Sendable {
        var state: HandbookHistory.State
        /// The content folder's path in the repository (`content/`), or empty at its root.
        var prefix: String = ""
        /// The commit the log starts from (nil without history).
        public internal(set) var head: String?
        /// What `git log` printed: a build cache keeps it, keyed by `head`.
        public internal(set) var log: [UInt8]
        var status: Data
    }

    /// Where the repository stands, in one line: `complete COMMIT`, `shallow COMMIT BOUNDARY` (a hash of
    /// the shallow clone's boundary, which a deeper fetch moves) or `unavailable`. The same line means
    /// the same `git log` (a build cache compares it).
    public func identity(content: String) -> String {
        guard let probe = probe(content), probe.inWorkTree, let head = probe.head else { return "unavailable" }
        guard probe.shallow else { return "complete \(head)" }
        let path = (try? runner.run(["rev-parse", "--git-path", "shallow"], in: content, input: nil))
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let full = path.hasPrefix("/") ? path : "\(content)/\(path)"
        let boundary = FileManager.default.contents(atPath: full).map { ContentHash.of([UInt8]($0)) } ?? 0
        return "shallow \(head) \(String(boundary, radix: 16))"
    }

    private struct Probe {
        var inWorkTree: Bool
        var shallow: Bool
        var prefix: String
        var head: String?
    }

    /// `git rev-parse`: inside a work tree? shallow? the folder's path in the repository, and HEAD (when there is a commit).
    private func probe(_ content: String) -> Probe? {
        let questions = ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix"]
        for asked in [questions + ["HEAD"], questions] {
            guard let output = try? runner.run(asked, in: content, input: nil) else { continue }
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let head = asked.count > questions.count && lines.count > 3 && lines[3].count >= 40 ? lines[3] : nil
            return Probe(inWorkTree: lines.first == "true", shallow: lines.count > 1 && lines[1] == "true",
                         prefix: lines.count > 2 ? lines[2] : "", head: head)
        }
        return nil
    }

    /// Runs the git queries (one `git log` pass for the whole folder, and `git status`).
    /// - Parameter known: a log read before and the commit it started from; it is used again when HEAD is still there.
    public func readRaw(content: String, known: (head: String, log: [UInt8])? = nil) -> Raw {
        guard let probe = probe(content) else {
            return Raw(state: .unavailable("\(content) is not in a git repository"), log: [], status: Data())
        }
        guard probe.inWorkTree else { return Raw(state: .unavailable("\(content) is not in a git work tree"), log: [], status: Data()) }
        let state: HandbookHistory.State = probe.shallow ? .shallow : .complete
        do {
            // The whole repository's log: a pathspec would make git filter every tree diff, which costs it twice
            // as much; paths outside the content folder are dropped while parsing.
            let prefix = probe.prefix
            guard let head = probe.head else { throw GitError(arguments: ["rev-parse", "HEAD"], status: 128, message: "no commits yet") }
            let log: [UInt8]
            // A shallow clone's log also depends on its boundary: it is always read again.
            if let known, known.head == head, !probe.shallow {
                log = known.log
            } else if let known, !probe.shallow, let newer = try? self.log(since: known, content: content, head: head) {
                log = newer
            } else {
                log = try self.log(content: content, head: head)
            }
            // `--short` (unlike `--porcelain`) gives paths relative to the current folder: the content folder.
            let status = (try? runner.run(["-c", "core.quotePath=false", "-c", "status.relativePaths=true", "status", "--short",
                                           "--no-renames", "--untracked-files=all", "--", "."], in: content, input: nil)) ?? Data()
            return Raw(state: state, prefix: prefix, head: head, log: log, status: status)
        } catch {
            // A repository with no commits yet has no history to show.
            return Raw(state: .unavailable("git has no history for \(content) yet"), prefix: probe.prefix, log: [], status: Data())
        }
    }

    /// The whole log. `git log` is one thread, and its tree diffs are most of what history costs a build: a
    /// long history is read in parts, one git process each, side by side. Each part is a window of the same
    /// walk (`--skip`, `--max-count`: git skips a commit without diffing it), so the parts put end to end are
    /// byte for byte the single pass's output, merges and all.
    func log(content: String, head: String) throws -> [UInt8] {
        let arguments = Self.arguments
        let windows = self.windows(content: content, head: head)
        guard windows.count > 1 else { return Array(try runner.run(arguments + [head, "--"], in: content, input: nil)) }
        let runner = self.runner
        let outputs = windows.parallelMap { window -> Result<Data, GitError> in
            do { return .success(try runner.run(arguments + window + [head, "--"], in: content, input: nil)) } catch let error as GitError {
                return .failure(error)
            } catch {
                return .failure(GitError(arguments: arguments + window, status: -1, message: "\(error)"))
            }
        }
        var log: [UInt8] = []
        for output in outputs { log += try output.get() }
        return log
    }

    /// Names the log's form (its arguments and format): a log kept in a build cache is used again only under the same.
    public static var formStamp: String { String(ContentHash.of(arguments.joined(separator: "\u{0}")), radix: 16) }

    static var arguments: [String] { ["-c", "core.quotePath=false", "log", "-M", "--raw", "--no-abbrev", "--no-color", "--format=\(GitLog.format)"] }

    /// The log read before with the commits made since put in front of it (`git log OLD..HEAD`): after a commit, git
    /// diffs one commit, not the whole history. Each commit's record depends on that commit alone, so the two put
    /// end to end are the whole log exactly when their commits, in order, are `git rev-list HEAD`'s; otherwise (a
    /// history rewritten, older commits merged that the walk puts between the known ones) nil, and the log is read whole.
    func log(since known: (head: String, log: [UInt8]), content: String, head: String) throws -> [UInt8]? {
        guard known.head.allSatisfy(\.isHexDigit), head.allSatisfy(\.isHexDigit) else { return nil }
        // Not an ancestor (a rebase, another branch): `OLD..HEAD` could be most of the history, read in one process.
        _ = try runner.run(["merge-base", "--is-ancestor", known.head, head], in: content, input: nil)
        let newer = Array(try runner.run(Self.arguments + ["\(known.head)..\(head)", "--"], in: content, input: nil))
        let combined = newer + known.log
        let order = try runner.run(["rev-list", head, "--"], in: content, input: nil)
        let expected = String(decoding: order, as: UTF8.self).split(separator: "\n").map(String.init)
        return Self.commits(in: combined) == expected ? combined : nil
    }

    /// The commit hashes of a log, in its order (`GitLogParser.records`).
    static func commits(in log: [UInt8]) -> [String] {
        GitLogParser.records(log).map { record in String(decoding: record.prefix { $0 != 0x1F }, as: UTF8.self) }
    }

    /// The parts of the walk from `head`: `--skip` and `--max-count` arguments, one list per part (one part
    /// for a short history).
    func windows(content: String, head: String) -> [[String]] {
        guard parts > 1, let output = try? runner.run(["rev-list", "--count", head, "--"], in: content, input: nil),
              let commits = Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else { return [[]] }
        let count = min(parts, commits / commitsPerPart)
        guard count > 1 else { return [[]] }
        return (0..<count).map { part in
            let start = part * commits / count, end = (part + 1) * commits / count
            return part == count - 1 ? ["--skip=\(start)"] : ["--skip=\(start)", "--max-count=\(end - start)"]
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
