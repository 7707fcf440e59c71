import HandbookModel

/// Parses one `git log --raw -M` pass into revisions per current path, following renames.
///
/// Records are separated by U+001E and fields by U+001F (see `GitLog.format`); after the fields come
/// `--raw --no-abbrev` lines: `:OLDMODE NEWMODE OLDBLOB NEWBLOB STATUS\tpath`, and `…R100\told\tnew` for a
/// rename. The new blob names the file's version, so old versions are read without walking trees.
/// (Plain name-status lines, `M\tpath`, are read too, with no blob.)
enum GitLogParser {
    static func parse(_ output: [UInt8], currentPaths: Set<String>) -> [String: [Revision]] {
        var result: [String: [Revision]] = [:]
        // For each path as named at the commit being read (walking back in time): the page's current path.
        var tracked: [String: String] = Dictionary(uniqueKeysWithValues: currentPaths.map { ($0, $0) })
        for record in output.split(separator: 0x1E) {
            let fields = record.split(separator: 0x1F, maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count >= 7 else { continue }
            let text = fields.map { String(decoding: $0, as: UTF8.self) }
            let timestamp = text[3]
            guard let date = Day(String(timestamp.prefix(10))) else { continue }
            let editorial = text[5].split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "editorial" }
            var renames: [(old: String, new: String)] = []
            for line in text[6].split(separator: "\n") where !line.isEmpty {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2 else { continue }
                let header = parts[0].split(separator: " ")
                let raw = parts[0].hasPrefix(":") && header.count >= 5
                guard let status = raw ? header[4].first : parts[0].first else { continue }
                let path = status == "R" || status == "C" ? (parts.count >= 3 ? parts[2] : parts[1]) : parts[1]
                guard let current = tracked[path] else { continue }
                let revision = Revision(commit: text[0], date: date, timestamp: timestamp, author: text[1], email: text[2],
                                        subject: text[4], isEditorial: editorial, path: path, blob: raw ? String(header[3]) : "")
                result[current, default: []].append(revision)
                if status == "R", parts.count >= 3 { renames.append((parts[1], parts[2])) }
                if status == "A" { tracked[path] = nil }
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
