import Foundation
import Testing
@testable import HandbookSearch

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
    /// A page added or removed changes the URLs: nothing is found, the language is indexed whole.
    @Test func changedDocumentsAreFoundAmongAllAndPutInPlace() throws {
        let live = LiveSearchIndex(indexer: Self.indexer, documents: SearchIndexerTests.documents)
        var documents = SearchIndexerTests.documents
        #expect(live.changedDocuments(documents)?.isEmpty == true)
        documents[0].title = "Зовсім нова назва"
        documents[documents.count - 1].owner = SearchDocument.Reference(id: "taras", name: "Тарас Гнатюк")
        let changed = try #require(live.changedDocuments(documents.reversed()))
        #expect(Set(changed.map(\.url)) == [documents[0].url, documents[documents.count - 1].url])
        #expect(live.update(changed))
        let (postings, _) = try decode(live.files)
        let clean = try decode(Dictionary(uniqueKeysWithValues: Self.indexer.bundle(documents).map { ($0.path, $0.bytes) }))
        #expect(postings.mapValues { Set($0.keys) } == clean.postings.mapValues { Set($0.keys) })
        #expect(live.changedDocuments(documents)?.isEmpty == true)
        #expect(live.changedDocuments(documents + [SearchDocument(url: "/new/", title: "Нова", kind: "page", sections: [])]) == nil)
        #expect(live.changedDocuments(Array(documents.dropLast())) == nil)
    }
}
