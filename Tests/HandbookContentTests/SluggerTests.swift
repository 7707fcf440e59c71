import Testing
@testable import HandbookContent

@Suite struct SluggerTests {
    @Test(arguments: [
        ("Межі безпеки", "межі-безпеки"),
        ("Hello, World!", "hello-world"),
        ("Чи покарають мене?", "чи-покарають-мене"),
        ("Зв'язок і  пауза", "звязок-і--пауза"),
        ("Step 1: the `code` part", "step-1-the-code-part"),
        ("Ёлка — ёж", "ёлка--ёж"),
        ("snake_case stays", "snake_case-stays"),
    ])
    func slugFollowsGitHubRule(heading: String, anchor: String) {
        #expect(Slugger.slug(heading) == anchor)
    }

    /// The fast paths (ASCII, Cyrillic) give what the Unicode rule gives, for every scalar they cover.
    @Test func fastPathsAgreeWithTheUnicodeRule() {
        for value in Array(0x20..<0x80) + Array(0x0400...0x04FF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a\(Character(scalar))b"
            var expected = String.UnicodeScalarView()
            for lowered in text.lowercased().unicodeScalars {
                switch lowered.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
                     .connectorPunctuation:
                    expected.append(lowered)
                case .spaceSeparator where lowered == " ": expected.append("-")
                case .dashPunctuation where lowered == "-": expected.append(lowered)
                default: continue
                }
            }
            #expect(Slugger.slug(text) == String(expected), "U+\(String(value, radix: 16))")
        }
    }

    @Test func repeatedAnchorsGetNumbers() {
        var slugger = Slugger()
        #expect(slugger.anchor(for: "Приклад") == "приклад")
        #expect(slugger.anchor(for: "Приклад") == "приклад-1")
        #expect(slugger.anchor(for: "Приклад") == "приклад-2")
        #expect(slugger.anchor(for: "Приклад 1") == "приклад-1-1")
    }
}
