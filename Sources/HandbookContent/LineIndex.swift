/// Finds the exact line and column of a text in a body, for link findings (cmark gives only the block's line).
/// Works on UTF-8 bytes: no Character segmentation on the hot path.
struct LineIndex {
    private let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index] == 10 { starts.append(index + 1) }
        }
        self.starts = starts
    }

    /// The first occurrence of `needle` at or after line `from` (1-based); the column counts characters from 1
    /// (Unicode scalars). With a leading `(` in the needle, the column is that of the text after it.
    func position(of needle: String, from: Int) -> (line: Int, column: Int)? {
        guard from >= 1, from <= starts.count, !needle.isEmpty else { return nil }
        let target = Array(needle.utf8)
        let begin = starts[from - 1]
        let found: Int? = bytes.withUnsafeBufferPointer { haystack in
            target.withUnsafeBufferPointer { pattern in
                let first = pattern[0], last = haystack.count - pattern.count
                var index = begin
                while index <= last {
                    if haystack[index] == first {
                        var matched = 1
                        while matched < pattern.count, haystack[index + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
        guard var offset = found else { return nil }
        if target[0] == UInt8(ascii: "(") { offset += 1 }
        let lineIndex = lineContaining(offset)
        var column = 1
        for index in starts[lineIndex]..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (lineIndex + 1, column)
    }

    private func lineContaining(_ offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
