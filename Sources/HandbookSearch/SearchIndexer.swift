import Foundation
import HandbookModel

/// Builds one language's search bundle from its documents: a pure function from documents to files.
///
/// Files, all under `folder` (e.g. `search/uk/`):
/// - `index.json`: `{"manifest": NAME}`, the only file not fingerprinted (a few dozen bytes);
/// - `manifest.HASH.gz`: document count, BM25 constants, the first term of every shard, each document's kind
///   (`-` for a number no document holds: only the preview server's live index leaves one, `LiveSearchIndex`);
/// - `s.HASH.gz`: shards of the term dictionary, terms in UTF-16 order, each term's postings as
///   `[doc, weight, doc delta, weight, …]`, the weight being the BM25F field-weighted term frequency × 10;
/// - `f.HASH/N.gz`: document N's fragment (URL, title, kind, owner, policy, summary, sections) for results,
///   snippets and sub-results;
/// - `filters.HASH.gz`: owner and policy of every document, loaded when those filters are used.
/// Everything but `index.json` is gzip-compressed JSON (the browser inflates it with `DecompressionStream`).
public struct SearchIndexer: Sendable {
    public static let fieldWeights: [Float] = [8, 4, 3, 1] // title, headings, summary, body
    public static let k1: Float = 1.2
    public static let b: Float = 0.75

    public var language: String
    public var folder: String
    /// The size of a shard's JSON before compression, about.
    public var shardBytes: Int

    public init(language: String, folder: String, shardBytes: Int = 24_000) {
        self.language = language; self.folder = folder; self.shardBytes = shardBytes
    }

    public func bundle(_ input: [SearchDocument]) -> [(path: String, bytes: [UInt8])] {
        let documents = input.sorted { $0.url < $1.url }
        let index = Self.analyze(documents, language: language, keepDocumentTerms: false)
        let order = Self.order(index)
        let parts = Self.termParts(order, index)
        let shards = cutShards(parts)
        let written = shards.enumerated().map { $0 }.parallelMap { item in
            writeShard(json: Self.shardJSON(parts: Array(parts[item.element])),
                       first: item.offset == 0 || item.element.isEmpty ? [] : index.terms[Int(order[item.element.lowerBound])])
        }
        let fragments = stride(from: 0, to: documents.count, by: 128).map { $0..<min($0 + 128, documents.count) }
            .parallelMap { range in documents[range].map { Self.writeFragment($0) } }.flatMap { $0 }
        return files(shards: written, fragments: fragments, documents: documents)
    }

    // MARK: The steps, shared with `LiveSearchIndex`

    /// Terms, their postings and the documents' field lengths.
    struct Index: Sendable {
        var terms = TermTable()
        /// Per term: `[doc, weight, doc, weight, …]`, documents in order.
        var postings: [[Int32]] = []
        /// Per document: its terms and their weights (kept only for the live index).
        var documentTerms: [[(term: Int32, weight: Int32)]] = []
        var averages = SIMD4<Float>(repeating: 0)
    }

    struct WrittenShard: Sendable {
        var first: ArraySlice<UInt16>
        var path: String
        var bytes: [UInt8]
    }

    typealias Fragment = (hash: String, bytes: [UInt8])

