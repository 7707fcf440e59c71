import Testing
@testable import HandbookSearch

@Suite struct StemmerTests {
    @Test func everyVectorGivesItsStem() throws {
        let vectors = try SearchVectors.stems()
        for language in ["uk", "ru", "en"] {
            #expect(vectors.filter { $0.language == language }.count >= 200, "too few \(language) vectors")
        }
        var wrong: [String] = []
        for vector in vectors {
            let stem = Stemmer(language: vector.language).stem(vector.form)
            if stem != vector.stem { wrong.append("\(vector.language) \(vector.form): \(stem), expected \(vector.stem)") }
        }
        #expect(wrong.isEmpty, "\(wrong.count) of \(vectors.count) stems differ: \(wrong.prefix(20))")
    }

    /// Every form of a Ukrainian word gets one stem; the words of a "!" line get different ones.
    @Test func ukrainianParadigmsShareAStem() throws {
        let stemmer = Stemmer(language: "uk")
        var checked = 0
        for line in try SearchVectors.lines("uk-paradigms.txt") {
            let distinct = line.hasPrefix("!")
            let words = line.drop(while: { $0 == "!" }).split(separator: " ").map(String.init)
            let stems = words.map { word in SearchTokenizer.forms(word).first.map { String(decoding: stemmer.stem($0), as: UTF16.self) } ?? word }
            if distinct {
                #expect(Set(stems).count == stems.count, "\(words) should not share a stem: \(stems)")
            } else {
                #expect(Set(stems).count == 1, "\(Array(zip(words, stems)))")
            }
            checked += words.count
        }
        #expect(checked >= 300)
    }

    @Test func examplesFromTheIssue() {
        #expect(Stemmer(language: "uk").stem("інструкції") == Stemmer(language: "uk").stem("інструкція"))
        #expect(Stemmer(language: "ru").stem("клиентам") == "клиент")
        #expect(Stemmer(language: "en").stem("refunding") == Stemmer(language: "en").stem("refund"))
        // Cyrillic words on an English page: Ukrainian letters pick the Ukrainian stemmer, else Russian.
        #expect(Stemmer(language: "en").stem("інструкції") == "інструкц")
        #expect(Stemmer(language: "en").stem("клиентам") == "клиент")
        // Words of other scripts and numbers stay as they are.
        #expect(Stemmer(language: "uk").stem("straße") == "straße")
        #expect(Stemmer(language: "uk").stem("2025") == "2025")
    }
}

@Suite struct TokenizerTests {
    @Test func everyTokenVectorGivesItsForms() throws {
        let lines = try SearchVectors.lines("tokens.tsv")
        #expect(lines.count >= 15)
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let forms = SearchTokenizer.forms(fields[0]).map { String(decoding: $0, as: UTF16.self) }
            #expect(forms.joined(separator: " ") == fields[1], "\(fields[0])")
        }
    }

    @Test func queriesKeepCompoundsWhole() {
        let forms = SearchTokenizer.forms("інтернет-магазин", compounds: false).map { String(decoding: $0, as: UTF16.self) }
        #expect(forms == ["інтернетмагазин"])
    }

    @Test func overlongWordsAreLeftOut() {
        let long = String(repeating: "а", count: SearchTokenizer.maximumLength + 1)
        #expect(SearchTokenizer.forms("так \(long) ні").count == 2)
    }
}
