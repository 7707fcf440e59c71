/// Typographic punctuation for text written with a plain keyboard: apostrophes inside words become ’,
/// straight double quotes become the language's quotes (« » in Ukrainian and Russian, “ ” in English).
/// libcmark's smart punctuation does this for Markdown (with English quotes, which `localQuotes` turns
/// into the language's); front matter text gets the same here. Hand-written: no library in reach does
/// it for Ukrainian and Russian.
public enum Typography {
    /// The opening and closing quotes of a language (nil: leave “ ” as they are).
    static func quotes(_ language: String?) -> (open: Character, close: Character)? {
        switch language {
        case "uk", "ru", "be": ("«", "»")
        default: nil
        }
    }

    /// cmark's “ ” as the language's quotes.
    /// Works on UTF-8 bytes: “ and ” are E2 80 9C and E2 80 9D, which no other character's bytes contain.
    public static func localQuotes(_ text: String, language: String?) -> String {
        guard let (open, close) = quotes(language) else { return text }
        var text = text
        return text.withUTF8 { bytes in
            guard hasEnglishQuote(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            let openBytes = Array(String(open).utf8), closeBytes = Array(String(close).utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D {
                    out.append(contentsOf: bytes[index + 2] == 0x9C ? openBytes : closeBytes)
                    index += 3
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether UTF-8 text holds “ or ”.
    public static func hasEnglishQuote(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 0..<(bytes.count - 2) where bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D) {
            return true
        }
        return false
    }

    /// A front matter value as it should be printed.
    public static func smart(_ text: String, language: String?) -> String {
        guard text.contains(where: { $0 == "'" || $0 == "\"" }) else { return text }
        let (open, close) = quotes(language) ?? ("“", "”")
        var out = ""
        var previous: Character?
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'" where previous?.isLetter == true && next?.isLetter == true:
                out.append("’")
            case "\"":
                let opening = previous == nil || previous!.isWhitespace || "([{«„".contains(previous!)
                out.append(opening ? open : close)
            default:
                out.append(character)
            }
            previous = character
        }
        return out
    }
}
