extension Page {
    /// What a self-check shows of an example before its answer: its `summary`, else the first paragraph of
    /// its story (`docs/content-format.md`, "Self-checks"); nil when it has neither.
    public var situation: String? {
        if let summary = frontMatter.summary?.value, !summary.allSatisfy(\.isWhitespace) { return summary }
        // The first line with text, found without splitting the whole story.
        var rest = body.plainText[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            if !line.allSatisfy(\.isWhitespace) { return String(line.drop(while: \.isWhitespace)) }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        return nil
    }
}
