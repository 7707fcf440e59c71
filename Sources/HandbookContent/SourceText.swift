import HandbookModel

/// The text of a content file as authors mean it: UTF-8, no byte-order mark, `\n` line ends.
enum SourceText {
    enum Problem: Error, Equatable {
        case notUTF8(line: Int)
        case nulByte(line: Int)
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let content = bytes[start...]
        if let nul = content.firstIndex(of: 0) {
            return .failure(.nulByte(line: lineNumber(of: nul, in: bytes, from: start)))
        }
        let hasCarriageReturn = content.contains(13)
        guard var text = String(validating: content, as: UTF8.self) else {
            return .failure(.notUTF8(line: firstInvalidLine(content)))
        }
        if hasCarriageReturn {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        return .success(text)
    }

    private static func lineNumber(of index: Int, in bytes: [UInt8], from start: Int) -> Int {
        1 + bytes[start..<index].count { $0 == 10 }
    }

    /// The line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.indices where bytes[index] == 10 {
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return line
    }
}