    /// - Parameter runSize: documents per run (tests); by default at most 1,024 and at least two runs per core.
    static func analyze(_ documents: [SearchDocument], language: String, keepDocumentTerms: Bool, averages frozen: SIMD4<Float>? = nil,
                        runSize: Int? = nil) -> Index {
        let stemmer = Stemmer(language: language)
        // Runs of at most 1,024 documents, and at least two per core (558 pages were one run, on one core): a run
        // stems each of its word forms once, and the terms get the same ids however the documents are cut.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let size = runSize ?? max(64, min(1024, (documents.count + 2 * cores - 1) / (2 * cores)))
        let runs = stride(from: 0, to: documents.count, by: size).map { $0..<min($0 + size, documents.count) }
            .parallelMap { DocumentAnalyzer.analyze(documents[$0], stemmer: stemmer) }
        var index = Index()
        if let frozen {
            index.averages = frozen
        } else {
            var totals = SIMD4<Float>(repeating: 0)
            for run in runs { for document in run.documents { totals += document.lengths } }
            index.averages = totals / Float(max(documents.count, 1))
        }
        var documentIndex: Int32 = 0
        for run in runs {
            var global = [Int32](repeating: 0, count: run.stems.count)
            for local in 0..<run.stems.count {
                global[local] = run.stems[local].withUnsafeBufferPointer { index.terms.insert($0) }
                if Int(global[local]) == index.postings.count { index.postings.append([]) }
            }
            for document in run.documents {
                var own: [(term: Int32, weight: Int32)] = []
                for (position, local) in document.terms.enumerated() {
                    let term = global[Int(local)]
                    let weight = Self.weight(document.counts[position], lengths: document.lengths, averages: index.averages)
                    index.postings[Int(term)].append(documentIndex)
                    index.postings[Int(term)].append(weight)
                    if keepDocumentTerms { own.append((term, weight)) }
                }
                if keepDocumentTerms { index.documentTerms.append(own) }
                documentIndex += 1
            }
        }
        return index
    }

    /// Every term, in UTF-16 order (JavaScript's string order).
    static func order(_ index: Index) -> [Int32] {
        (0..<index.terms.count).sorted { index.terms.precedes($0, $1) }.map { Int32($0) }
    }

    /// Each term's part of its shard, `"term":[…]`, made once and in parallel.
    static func termParts(_ order: [Int32], _ index: Index) -> [[UInt8]] {
        stride(from: 0, to: order.count, by: 512).map { $0..<min($0 + 512, order.count) }
            .parallelMap { range in order[range].map { termJSON($0, index) } }.flatMap { $0 }
    }

    /// Splits the terms' parts (in order) into shards of about `shardBytes` of JSON: each shard's range.
    func cutShards(_ parts: [[UInt8]]) -> [Range<Int>] {
        var shards: [Range<Int>] = []
        var start = 0, size = 0
        for (position, part) in parts.enumerated() {
            size += part.count + 1
            if size >= shardBytes {
                shards.append(start..<(position + 1))
                start = position + 1
                size = 0
            }
        }
        if start < parts.count || shards.isEmpty { shards.append(start..<parts.count) }
        return shards
    }

    private static func appendTerm(_ term: Int32, _ index: Index, to json: inout JSONBytes) {
        json.string(units: index.terms[Int(term)])
        json.raw(58); json.raw(91)
        var previous: Int32 = 0
        let list = index.postings[Int(term)]
        for pair in stride(from: 0, to: list.count, by: 2) {
            if pair > 0 { json.raw(44) }
            json.number(Int(list[pair] - previous)); json.raw(44); json.number(Int(list[pair + 1]))
            previous = list[pair]
        }
        json.raw(93)
    }

    /// A term's part of its shard: `"term":[…]`.
    static func termJSON(_ term: Int32, _ index: Index) -> [UInt8] {
        var json = JSONBytes(capacity: 64 + index.postings[Int(term)].count * 4)
        appendTerm(term, index, to: &json)
        return json.bytes
    }

    /// A shard from its terms' parts: `{"term":[doc, weight, doc delta, weight, …], …}`.
    static func shardJSON(parts: [[UInt8]]) -> [UInt8] {
        var json: [UInt8] = [123]
        json.reserveCapacity(parts.reduce(2) { $0 + $1.count + 1 })
        for (position, part) in parts.enumerated() {
            if position > 0 { json.append(44) }
            json += part
        }
        json.append(125)
        return json
    }

    func writeShard(json: [UInt8], first: ArraySlice<UInt16>) -> WrittenShard {
        WrittenShard(first: first, path: "s." + String(Fingerprint.hash(json).prefix(10)) + ".gz", bytes: Gzip.compress(json))
    }

