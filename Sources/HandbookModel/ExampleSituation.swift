extension Page {
    /// What a self-check shows of an example before its answer: its `summary`, else the first paragraph of
    /// its story (`docs/content-format.md`, "Self-checks"); nil when it has neither.
    public var situation: String? {
        if let summary = frontMatter.summary?.value, !summary.allSatisfy(\.isWhitespace) { return summary }
        return body.plainText.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }.map { String($0.drop(while: \.isWhitespace)) }
    }
}
