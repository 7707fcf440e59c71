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
    public static func localQuotes(_ text: String, language: String?) -> String {
        guard let (open, close) = quotes(language), text.contains(where: { $0 == "“" || $0 == "”" }) else { return text }
        return String(text.map { $0 == "“" ? open : $0 == "”" ? close : $0 })
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
