import HandbookModel

/// A word-level diff of two texts: the common start and end are kept, and the middle is aligned word by word
/// (longest common subsequence) when it is small enough, or shown as replaced when it is not, so the cost is
/// bounded for any input.
public struct WordDiff: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case same(String)
        case inserted(String)
        case deleted(String)
    }

    public var parts: [Part]
    public var insertedWords: Int
    public var deletedWords: Int

    /// Largest middle (old words × new words) aligned exactly.
    static let alignmentLimit = 4_000_000

    public init(old: String, new: String) {
        var oldText = old, newText = new
        let a = oldText.withUTF8 { WordDiff.tokens(Array($0)) }, b = newText.withUTF8 { WordDiff.tokens(Array($0)) }
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [(UInt8, Token)] = a[..<prefix].map { (UInt8(ascii: "="), $0) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        if middleA.count * middleB.count <= WordDiff.alignmentLimit {
            ops += WordDiff.align(middleA, middleB)
        } else {
            ops += middleA.map { (UInt8(ascii: "-"), $0) } + middleB.map { (UInt8(ascii: "+"), $0) }
        }
        ops += a[(a.count - suffix)...].map { (UInt8(ascii: "="), $0) }
        var parts: [Part] = []
        var inserted = 0, deleted = 0
        var run: [UInt8] = []
        var runOp: UInt8 = 0
        func flush() {
            guard !run.isEmpty else { return }
            let text = String(decoding: run, as: UTF8.self)
            parts.append(runOp == UInt8(ascii: "=") ? .same(text) : runOp == UInt8(ascii: "+") ? .inserted(text) : .deleted(text))
            run.removeAll(keepingCapacity: true)
        }
        for (op, token) in ops {
            if op == UInt8(ascii: "+"), token.isWord { inserted += 1 }
            if op == UInt8(ascii: "-"), token.isWord { deleted += 1 }
            if op != runOp { flush(); runOp = op }
            run += token.bytes
        }
        flush()
        self.parts = parts
        insertedWords = inserted
        deletedWords = deleted
    }

    /// A word, or the white space between words, as UTF-8 bytes.
    struct Token: Equatable {
        var bytes: ArraySlice<UInt8>
        var isWord: Bool
        static func == (lhs: Token, rhs: Token) -> Bool { lhs.bytes == rhs.bytes }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 10 || byte == 9 || byte == 13 }

    /// Words and the white space between them, so joining the tokens gives the text back.
    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var start = 0
        while start < bytes.count {
            let space = isSpace(bytes[start])
            var end = start + 1
            while end < bytes.count, isSpace(bytes[end]) == space { end += 1 }
            tokens.append(Token(bytes: bytes[start..<end], isWord: !space))
            start = end
        }
        return tokens
    }

    /// Longest-common-subsequence alignment of two token lists.
    static func align(_ a: [Token], _ b: [Token]) -> [(UInt8, Token)] {
        let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), same = UInt8(ascii: "=")
        if a.isEmpty { return b.map { (plus, $0) } }
        if b.isEmpty { return a.map { (minus, $0) } }
        let columns = b.count + 1
        var lengths = [UInt32](repeating: 0, count: (a.count + 1) * columns)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] = a[i] == b[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var ops: [(UInt8, Token)] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                ops.append((same, a[i])); i += 1; j += 1
            } else if lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1] {
                ops.append((minus, a[i])); i += 1
            } else {
                ops.append((plus, b[j])); j += 1
            }
        }
        ops += a[i...].map { (minus, $0) } + b[j...].map { (plus, $0) }
        return ops
    }

    /// Lines of unchanged text kept on each side of a change.
    static let contextLines = 2

    /// Unchanged text shortened to the lines next to the changes, with `⋯` where lines were left out.
    static func context(_ text: String, first: Bool, last: Bool) -> String {
        if first && last { return text }
        let utf8 = text.utf8
        // Line ends, found in UTF-8 (a text can be long; Characters are slow).
        var newlines: [String.Index] = []
        var index = utf8.startIndex
        while let newline = utf8[index...].firstIndex(of: 10) {
            newlines.append(newline)
            index = utf8.index(after: newline)
        }
        let keep = contextLines + 1
        // The first `keep` lines, and the last `keep` lines.
        func head() -> Substring { text[..<newlines[keep - 1]] }
        func tail() -> Substring { text[utf8.index(after: newlines[newlines.count - keep])...] }
        if first, newlines.count >= keep { return "⋯\n" + tail() }
        if last, newlines.count >= keep { return head() + "\n⋯" }
        if !first && !last, newlines.count > 2 * keep { return head() + "\n⋯\n" + tail() }
        return text
    }

    /// HTML with `<ins>` and `<del>`, each announced to screen readers by a hidden word; unchanged text is
    /// cut to a few lines around each change.
    public func html(inserted insertedLabel: String, deleted deletedLabel: String) -> String {
        var out = ""
        for (index, part) in parts.enumerated() {
            switch part {
            case .same(let text): out += HTMLEscaping.attribute(WordDiff.context(text, first: index == 0, last: index == parts.count - 1))
            case .inserted(let text):
                out += "<ins><span class=\"visually-hidden\">[\(HTMLEscaping.attribute(insertedLabel)): </span>\(HTMLEscaping.attribute(text))<span class=\"visually-hidden\">]</span></ins>"
            case .deleted(let text):
                out += "<del><span class=\"visually-hidden\">[\(HTMLEscaping.attribute(deletedLabel)): </span>\(HTMLEscaping.attribute(text))<span class=\"visually-hidden\">]</span></del>"
            }
        }
        return out
    }
}
