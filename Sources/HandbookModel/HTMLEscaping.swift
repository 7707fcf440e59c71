/// Escaping for text placed in HTML and XML.
public enum HTMLEscaping {
    /// Escapes `& < > " '` so the text is safe in element content and quoted attributes.
    public static func attribute(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
        // Byte by byte: the five characters are ASCII, so escaping never depends on what is around them.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 38: result.append(contentsOf: "&amp;".utf8)
            case 60: result.append(contentsOf: "&lt;".utf8)
            case 62: result.append(contentsOf: "&gt;".utf8)
            case 34: result.append(contentsOf: "&quot;".utf8)
            case 39: result.append(contentsOf: "&#39;".utf8)
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
