import Foundation
import Testing
@testable import HandbookSearch
import HandbookTestSupport

/// The preview server's search index: it starts as the bundle a build writes, and an edit rewrites only
/// the shards that hold the edited document's terms, while every term finds what a clean build finds.
@Suite struct LiveSearchIndexTests {
    static let indexer = SearchIndexer(language: "uk", folder: "search/uk/", shardBytes: 120)

    /// Every term of a bundle with the documents it finds (in URL order) and their weights.
    func decode(_ files: [String: [UInt8]]) throws -> (postings: [String: [Int: Int]], manifest: [String: Any]) {
        func json(_ path: String) throws -> [String: Any] {
            let bytes = try #require(files[path], "\(path) is missing")
            let raw = path.hasSuffix(".gz") ? try #require(Gzip.decompress(bytes)) : bytes
            return try #require(try JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any])
        }
        let manifest = try json("search/uk/" + (try json("search/uk/index.json")["manifest"] as? String ?? ""))
        var postings: [String: [Int: Int]] = [:]
        for shard in manifest["shards"] as? [[String]] ?? [] {
            for (term, list) in try json("search/uk/" + shard[1]) {
                let numbers = list as? [Int] ?? []
                var document = 0
                for pair in stride(from: 0, to: numbers.count, by: 2) {
                    document += numbers[pair]
                    postings[term, default: [:]][document] = numbers[pair + 1]
                }
                // Each term is in the shard whose range (as the manifest says) holds it.
                let ranges = (manifest["shards"] as? [[String]] ?? []).map(\.first!)
                let holder = ranges.lastIndex { !Array(term.utf16).lexicographicallyPrecedes(Array($0.utf16)) }
                #expect(ranges[holder ?? 0] == shard[0], "\(term) is in the shard of \(shard[0])")
            }
        }
        return (postings, manifest)
    }

    @Test func itStartsAsTheBuildsBundle() {
        let live = LiveSearchIndex(indexer: Self.indexer, documents: SearchIndexerTests.documents)
        let built = Dictionary(uniqueKeysWithValues: Self.indexer.bundle(SearchIndexerTests.documents).map { ($0.path, $0.bytes) })
        #expect(live.files == built)
    }

