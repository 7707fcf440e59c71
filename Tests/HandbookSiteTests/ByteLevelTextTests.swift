import Foundation
import HandbookContent
import HandbookModel
@testable import HandbookRender
import Testing

/// The text functions that were rewritten to work on UTF-8 bytes (for speed) give what their
/// character-by-character versions gave, on every character they treat specially and around them.
@Suite struct ByteLevelTextTests {
    /// The scalar-by-scalar quoting it replaced.
    static func quoteByScalars(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let pieces: [String] = ["a", "Ї", "\"", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
                                   "\u{A0}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "“", "”", "„", "«", "é", "e\u{301}", "😀", "\r\n", "’", "'"]

    /// Every pair and many random strings of the pieces.
    static var texts: [String] {
        var texts = [""] + pieces
        for a in pieces { for b in pieces { texts.append(a + b) } }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return texts
    }

    @Test func jsonQuotingIsTheScalarByScalarOne() throws {
        for text in Self.texts {
            let quoted = JSONText.quote(text)
            #expect(quoted == Self.quoteByScalars(text), "\(Array(text.unicodeScalars))")
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(decoded == [text])
        }
    }

    @Test func localQuotesAreTheCharacterByCharacterOnes() {
        for text in Self.texts {
            for language in ["uk", "ru", "en", nil] as [String?] {
                let expected: String = switch language {
                case "uk", "ru": String(text.unicodeScalars.map { $0 == "“" ? "«" : $0 == "”" ? "»" : Character($0) })
                default: text
                }
                #expect(Typography.localQuotes(text, language: language) == expected, "\(Array(text.unicodeScalars)) \(language ?? "-")")
            }
        }
    }

    @Test func percentEncodingKeepsUnreservedBytesOnly() {
        for text in Self.texts {
            let encoded = PercentEncoding.component(text)
            #expect(encoded.removingPercentEncoding == text)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 && ($0 == UInt8(ascii: "%") || CharacterSet.alphanumerics.contains(Unicode.Scalar($0)) || "-._~".utf8.contains($0)) })
        }
        #expect(PercentEncoding.component("a b/ї") == "a%20b%2F%D1%97")
        #expect(PercentEncoding.path("a b/ї") == "a%20b/%D1%97")
    }

    /// An example's excerpt: its first non-blank line's first sentence, whether lines end in LF or CRLF.
    @Test func anExcerptIsTheFirstSentenceOfTheFirstLineThatIsNotBlank() {
        for end in ["\n", "\r\n"] {
            let text = ["", "  \t", "Оператор замовив таксі. Клієнт доїхав.", "Другий абзац."].joined(separator: end)
            #expect(PageExcerpt.firstSentence(text) == "Оператор замовив таксі.", "\(Array(end.utf8))")
            #expect(PageExcerpt.firstSentence("Офіс у м. Київ на першому поверсі." + end + "Далі.") == "Офіс у м. Київ на першому поверсі.")
            #expect(PageExcerpt.firstSentence("Без крапки в кінці" + end + "Далі.") == "Без крапки в кінці")
        }
        #expect(PageExcerpt.firstSentence("\n \n") == nil)
        let long = String(repeating: "слово ", count: 60) + "кінець."
        let cut = PageExcerpt.firstSentence(long) ?? ""
        #expect(cut.hasSuffix("…") && cut.count <= PageExcerpt.limit + 1 && !cut.contains("\r"))
    }
}
