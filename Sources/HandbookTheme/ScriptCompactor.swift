/// Makes a theme's JavaScript smaller without changing what it does: comments that take whole lines,
/// blank lines and indentation go (a search downloads `search.js` with its first query). Trailing
/// comments and everything inside lines stay, so no string, regular expression or template is touched;
/// a line break is kept after every line, so automatic semicolon insertion is unchanged. A script in
/// which a kept line holds a backtick or ends with a backslash (a template or a string that may go on
/// over lines, whose indentation is text) is left exactly as it is.
enum ScriptCompactor {
    static func compact(_ source: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(source.count)
        var inComment = false
        for line in source.split(separator: 10, omittingEmptySubsequences: false) {
            var text = trimmed(line[...])
            if inComment {
                // The comment goes on until `*/`; what follows it on that line stays.
                guard let end = find(text, [42, 47]) else { continue }
                inComment = false
                text = trimmed(text[(end + 2)...])
            } else if text.starts(with: [47, 42]) {
                if let end = find(text.dropFirst(2), [42, 47]) {
                    // A comment closed on its line: dropped only when nothing follows it.
                    guard trimmed(text[(end + 2)...]).isEmpty else {
                        if text.contains(96) || text.last == 92 { return source }
                        output.append(contentsOf: text)
                        output.append(10)
                        continue
                    }
                } else {
                    inComment = true
                }
                continue
            }
            if text.isEmpty || text.starts(with: [47, 47]) { continue }
            if text.contains(96) || text.last == 92 { return source }
            output.append(contentsOf: text)
            output.append(10)
        }
        return output
    }

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = text.startIndex, end = text.endIndex
        while start < end, text[start] == 32 || text[start] == 9 { start += 1 }
        while end > start, text[end - 1] == 32 || text[end - 1] == 9 || text[end - 1] == 13 { end -= 1 }
        return text[start..<end]
    }

    /// Where `pair` starts in `text`, if it is there.
    private static func find(_ text: ArraySlice<UInt8>, _ pair: [UInt8]) -> Int? {
        var index = text.startIndex
        while index + 1 < text.endIndex {
            if text[index] == pair[0] && text[index + 1] == pair[1] { return index }
            index += 1
        }
        return nil
    }
}
