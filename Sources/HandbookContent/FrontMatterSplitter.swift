/// Splits a file into its YAML front matter (between a first line `---` and the next `---`) and its body.
struct FrontMatterSplitter {
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
        var lineStart = text.index(after: text.firstIndex(of: "\n") ?? text.index(before: text.endIndex))
        if text.firstIndex(of: "\n") == nil { return .failure(.unclosed) }
        let yamlStart = lineStart
        var lines = 1
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            lines += 1
            if isFence(text[lineStart..<lineEnd]) {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                return .success(Split(yaml: text[yamlStart..<lineStart], body: text[bodyStart...], bodyLineOffset: lines))
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        return .failure(.unclosed)
    }

    private static func firstLine(of text: Substring) -> Substring {
        text[..<(text.firstIndex(of: "\n") ?? text.endIndex)]
    }

    private static func isFence(_ line: Substring) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return trimmed == "---"
    }
}
