import HandbookModel

/// One commit that changed a page's file.
public struct Revision: Sendable, Hashable {
    public var commit: String
    /// Author date, `YYYY-MM-DD` in the author's time zone.
    public var date: Day
    /// The full ISO 8601 author date, for feeds.
    public var timestamp: String
    public var author: String
    public var email: String
    public var subject: String
    /// The commit has the trailer `Handbook-Change: editorial` (a typo fix): it does not move "last changed".
    public var isEditorial: Bool
    /// The file's path in the repository in this commit: it differs before a rename.
    public var path: String
    /// The file's blob (object name) after this commit: `git cat-file` reads it without walking trees.
    public var blob: String
    /// The commit's `Handbook-Note` trailers: the note readers see instead of the subject ("" for the
    /// plain trailer, a language code for `Handbook-Note-LANG`).
    public var notes: [String: String]
    /// The commit's place in git's log, 0 for the newest: the order commits landed in, whatever their
    /// author dates say (a rebased change keeps its old author date).
    public var sequence: Int = 0

    public init(commit: String, date: Day, timestamp: String, author: String, email: String, subject: String, isEditorial: Bool, path: String,
                blob: String = "", notes: [String: String] = [:]) {
        self.commit = commit; self.date = date; self.timestamp = timestamp; self.author = author; self.email = email
        self.subject = subject; self.isEditorial = isEditorial; self.path = path; self.blob = blob; self.notes = notes
    }

    /// What readers are told of the change: the note in their language, else the plain note, else the subject.
    public func note(in language: String) -> String {
        notes[language] ?? notes[""] ?? subject
    }

    public var shortCommit: String { String(commit.prefix(7)) }
}

/// What git knows of the whole handbook.
public struct HandbookHistory: Sendable {
    public enum State: Sendable, Equatable {
        /// The content folder is in a git repository with its full history.
        case complete
        /// A shallow clone: the oldest revisions are missing.
        case shallow
        /// Not in a git repository (or git is missing): no history at all.
        case unavailable(String)
    }

    public var state: State
    /// Revisions per current content-relative path, newest first.
    public var revisions: [String: [Revision]]
    /// Paths with uncommitted changes (modified or new).
    public var uncommitted: Set<String>
    /// The content folder's path in the repository (`content/`), empty at its root.
    public var prefix: String

    public init(state: State, revisions: [String: [Revision]] = [:], uncommitted: Set<String> = [], prefix: String = "") {
        self.state = state
        self.revisions = revisions
        self.uncommitted = uncommitted
        self.prefix = prefix
    }

    /// A repository path as the author knows it: relative to the content folder when it is inside it.
    public func contentPath(_ path: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    public static let unavailable = HandbookHistory(state: .unavailable("not a git repository"))

    /// The revision that made the page's current version: the newest that is not editorial (the first
    /// commit when every one is).
    public func lastSubstantive(_ path: String) -> Revision? {
        guard let revisions = revisions[path] else { return nil }
        return revisions.first { !$0.isEditorial } ?? revisions.last
    }
}
