import ArgumentParser
import HandbookSearch

/// `handbook stem`: shows how search sees words (their forms and stems), to explain why a query matches or not.
struct StemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Show the search forms and stems of words, one 'form<TAB>stem' line each."
    )

    @Option(name: .long, help: "The language whose stemmer Cyrillic words get (uk, ru, en).")
    var lang: String = "uk"

    @Argument(help: "Words or text; read from standard input when none are given.")
    var words: [String] = []

    func run() throws {
        let stemmer = Stemmer(language: lang)
        var lines: [String] = words.isEmpty ? [] : [words.joined(separator: " ")]
        if words.isEmpty { while let line = readLine() { lines.append(line) } }
        for line in lines {
            for form in SearchTokenizer.forms(line) {
                print(String(decoding: form, as: UTF16.self) + "\t" + String(decoding: stemmer.stem(form), as: UTF16.self))
            }
        }
    }
}