    /// A short fragment is plain JSON, a long one gzipped (`search.js` tells them by gzip's first two bytes).
    /// A results page fetches ten fragments, and inflating each in the browser (`DecompressionStream`) cost
    /// more time than the bytes it saved on the synthetic corpus's pages (10 fragments of about 5 KB: 30 ms
    /// gzipped, 20 ms plain); on real pages (MDN in Ukrainian: median 6.7 KB, a tenth above 21 KB) the
    /// fragments were most of a query's bytes, and above this size gzip takes two thirds of them off.
    static let plainFragmentLimit = 6_144

    static func writeFragment(_ document: SearchDocument) -> Fragment {
        let bytes = fragment(document)
        return (Fingerprint.hash(bytes), bytes.count > plainFragmentLimit ? Gzip.compress(bytes) : bytes)
    }

    /// Every file of the bundle from its written shards and fragments.
    func files(shards: [WrittenShard], fragments: [Fragment], documents: [SearchDocument]) -> [(path: String, bytes: [UInt8])] {
        var files: [(path: String, bytes: [UInt8])] = shards.map { (folder + $0.path, $0.bytes) }
        let fragmentFolder = Self.fragmentFolder(fragments)
        for (index, fragment) in fragments.enumerated() { files.append((folder + fragmentFolder + "\(index).json", fragment.bytes)) }
        return files + manifestFiles(shards: shards, fragmentFolder: fragmentFolder, documents: documents)
    }

    /// The fragments' folder, named by their contents.
    static func fragmentFolder(_ fragments: [Fragment]) -> String {
        var hashes: [UInt8] = []
        for fragment in fragments { hashes += Array(fragment.hash.utf8) }
        return "f." + String(Fingerprint.hash(hashes).prefix(10)) + "/"
    }

    /// The filters, the manifest and `index.json`.
    func manifestFiles(shards: [WrittenShard], fragmentFolder: String, documents: [SearchDocument]) -> [(path: String, bytes: [UInt8])] {
        manifestFiles(shards: shards, fragmentFolder: fragmentFolder, slots: documents.map { $0 }, count: documents.count)
    }

    /// The kind code of a slot no document holds (the live index's removed pages): no posting names it.
    static let emptySlotKind: Character = "-"

    /// The filters, the manifest and `index.json` for documents by number, some numbers held by none (a
    /// page the preview server removed): `count` documents are held, the BM25 `N`.
    func manifestFiles(shards: [WrittenShard], fragmentFolder: String, slots documents: [SearchDocument?], count: Int) -> [(path: String, bytes: [UInt8])] {
        let filters = Self.filters(documents)
        let filtersPath = "filters." + String(Fingerprint.hash(filters).prefix(10)) + ".gz"
        var manifest = JSONBytes()
        manifest.raw("{\"version\":1,\"language\":"); manifest.string(language)
        manifest.raw(",\"documents\":"); manifest.number(count)
        manifest.raw(",\"k1\":\(Self.k1),\"shards\":[")
        for (index, shard) in shards.enumerated() {
            if index > 0 { manifest.raw(44) }
            manifest.raw(91); manifest.string(units: shard.first); manifest.raw(44); manifest.string(shard.path); manifest.raw(93)
        }
        manifest.raw("],\"kinds\":"); manifest.string(String(documents.map { $0?.kindCode ?? Self.emptySlotKind }))
        manifest.raw(",\"fragments\":"); manifest.string(fragmentFolder)
        manifest.raw(",\"filters\":"); manifest.string(filtersPath); manifest.raw(125)
        let manifestPath = "manifest." + String(Fingerprint.hash(manifest.bytes).prefix(10)) + ".gz"
        return [(folder + filtersPath, Gzip.compress(filters)), (folder + manifestPath, Gzip.compress(manifest.bytes)),
                (folder + "index.json", Array("{\"manifest\":\(JSONText.quote(manifestPath))}\n".utf8))]
    }

    /// BM25F: each field's frequency, weighted and normalised by the field's length, summed; ×10, at least 1.
    static func weight(_ counts: SIMD4<Float>, lengths: SIMD4<Float>, averages: SIMD4<Float>) -> Int32 {
        var total: Float = 0
        for field in 0..<4 where counts[field] > 0 {
            let average = averages[field] > 0 ? averages[field] : 1
            total += fieldWeights[field] * counts[field] / (1 - b + b * lengths[field] / average)
        }
        return max(1, Int32((total * 10).rounded()))
    }