    @Test func anEditRewritesOnlyTheShardsOfItsTermsAndFindsWhatACleanBuildFinds() throws {
        let live = LiveSearchIndex(indexer: Self.indexer, documents: SearchIndexerTests.documents)
        let before = live.files
        let (oldPostings, _) = try decode(before)
        // The bad example: «відмовив» goes, «перепросив» and «ввічливо» come.
        var edited = SearchIndexerTests.documents[1]
        edited.sections = [SearchSection(anchor: "", heading: "", text: "Оператор ввічливо перепросив клієнтку.")]
        #expect(live.update([edited]))
        var documents = SearchIndexerTests.documents
        documents[1] = edited
        let (postings, manifest) = try decode(live.files)
        let clean = try decode(Dictionary(uniqueKeysWithValues: Self.indexer.bundle(documents).map { ($0.path, $0.bytes) }))
        // Every term finds the same documents as in a clean build.
        #expect(postings.mapValues { Set($0.keys) } == clean.postings.mapValues { Set($0.keys) })
        let stem = { (word: String) in Stemmer(language: "uk").stem(word) }
        #expect(postings[stem("перепросив")]?.keys.sorted() == [0])
        #expect(postings[stem("відмовив")] == nil)
        // No other document's weight moved (the averages are frozen).
        for (term, found) in oldPostings {
            for (document, weight) in found where document != 0 { #expect(postings[term]?[document] == weight, "\(term)") }
        }
        // Shards without the example's terms are the same files; the manifest lists the new ones.
        let oldShards = Set(before.keys.filter { $0.hasPrefix("search/uk/s.") })
        let newShards = Set(live.files.keys.filter { $0.hasPrefix("search/uk/s.") })
        #expect(!oldShards.intersection(newShards).isEmpty, "untouched shards keep their files")
        #expect(oldShards != newShards)
        #expect((manifest["shards"] as? [[String]])?.count == (try decode(before).manifest["shards"] as? [[String]])?.count)
        // The fragments keep their folder: only the edited one is rewritten.
        #expect(manifest["fragments"] as? String == (try decode(before).manifest["fragments"] as? String))
        let rewritten = live.files.keys.filter { before[$0] != live.files[$0] }.filter { $0.contains("/f.") }
        #expect(rewritten.count == 1, "\(rewritten)")
        // The fragment shows the new text.
        let fragmentFolder = try #require(manifest["fragments"] as? String)
        let fragment = try #require(live.files["search/uk/\(fragmentFolder)0.json"])
        #expect(String(decoding: fragment, as: UTF8.self).contains("перепросив"))
        // A URL the index does not have changes nothing.
        let files = live.files
        #expect(!live.update([SearchDocument(url: "/new/", title: "Нова", kind: "page", sections: [])]))
        #expect(live.files == files)
    }

    /// A retitle and an owner change (what other pages show of a page) keep every URL: the documents that
    /// changed are found among all of them and put in place, and every term finds what a clean build finds.
    @Test func changedDocumentsAreFoundAmongAllAndPutInPlace() throws {
        let live = LiveSearchIndex(indexer: Self.indexer, documents: SearchIndexerTests.documents)
        var documents = SearchIndexerTests.documents
        #expect(live.changes(documents)?.isEmpty == true)
        documents[0].title = "Зовсім нова назва"
        documents[documents.count - 1].owner = SearchDocument.Reference(id: "taras", name: "Тарас Гнатюк")
        let changes = try #require(live.changes(documents.reversed()))
        #expect(Set(changes.changed.map(\.url)) == [documents[0].url, documents[documents.count - 1].url])
        #expect(changes.removed.isEmpty)
        #expect(live.apply(changes) != nil)
        let (postings, _) = try decode(live.files)
        let clean = try decode(Dictionary(uniqueKeysWithValues: Self.indexer.bundle(documents).map { ($0.path, $0.bytes) }))
        #expect(postings.mapValues { Set($0.keys) } == clean.postings.mapValues { Set($0.keys) })
        #expect(try SearchBundle(live.files, folder: "search/uk/") == SearchBundle(bundle(documents), folder: "search/uk/"))
        #expect(live.changes(documents)?.isEmpty == true)
        // The same URL twice: nothing is put in place, the language is indexed whole.
        #expect(live.changes(documents + [documents[0]]) == nil)
    }

    func bundle(_ documents: [SearchDocument]) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: Self.indexer.bundle(documents).map { ($0.path, $0.bytes) })
    }

    /// A page added takes the next number and a page removed leaves its number empty: only the shards of
    /// their terms are rewritten, no other document's fragment moves, and the bundle holds what a clean
    /// build of the same documents holds (each term's documents, fragments, kinds, filters, the count),
    /// through a run of adds and removes, a word that leaves with one page and comes back with another, and
    /// a URL that is removed and then added again.
    @Test func pagesAddedAndRemovedArePutInPlaceAndFindWhatACleanBuildFinds() throws {
        let words = ["клієнт", "таксі", "повернення", "ескалація", "ліміт", "гроші", "вибачення", "чек", "менеджер", "обіцянка"]
        func document(_ number: Int, _ text: String? = nil) -> SearchDocument {
            SearchDocument(url: "/d/\(number)/", title: "Сторінка \(words[number % words.count])", kind: number % 3 == 0 ? "policy" : "example",
                           verdict: number % 2 == 0 ? "good" : "bad",
                           owner: number % 4 == 0 ? .init(id: "o\(number % 8)", name: "Власник \(number % 8)") : nil,
                           policy: number % 5 == 0 ? .init(id: "p\(number % 10)", name: "Політика \(number % 10)") : nil,
                           sections: [SearchSection(anchor: "", heading: "", text: text ?? (0..<5).map { words[($0 * 3 + number) % words.count] }.joined(separator: " "))])
        }
        var documents = (0..<40).map { document($0) }
        let live = LiveSearchIndex(indexer: Self.indexer, documents: documents)
        func expectClean(_ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let changes = try #require(live.changes(documents), sourceLocation: sourceLocation)
            #expect(changes.isEmpty, comment, sourceLocation: sourceLocation)
            #expect(try SearchBundle(live.files, folder: "search/uk/") == SearchBundle(bundle(documents), folder: "search/uk/"),
                    comment, sourceLocation: sourceLocation)
        }
        // Added: a page with a word no other page has.
        let before = live.files
        documents.append(document(100, "Унікальнослово для таксі"))
        var changes = try #require(live.changes(documents))
        #expect(changes.changed.map(\.url) == ["/d/100/"] && changes.removed.isEmpty)
        let added = try #require(live.apply(changes))
        try expectClean("a page added")
        let fragments = added.written.keys.filter { $0.contains("/f.") }
        #expect(fragments.count == 1 && fragments[0].hasSuffix("/40.json"), "the next number: \(fragments)")
        let shards = Set(before.keys.filter { $0.hasPrefix("search/uk/s.") })
        #expect(!shards.isSubset(of: added.removed), "shards without its terms stay as they were")
        // Removed: the page that holds the word alone, and one from the middle; no fragment is renumbered.
        // The index numbers the first documents by URL: /d/7/ is 37th of /d/0/…/d/39/.
        let seventh = try #require((0..<40).map { "/d/\($0)/" }.sorted().firstIndex(of: "/d/7/"))
        #expect(seventh == 37)
        let unchanged = live.files.filter { $0.key.contains("/f.") && !$0.key.hasSuffix("/40.json") && !$0.key.hasSuffix("/\(seventh).json") }
        documents.removeAll { $0.url == "/d/100/" || $0.url == "/d/7/" }
        changes = try #require(live.changes(documents))
        #expect(changes.changed.isEmpty && changes.removed == ["/d/100/", "/d/7/"])
        let removed = try #require(live.apply(changes))
        try expectClean("two pages removed")
        #expect(removed.removed.contains { $0.hasSuffix("/40.json") } && removed.removed.contains { $0.hasSuffix("/\(seventh).json") })
        for (path, bytes) in unchanged { #expect(live.files[path] == bytes, "\(path) moved") }
        // The word comes back with another page; the removed URL comes back under a new number.
        documents.append(document(101, "Унікальнослово знову"))
        documents.append(document(7, "Повернена сторінка про чек"))
        #expect(live.apply(try #require(live.changes(documents))) != nil)
        try expectClean("the word and the URL back")
        let stem = Stemmer(language: "uk").stem("унікальнослово")
        #expect(try SearchBundle(live.files, folder: "search/uk/").terms[stem] == ["/d/101/"])
        // Added, edited and removed at once.
        documents[3] = document(3, "Зовсім інший текст про менеджера")
        documents.removeAll { $0.url == "/d/11/" }
        documents.append(document(102))
        #expect(live.apply(try #require(live.changes(documents))) != nil)
        try expectClean("added, edited and removed at once")
    }

    /// Empty numbers are kept below a quarter of all: past that the index declines, changing nothing, and
    /// the server indexes the language whole (which numbers the pages again).
    @Test func tooManyEmptyNumbersAreDeclined() throws {
        let documents = (0..<12).map { SearchDocument(url: "/d/\($0)/", title: "Сторінка \($0)", kind: "page", sections: []) }
        let live = LiveSearchIndex(indexer: Self.indexer, documents: documents)
        #expect(live.apply(try #require(live.changes(Array(documents.dropLast(3))))) != nil)
        let files = live.files
        let changes = try #require(live.changes(Array(documents.dropLast(4))))
        #expect(changes.removed == ["/d/8/"])
        #expect(live.apply(changes) == nil)
        #expect(live.files == files)
        #expect(try SearchBundle(files, folder: "search/uk/") == SearchBundle(bundle(Array(documents.dropLast(3))), folder: "search/uk/"))
    }
}
