import HandbookModel

/// A version of a page people can name: the date and short hash of a substantive change
/// (`2026-11-23-71fe0bc`). Editorial commits (`Handbook-Change: editorial`) do not make a version: the
/// text they leave belongs to the version before them. The same id is on the page, in `history.json`,
/// in print, in search results, in a self-check's storage and in an acknowledgement's receipt.
public struct PageVersion: Sendable, Hashable, CustomStringConvertible {
    /// The substantive revision that made the version.
    public var revision: Revision

    public init(_ revision: Revision) { self.revision = revision }

    public var id: String { "\(revision.date)-\(revision.shortCommit)" }
    public var date: Day { revision.date }
    public var short: String { revision.shortCommit }
    public var description: String { id }

    /// Whether `text` has the form of a version id (`YYYY-MM-DD-` and 7 to 40 lower-case hex digits).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 18, bytes.count <= 51, Day(String(decoding: bytes[0..<10], as: UTF8.self)) != nil, bytes[10] == UInt8(ascii: "-") else { return false }
        return bytes[11...].allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

extension HandbookHistory {
    /// A page's current version: its newest substantive revision (nil without history).
    public func version(_ path: String) -> PageVersion? {
        lastSubstantive(path).map(PageVersion.init)
    }

    /// For each revision (newest first), the version its text belongs to: the revision itself when it is
    /// substantive, else the nearest older substantive one; a history that starts with editorial commits
    /// counts its first commit as a version (a text always has one).
    public func versions(of revisions: [Revision]) -> [(revision: Revision, version: PageVersion)] {
        var result: [(Revision, PageVersion)] = []
        result.reserveCapacity(revisions.count)
        var current: PageVersion?
        for revision in revisions.reversed() {
            if !revision.isEditorial || current == nil { current = PageVersion(revision) }
            if let current { result.append((revision, current)) }
        }
        return result.reversed()
    }

    /// Every version of a page, newest first.
    public func allVersions(_ path: String) -> [PageVersion] {
        var seen = Set<String>()
        return versions(of: revisions[path] ?? []).compactMap { seen.insert($0.version.id).inserted ? $0.version : nil }
    }
}
