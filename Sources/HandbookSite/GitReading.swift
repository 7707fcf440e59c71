import Foundation
import HandbookHistory

/// The answer of a git reading started in the background: `git log` runs while the pages load and are checked.
final class GitReading: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var raw: GitLog.Raw?

    /// Starts `git log` (and `git status`) in the background, when the build shows history.
    func start(_ options: BuildOptions, known: (head: String, log: [UInt8])?) {
        guard options.history else { return }
        let content = options.content, git = options.git
        DispatchQueue.global().async(group: group) { [self] in
            let value = GitLog(runner: git).readRaw(content: content, known: known)
            lock.withLock { raw = value }
        }
    }

    /// Waits for the reading, if one was started.
    func wait() -> GitLog.Raw? {
        group.wait()
        return lock.withLock { raw }
    }
}
