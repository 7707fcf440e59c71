import Foundation
import HandbookModel
import HandbookValidation

/// Applies `LinkFixes` to the files of a content folder: each link's destination replaced where it is written (in
/// its inline link, angle brackets or reference definition, at or after the link's line), nothing else touched;
/// each file written whole, atomically (a temporary file renamed over it).
struct LinkFixWriter {
    let content: String

    struct FileChange {
        var path: String
        var old: String
        var new: String
        var applied: [LinkFixes.Fix]
    }

    /// The new text of every file a fix touches; a fix whose destination cannot be found as written is left out.
    func changes(_ fixes: [LinkFixes.Fix]) -> [FileChange] {
        var result: [FileChange] = []
        for (path, group) in Dictionary(grouping: fixes, by: \.location.file).sorted(by: { $0.key < $1.key }) {
            guard let data = FileManager.default.contents(atPath: "\(content)/\(path)"), let text = String(data: data, encoding: .utf8) else { continue }
            let bytes = Array(text.utf8)
            let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
            var replacements: [(range: Range<Int>, new: [UInt8])] = [], applied: [LinkFixes.Fix] = []
            for fix in group {
                let start = lineStarts[min(fix.location.line - 1, lineStarts.count - 1)]
                guard let range = Self.destination(Array(fix.old.utf8), in: bytes, from: start, avoiding: replacements.map(\.range)) else { continue }
                replacements.append((range, Array(fix.new.utf8)))
                applied.append(fix)
            }
            guard !replacements.isEmpty else { continue }
            var out = bytes
            for replacement in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                out.replaceSubrange(replacement.range, with: replacement.new)
            }
            result.append(FileChange(path: path, old: text, new: String(decoding: out, as: UTF8.self), applied: applied))
        }
        return result
    }

    /// Where `destination` is written as a link's destination: after `(`, `<` or `]:` (and spaces), before `)`, `>`,
    /// a space, a quote or the end of the line.
    static func destination(_ needle: [UInt8], in text: [UInt8], from start: Int, avoiding taken: [Range<Int>]) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var index = start
        while index + needle.count <= text.count {
            defer { index += 1 }
            guard text[index] == needle[0], Array(text[index..<index + needle.count]) == needle else { continue }
            let range = index..<index + needle.count
            guard !taken.contains(where: { $0.overlaps(range) }) else { continue }
            var before = index - 1
            while before >= 0, text[before] == UInt8(ascii: " ") || text[before] == UInt8(ascii: "\t") { before -= 1 }
            let opens = before >= 0 && (text[before] == UInt8(ascii: "(") || text[before] == UInt8(ascii: "<")
                || (text[before] == UInt8(ascii: ":") && before > 0 && text[before - 1] == UInt8(ascii: "]")))
            let after = range.upperBound < text.count ? text[range.upperBound] : UInt8(ascii: "\n")
            let closes = Array(")> \t\"'\n\r".utf8).contains(after)
            if opens && closes { return range }
        }
        return nil
    }

    func write(_ change: FileChange) throws {
        try Data(change.new.utf8).write(to: URL(fileURLWithPath: "\(content)/\(change.path)"), options: .atomic)
    }

    /// The change as a unified diff of whole lines (fixes never add or remove a line).
    static func diff(_ change: FileChange, root: String) -> String {
        let old = change.old.split(separator: "\n", omittingEmptySubsequences: false)
        let new = change.new.split(separator: "\n", omittingEmptySubsequences: false)
        var out = "--- \(root)\(change.path)\n+++ \(root)\(change.path)\n"
        for index in old.indices where index < new.count && old[index] != new[index] {
            out += "@@ -\(index + 1) +\(index + 1) @@\n-\(old[index])\n+\(new[index])\n"
        }
        return out
    }
}
