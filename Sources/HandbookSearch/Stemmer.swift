/// Picks the stemmer for a word form: English for words of a–z, Russian or Ukrainian for Cyrillic words
/// (by the index's language; in other languages by the letters `і ї є ґ`), none for anything else.
public struct Stemmer: Sendable {
    public let language: String

    public init(language: String) { self.language = language }

    public func stem(_ form: [UInt16]) -> [UInt16] {
        var latin = true, cyrillic = true, ukrainianLetters = false
        for unit in form {
            if unit < 97 || unit > 122 { latin = false }
            switch unit {
            case 0x0430...0x044F: break
            case 0x0454, 0x0456, 0x0457, 0x0491: ukrainianLetters = true
            default: cyrillic = false
            }
        }
        if latin { return EnglishStemmer.stem(form) }
        guard cyrillic else { return form }
        switch language {
        case "ru": return RussianStemmer.stem(form)
        case "uk": return UkrainianStemmer.stem(form)
        default: return ukrainianLetters ? UkrainianStemmer.stem(form) : RussianStemmer.stem(form)
        }
    }

    public func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf16)), as: UTF16.self)
    }
}
