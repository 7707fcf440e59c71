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
        let a = WordDiff.tokens(old), b = WordDiff.tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [(Character, Substring)] = a[..<prefix].map { ("=", $0) }
        let middleA = Array(a[prefix..<(a.count - suffix)]), middleB = Array(b[prefix..<(b.count - suffix)])
        if middleA.count * middleB.count <= WordDiff.alignmentLimit {
            ops += WordDiff.align(middleA, middleB)
        } else {
            ops += middleA.map { ("-", $0) } + middleB.map { ("+", $0) }
        }
        ops += a[(a.count - suffix)...].map { ("=", $0) }
        var parts: [Part] = []
        var inserted = 0, deleted = 0
        for (op, token) in ops {
            let isWord = !token.allSatisfy(\.isWhitespace)
            if op == "+", isWord { inserted += 1 }
            if op == "-", isWord { deleted += 1 }
            let text = String(token)
            switch (op, parts.last) {
            case ("=", .same(let run)?): parts[parts.count - 1] = .same(run + text)
            case ("+", .inserted(let run)?): parts[parts.count - 1] = .inserted(run + text)
            case ("-", .deleted(let run)?): parts[parts.count - 1] = .deleted(run + text)
            case ("=", _): parts.append(.same(text))
            case ("+", _): parts.append(.inserted(text))
            default: parts.append(.deleted(text))
            }
        }
        self.parts = parts
        insertedWords = inserted
        deletedWords = deleted
    }

    /// Words and the white space between them, so joining the tokens gives the text back.
    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        var inSpace: Bool?
        for index in text.indices {
            let space = text[index].isWhitespace
            if let current = inSpace, current != space {
                tokens.append(text[start..<index])
                start = index
            }
            inSpace = space
        }
        if start < text.endIndex { tokens.append(text[start...]) }
        return tokens
    }

    /// Longest-common-subsequence alignment of two token lists.
    static func align(_ a: [Substring], _ b: [Substring]) -> [(Character, Substring)] {
        if a.isEmpty { return b.map { ("+", $0) } }
        if b.isEmpty { return a.map { ("-", $0) } }
        let columns = b.count + 1
        var lengths = [UInt32](repeating: 0, count: (a.count + 1) * columns)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] = a[i] == b[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var ops: [(Character, Substring)] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                ops.append(("=", a[i])); i += 1; j += 1
            } else if lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1] {
                ops.append(("-", a[i])); i += 1
            } else {
                ops.append(("+", b[j])); j += 1
            }
        }
        ops += a[i...].map { ("-", $0) } + b[j...].map { ("+", $0) }
        return ops
    }

    /// HTML with `<ins>` and `<del>`, each announced to screen readers by a hidden word.
    public func html(inserted insertedLabel: String, deleted deletedLabel: String) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .same(let text): out += HTMLEscaping.attribute(text)
            case .inserted(let text):
                out += "<ins><span class=\"visually-hidden\">[\(HTMLEscaping.attribute(insertedLabel)): </span>\(HTMLEscaping.attribute(text))<span class=\"visually-hidden\">]</span></ins>"
            case .deleted(let text):
                out += "<del><span class=\"visually-hidden\">[\(HTMLEscaping.attribute(deletedLabel)): </span>\(HTMLEscaping.attribute(text))<span class=\"visually-hidden\">]</span></del>"
            }
        }
        return out
    }
}
