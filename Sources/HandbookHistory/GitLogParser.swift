import HandbookModel

/// Parses one `git log --raw -M` pass into revisions per current path, following renames.
///
/// Records are separated by U+001E and fields by U+001F (see `GitLog.format`); after the fields come
/// `--raw --no-abbrev` lines: `:OLDMODE NEWMODE OLDBLOB NEWBLOB STATUS\tpath`, and `…R100\told\tnew` for a
/// rename. The new blob names the file's version, so old versions are read without walking trees.
/// (Plain name-status lines, `M\tpath`, are read too, with no blob.)
///
/// Two passes: the commits are decoded on every core (`commits`), then one walk back in time maps them
/// to the pages' current paths (`revisions`).
enum GitLogParser {
    /// One file a commit changed.
    struct Change: Sendable {
        var status: Character
        /// The path after the commit (the new name of a rename).
        var path: String
        /// The old name of a rename.
        var renamedFrom: String?
        var blob: String
    }

    /// One commit, decoded.
    struct Commit: Sendable {
        var hash: String
        var date: Day
        var timestamp: String
        var author: String
        var email: String
        var subject: String
        var isEditorial: Bool
        /// `Handbook-Note` trailers: "" for the plain one, a language code for `Handbook-Note-LANG`.
        var notes: [String: String]
        var changes: [Change]
    }

    static func parse(_ output: [UInt8], currentPaths: Set<String>) -> [String: [Revision]] {
        revisions(commits(output), currentPaths: currentPaths)
    }

    /// The commits in the log's order (newest first); records that are not whole are skipped.
    static func commits(_ output: [UInt8]) -> [Commit] {
        records(output).parallelMap(commit).compactMap { $0 }
    }

    /// The log's records, each without its leading U+001E. A record starts at U+001E followed by a commit hash (up
    /// to 64 letters and digits) and U+001F: the same byte inside a commit's subject or trailers does not split it.
    static func records(_ output: [UInt8]) -> [ArraySlice<UInt8>] {
        var starts: [Int] = []
        for index in output.indices where output[index] == 0x1E && isRecordStart(output, at: index) { starts.append(index) }
        return starts.indices.map { i in output[(starts[i] + 1)..<(i + 1 < starts.count ? starts[i + 1] : output.count)] }
    }

    static func isRecordStart(_ output: [UInt8], at index: Int) -> Bool {
        var end = index + 1
        while end < output.count, end - index <= 65, Self.isAlphanumeric(output[end]) { end += 1 }
        let length = end - index - 1
        return (1...64).contains(length) && end < output.count && output[end] == 0x1F
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func commit(_ record: ArraySlice<UInt8>) -> Commit? {
        let fields = record.split(separator: 0x1F, maxSplits: 7, omittingEmptySubsequences: false)
        guard fields.count >= 8 else { return nil }
        let text = fields.map { String(decoding: $0, as: UTF8.self) }
        let timestamp = text[3]
        guard let date = Day(String(timestamp.prefix(10))) else { return nil }
        let editorial = text[5].split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "editorial" }
        var notes: [String: String] = [:]
        for trailer in text[6].split(separator: "\u{1D}") {
            guard let colon = trailer.firstIndex(of: ":") else { continue }
            let key = trailer[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trailer[trailer.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { continue }
            if key == "handbook-note" { notes[""] = value } else if key.hasPrefix("handbook-note-") { notes[String(key.dropFirst("handbook-note-".count))] = value }
        }
        var changes: [Change] = []
        for line in text[7].split(separator: "\n") where !line.isEmpty {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { continue }
            let header = parts[0].split(separator: " ")
            let raw = parts[0].hasPrefix(":") && header.count >= 5
            guard let status = raw ? header[4].first : parts[0].first else { continue }
            let twoPaths = (status == "R" || status == "C") && parts.count >= 3
            changes.append(Change(status: status, path: twoPaths ? parts[2] : parts[1], renamedFrom: status == "R" && parts.count >= 3 ? parts[1] : nil,
                                  blob: raw ? String(header[3]) : ""))
        }
        return Commit(hash: text[0], date: date, timestamp: timestamp, author: text[1], email: text[2], subject: text[4],
                      isEditorial: editorial, notes: notes, changes: changes)
    }

    /// Walks back in time from the current paths, following renames.
    static func revisions(_ commits: [Commit], currentPaths: Set<String>) -> [String: [Revision]] {
        var result: [String: [Revision]] = [:]
        // For each path as named at the commit being read (walking back in time): the page's current path.
        var tracked: [String: String] = Dictionary(uniqueKeysWithValues: currentPaths.map { ($0, $0) })
        for (sequence, commit) in commits.enumerated() {
            var renames: [(old: String, new: String)] = []
            for change in commit.changes {
                guard let current = tracked[change.path] else { continue }
                var revision = Revision(commit: commit.hash, date: commit.date, timestamp: commit.timestamp, author: commit.author,
                                        email: commit.email, subject: commit.subject, isEditorial: commit.isEditorial,
                                        path: change.path, blob: change.blob, notes: commit.notes)
                revision.sequence = sequence
                result[current, default: []].append(revision)
                if let old = change.renamedFrom { renames.append((old, change.path)) }
                if change.status == "A" { tracked[change.path] = nil }
            }
            // Older commits know the file by its old name.
            for rename in renames {
                if let current = tracked[rename.new] {
                    tracked[rename.new] = nil
                    tracked[rename.old] = current
                }
            }
        }
        return result
    }
}
