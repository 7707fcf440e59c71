import Foundation
import Testing
@testable import HandbookSearch

@Suite struct SearchIndexerTests {
    static let documents = [
        SearchDocument(url: "/principles/no-hiding/", title: "Не ховатися за інструкцією", kind: "principle",
                       owner: .init(id: "olena", name: "Олена"), policy: .init(id: "service", name: "Обслуговування"),
                       summary: "Інструкція — інструмент, а не щит.",
                       sections: [SearchSection(anchor: "", heading: "", text: "Коли інструкція шкодить клієнтові, думайте."),
                                  SearchSection(anchor: "приклади", heading: "Приклади", text: "Таксі для клієнта.")]),
        SearchDocument(url: "/examples/because/", title: "Бо в мене інструкція", kind: "example", verdict: "bad",
                       sections: [SearchSection(anchor: "", heading: "", text: "Оператор відмовив клієнтці.")]),
        SearchDocument(url: "/faq/2025/", title: "Брифінг", kind: "faq",
                       sections: [SearchSection(anchor: "", heading: "", text: ""),
                                  SearchSection(anchor: "чи-можна", heading: "Чи можна повернути гроші без чека?", text: "Так, до 500 грн.")]),
    ]

    func json(_ files: [String: [UInt8]], _ path: String) throws -> [String: Any] {
        let bytes = try #require(files[path], "\(path) is missing")
        let raw = path.hasSuffix(".gz") ? try #require(Gzip.decompress(bytes), "\(path) is not gzip") : bytes
        return try #require(try JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any])
    }

    /// Documents are analysed in runs, on every core: however they are cut, every term gets the same id and the same postings.
    @Test func runsOfAnySizeGiveTheSameIndex() {
        let words = ["клієнт", "клієнтові", "інструкція", "таксі", "policy", "policies", "гроші", "повернення", "ескалація", "сім'я", "інтернет-магазин", "1,5"]
        let documents = (0..<300).map { number in
            SearchDocument(url: "/d/\(number)/", title: words[number % words.count], kind: "page",
                           sections: [SearchSection(anchor: "", heading: "", text: (0..<(number % 17 + 3)).map { words[($0 * 7 + number) % words.count] }.joined(separator: " "))])
        }
        func index(_ runSize: Int) -> (terms: [[UInt16]], postings: [[Int32]]) {
            let index = SearchIndexer.analyze(documents, language: "uk", keepDocumentTerms: false, runSize: runSize)
            return ((0..<index.terms.count).map { Array(index.terms[$0]) }, index.postings)
        }
        let whole = index(1024)
        #expect(whole.terms.count >= 8 && whole.postings.allSatisfy { !$0.isEmpty })
        for size in [1, 7, 64, 299] {
            let cut = index(size)
            #expect(cut.terms == whole.terms && cut.postings == whole.postings, "runs of \(size)")
        }
    }

    @Test func theBundleIsDeterministicAndComplete() throws {
        let indexer = SearchIndexer(language: "uk", folder: "search/uk/", shardBytes: 120)
        let first = indexer.bundle(Self.documents), second = indexer.bundle(Self.documents.reversed())
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.bytes) == second.map(\.bytes))
        let files = Dictionary(uniqueKeysWithValues: first.map { ($0.path, $0.bytes) })
        let entry = try json(files, "search/uk/index.json")
        let manifest = try json(files, "search/uk/" + (entry["manifest"] as? String ?? ""))
        #expect(manifest["documents"] as? Int == 3)
        #expect(manifest["kinds"] as? String == "bfr") // by URL: the bad example, the FAQ, the principle
        let shards = try #require(manifest["shards"] as? [[String]])
        #expect(shards.count > 3, "a small shard size gives several shards")
        #expect(shards.first?.first == "")
        // Every term is in the shard whose range holds it, and shards are in UTF-16 order.
        for (index, shard) in shards.enumerated() {
            let terms = try json(files, "search/uk/" + shard[1]).keys
            for term in terms {
                #expect(Array(shard[0].utf16).lexicographicallyPrecedes(Array(term.utf16)) || shard[0] == term)
                if index + 1 < shards.count { #expect(Array(term.utf16).lexicographicallyPrecedes(Array(shards[index + 1][0].utf16))) }
            }
        }
        // The stem of «інструкції» has postings for the three documents that say «інструкція» in any form.
        let stem = Stemmer(language: "uk").stem("інструкції")
        let shard = shards.last { !Array(stem.utf16).lexicographicallyPrecedes(Array($0[0].utf16)) }!
        let postings = try #require(try json(files, "search/uk/" + shard[1])[stem] as? [Int])
        #expect(postings.count == 4, "two documents: \(postings)")
        #expect(postings[0] == 0 && postings[2] == 2, "doc 0, then doc 0 + 2")
        #expect(postings[3] > postings[1], "the principle (in title, summary and body) weighs more than the example (title only)")
        // Fragments carry what a result shows, sections with their anchors.
        let fragmentFolder = try #require(manifest["fragments"] as? String)
        let faq = try json(files, "search/uk/\(fragmentFolder)1.json")
        #expect(faq["url"] as? String == "/faq/2025/")
        #expect((faq["sections"] as? [[String]])?.last == ["чи-можна", "Чи можна повернути гроші без чека?", "Так, до 500 грн."])
        let filters = try json(files, "search/uk/" + (manifest["filters"] as? String ?? ""))
        #expect(filters["owner"] as? [Int] == [-1, -1, 0])
        #expect(filters["policies"] as? [[String]] == [["service", "Обслуговування"]], "the names search.js reads")
    }

    @Test func gzipRoundTrips() {
        let text = Array(String(repeating: "Клієнт має піти задоволеним. ", count: 200).utf8)
        let packed = Gzip.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(packed.prefix(2) == [0x1f, 0x8b])
        #expect(Gzip.decompress(packed) == text)
        #expect(Gzip.decompress([1, 2, 3]) == nil)
    }
}

@Suite struct NumberGroupsTests {
    @Test func groupedNumbersAreAlsoOneNumber() {
        #expect(NumberGroups.joined("до 1 500 грн, 10 000 грн і 2\u{A0}000\u{202F}000 грн") == "1500 10000 2000000")
        #expect(NumberGroups.joined("200 грн, 3 рази, 12 34, 1234 567, рік 2025 300") == "")
        #expect(NumberGroups.joined("") == "" && NumberGroups.joined("без чисел") == "")
    }
}
