/// Finds the exact line and column of a text in a body, for link findings (cmark gives only the block's line).
struct LineIndex {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The first occurrence of `needle` at or after line `from` (1-based); the column counts characters from 1.
    func position(of needle: String, from: Int) -> (line: Int, column: Int)? {
        guard from >= 1 else { return nil }
        var lineNumber = from
        while lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            if let range = line.range(of: needle) {
                var column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                if needle.hasPrefix("(") { column += 1 }
                return (lineNumber, column)
            }
            lineNumber += 1
        }
        return nil
    }
}
