import Foundation
import HandbookContent
import HandbookModel
import HandbookValidation

/// Applies `LinkFixes` to the files of a content folder: each link's destination replaced where it is written (in
/// its inline link, angle brackets or reference definition), nothing else touched. A replacement is kept only when
/// rendering the file again shows exactly that: the same page with one link's destination changed (so text in code
/// spans and code blocks, or a link that would stop being one, is never rewritten). Bytes are kept as they are (a
/// byte-order mark, CRLF); each file is written whole and atomically, with its mode, through its symbolic link.
struct LinkFixWriter {
    let content: String

    struct FileChange {
        var path: String
        var old: [UInt8]
        var new: [UInt8]
        var applied: [LinkFixes.Fix]
    }

    /// The new bytes of every file a fix touches; a fix whose destination cannot be found and verified is left out.
    func changes(_ fixes: [LinkFixes.Fix]) -> [FileChange] {
        var result: [FileChange] = [], seen: Set<String> = []
        for (path, group) in Dictionary(grouping: fixes, by: \.location.file).sorted(by: { $0.key < $1.key }) {
            // A page and a symbolic link to it are one file: it is changed once.
            let target = URL(fileURLWithPath: "\(content)/\(path)").resolvingSymlinksInPath().path
            guard seen.insert(target).inserted, let data = FileManager.default.contents(atPath: target) else { continue }
            let original = [UInt8](data)
            var bytes = original, applied: [LinkFixes.Fix] = []
            for fix in group {
                guard let replaced = Self.replace(fix, in: bytes) else { continue }
                bytes = replaced
                applied.append(fix)
            }
            if !applied.isEmpty { result.append(FileChange(path: path, old: original, new: bytes, applied: applied)) }
        }
        return result
    }

    /// The file with the fix's link changed: the first place at or after the link's line (then from the top, for a
    /// reference defined above its use) where the destination is written as one and rendering agrees.
    static func replace(_ fix: LinkFixes.Fix, in bytes: [UInt8]) -> [UInt8]? {
        let needle = Array(fix.old.utf8), replacement = Array(fix.new.utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        let start = lineStarts[min(max(fix.location.line - 1, 0), lineStarts.count - 1)]
        let before = rendering(bytes, path: fix.location.file)
        for from in [start, 0] {
            var index = from
            while let range = destination(needle, in: bytes, from: index) {
                var candidate = bytes
                candidate.replaceSubrange(range, with: replacement)
                if agrees(before, rendering(candidate, path: fix.location.file), old: fix.old, new: fix.new) { return candidate }
                index = range.lowerBound + 1
            }
        }
        return nil
    }

    static func rendering(_ bytes: [UInt8], path: String) -> RenderedBody {
        MarkdownRenderer().render(Substring(String(decoding: bytes, as: UTF8.self)), path: path, lineOffset: 0, titleFromHeading: false)
    }

    /// The same page but for one link (or image) whose destination went from `old` to `new`.
    static func agrees(_ a: RenderedBody, _ b: RenderedBody, old: String, new: String) -> Bool {
        guard withoutAddresses(a.html) == withoutAddresses(b.html) else { return false }
        var before = (a.links + a.files).map(\.destination), after = (b.links + b.files).map(\.destination)
        guard let gone = before.firstIndex(of: old), let came = after.firstIndex(of: new) else { return false }
        before.remove(at: gone)
        after.remove(at: came)
        return before.sorted() == after.sorted()
    }

    /// The HTML with every `href` and `src` value left out.
    static func withoutAddresses(_ html: String) -> String {
        var out = "", rest = html[...]
        while true {
            let found = ["href=\"", "src=\""].compactMap { rest.firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            guard let attribute = found, let close = rest[attribute.upperBound...].firstIndex(of: "\"") else { break }
            out += rest[..<attribute.upperBound]
            rest = rest[close...]
        }
        return out + rest
    }

    /// Where `destination` is written as a link's destination: after `(`, `<` or `]:` (and spaces), before `)`, `>`,
    /// a space, a quote or the end of the line.
    static func destination(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= text.count else { return nil }
        var index = start
        while index + needle.count <= text.count {
            defer { index += 1 }
            guard text[index] == needle[0], Array(text[index..<index + needle.count]) == needle else { continue }
            let range = index..<index + needle.count
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

    enum WriteProblem: Error, CustomStringConvertible {
        case outside(String)
        var description: String {
            switch self { case .outside(let path): "\(path) leads outside the content folder; it was not changed" }
        }
    }

    /// Writes the file through its symbolic link (inside the content folder), keeping its mode.
    func write(_ change: FileChange) throws {
        let root = URL(fileURLWithPath: content).resolvingSymlinksInPath().path
        let target = URL(fileURLWithPath: "\(content)/\(change.path)").resolvingSymlinksInPath().path
        guard target.hasPrefix(root + "/") else { throw WriteProblem.outside(change.path) }
        let mode = (try? FileManager.default.attributesOfItem(atPath: target)[.posixPermissions]) as? NSNumber
        try Data(change.new).write(to: URL(fileURLWithPath: target), options: .atomic)
        if let mode { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: target) }
    }

    /// The change as a unified diff of whole lines (fixes never add or remove a line).
    static func diff(_ change: FileChange, root: String) -> String {
        let old = String(decoding: change.old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: change.new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var out = "--- \(root)\(change.path)\n+++ \(root)\(change.path)\n"
        for index in old.indices where index < new.count && old[index] != new[index] {
            out += "@@ -\(index + 1) +\(index + 1) @@\n-\(old[index])\n+\(new[index])\n"
        }
        return out
    }
}