    /// What a fragment holds at most of a page's text (summary and sections together, in UTF-8 bytes), and
    /// of one section: a result shows a snippet, not the page, so a 50 MB page never makes a one-word query
    /// download 50 MB. Every word is still indexed; a snippet for a word past the cut falls back to the summary.
    static let fragmentTextLimit = 24_000
    static let fragmentSectionLimit = 3_000

    static func fragment(_ document: SearchDocument) -> [UInt8] {
        var budget = fragmentTextLimit
        // Limits in UTF-8 bytes; a cut falls between scalars, at the last space when there is one late enough.
        func cut(_ text: String, _ limit: Int) -> String {
            let allowed = max(0, min(limit, budget))
            guard text.utf8.count > allowed else { budget -= text.utf8.count; return text }
            budget -= allowed
            var bytes = 0, end = text.unicodeScalars.startIndex, space: String.Index?
            for index in text.unicodeScalars.indices {
                let length = UTF8.width(text.unicodeScalars[index])
                if bytes + length > allowed { break }
                if text.unicodeScalars[index] == " " { space = index }
                bytes += length
                end = text.unicodeScalars.index(after: index)
            }
            if let space, text.utf8.distance(from: text.startIndex, to: space) > allowed / 2 { end = space }
            return end == text.startIndex ? "" : String(text.unicodeScalars[..<end]) + "…"
        }
        var json = JSONBytes(capacity: 4096)
        json.raw("{\"url\":"); json.string(document.url)
        json.raw(",\"title\":"); json.string(cut(document.title, 400))
        json.raw(",\"kind\":"); json.string(document.kind)
        if let verdict = document.verdict { json.raw(",\"verdict\":"); json.string(verdict) }
        if let owner = document.owner { json.raw(",\"owner\":"); json.string(cut(owner.name, 200)) }
        if let policy = document.policy { json.raw(",\"policy\":"); json.string(cut(policy.name, 400)) }
        if let version = document.version { json.raw(",\"version\":"); json.string(cut(version, 60)) }
        json.raw(",\"summary\":"); json.string(cut(document.summary, fragmentSectionLimit))
        json.raw(",\"sections\":[")
        for (index, section) in (document.sections + document.facts).enumerated() {
            guard budget > 0 else { break }
            if index > 0 { json.raw(44) }
            let heading = cut(section.heading, 300)
            // An anchor too long to be worth a link (a heading of a whole paragraph) links to the page.
            json.raw(91); json.string(section.anchor.utf8.count > 200 ? "" : section.anchor); json.raw(44); json.string(heading); json.raw(44); json.string(cut(section.text, fragmentSectionLimit)); json.raw(93)
        }
        json.raw("]}")
        return json.bytes
    }

    static func filters(_ documents: [SearchDocument?]) -> [UInt8] {
        var json = JSONBytes()
        func table(_ name: String, plural: String, _ references: [SearchDocument.Reference?]) {
            let distinct = Set(references.compactMap { $0 }).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            var position: [String: Int] = [:]
            for (index, reference) in distinct.enumerated() { position[reference.id] = index }
            json.raw("\"\(plural)\":[")
            for (index, reference) in distinct.enumerated() {
                if index > 0 { json.raw(44) }
                json.raw(91); json.string(reference.id); json.raw(44); json.string(reference.name); json.raw(93)
            }
            json.raw("],\"\(name)\":[")
            for (index, reference) in references.enumerated() {
                if index > 0 { json.raw(44) }
                json.number(reference.flatMap { position[$0.id] } ?? -1)
            }
            json.raw(93)
        }
        json.raw(123)
        table("owner", plural: "owners", documents.map { $0?.owner })
        json.raw(44)
        table("policy", plural: "policies", documents.map { $0?.policy })
        json.raw(125)
        return json.bytes
    }
}
