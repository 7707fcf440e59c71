/// Splits a file into its YAML front matter (between a first line `---` and the next `---`) and its body.
public struct FrontMatterSplitter {
    struct Split {
        /// The YAML text, or nil when the file has no front matter.
        var yaml: Substring?
        var body: Substring
        /// How many lines come before the body (the front matter and both fences).
        var bodyLineOffset: Int
    }

    enum Problem: Error, Equatable {
        /// The opening `---` has no closing `---`.
        case unclosed
    }

    static func split(_ text: String) -> Result<Split, Problem> {
        guard isFence(firstLine(of: text[...])) else {
            return .success(Split(yaml: nil, body: text[...], bodyLineOffset: 0))
        }
        // Lines end at a "\n" byte (searched in UTF-8: a "\r\n" is one Character, and Characters are slow).
        guard let firstEnd = text.utf8.firstIndex(of: 10) else { return .failure(.unclosed) }
        var lineStart = text.index(after: firstEnd)
        let yamlStart = lineStart
        var lines = 1
        while lineStart < text.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: 10) ?? text.endIndex
            lines += 1
            if isFence(text[lineStart..<lineEnd]) {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                return .success(Split(yaml: text[yamlStart..<lineStart], body: text[bodyStart...], bodyLineOffset: lines))
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        return .failure(.unclosed)
    }

    /// The front matter's YAML and the body (nil YAML when there is none, or when it is not closed).
    public static func parts(of text: String) -> (yaml: Substring?, body: Substring) {
        if case .success(let split) = split(text) { return (split.yaml, split.body) }
        return (nil, text[...])
    }

    /// The text after the front matter (all of it when there is none, or when it is not closed).
    public static func body(of text: String) -> Substring {
        if case .success(let split) = split(text) { return split.body }
        return text[...]
    }

    private static func firstLine(of text: Substring) -> Substring {
        text[..<(text.utf8.firstIndex(of: 10) ?? text.endIndex)]
    }

    private static func isFence(_ line: Substring) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---"
    }
}
