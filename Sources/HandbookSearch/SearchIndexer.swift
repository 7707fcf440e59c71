import HandbookModel

/// Builds one language's search bundle from its documents: a pure function from documents to files.
///
/// Files, all under `folder` (e.g. `search/uk/`):
/// - `index.json`: `{"manifest": NAME}`, the only file not fingerprinted (a few dozen bytes);
/// - `manifest.HASH.gz`: document count, BM25 constants, the first term of every shard, each document's kind;
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
        let stemmer = Stemmer(language: language)
        let analyzed = documents.parallelMap { AnalyzedDocument($0, stemmer: stemmer) }
        var totals = SIMD4<Float>(repeating: 0)
        for document in analyzed { totals += document.lengths }
        let averages = totals / Float(max(documents.count, 1))

        var postings: [[UInt16]: [Int32]] = [:]
        for (index, document) in analyzed.enumerated() {
            for (term, counts) in document.counts {
                postings[term, default: []] += [Int32(index), Self.weight(counts, lengths: document.lengths, averages: averages)]
            }
        }
        let terms = postings.keys.sorted { $0.lexicographicallyPrecedes($1) }

        var files: [(path: String, bytes: [UInt8])] = []
        var shardTexts: [(first: [UInt16], json: String)] = []
        var json = "{", first: [UInt16]? = nil
        for term in terms {
            if first == nil { first = term } else { json += "," }
            json += JSONText.quote(String(decoding: term, as: UTF16.self)) + ":["
            var previous: Int32 = 0
            let list = postings[term]!
            for pair in stride(from: 0, to: list.count, by: 2) {
                if pair > 0 { json += "," }
                json += String(list[pair] - previous) + "," + String(list[pair + 1])
                previous = list[pair]
            }
            json += "]"
            if json.utf8.count >= shardBytes {
                shardTexts.append(([], json + "}"))
                shardTexts[shardTexts.count - 1].first = first!
                json = "{"; first = nil
            }
        }
        if let first { shardTexts.append((first, json + "}")) }
        if shardTexts.isEmpty { shardTexts.append(([], "{}")) }
        shardTexts[0].first = []

        let shards = shardTexts.parallelMap { shard -> (first: [UInt16], path: String, bytes: [UInt8]) in
            let bytes = Array(shard.json.utf8)
            return (shard.first, "s." + String(Fingerprint.hash(bytes).prefix(10)) + ".gz", Gzip.compress(bytes))
        }
        files += shards.map { (folder + $0.path, $0.bytes) }

        let fragments = documents.parallelMap { document -> ([UInt8], [UInt8]) in
            let bytes = Array(Self.fragment(document).utf8)
            return (bytes, Gzip.compress(bytes))
        }
        var fragmentHash: [UInt8] = []
        for (raw, _) in fragments { fragmentHash += Array(Fingerprint.hash(raw).utf8) }
        let fragmentFolder = "f." + String(Fingerprint.hash(fragmentHash).prefix(10)) + "/"
        for (index, fragment) in fragments.enumerated() { files.append((folder + fragmentFolder + "\(index).gz", fragment.1)) }

        let filters = Array(Self.filters(documents).utf8)
        let filtersPath = "filters." + String(Fingerprint.hash(filters).prefix(10)) + ".gz"
        files.append((folder + filtersPath, Gzip.compress(filters)))

        var manifest = "{\"version\":1,\"language\":\(JSONText.quote(language)),\"documents\":\(documents.count)"
        manifest += ",\"k1\":\(Self.k1),\"shards\":["
        manifest += shards.map { "[\(JSONText.quote(String(decoding: $0.first, as: UTF16.self))),\(JSONText.quote($0.path))]" }.joined(separator: ",")
        manifest += "],\"kinds\":\(JSONText.quote(String(documents.map(\.kindCode))))"
        manifest += ",\"fragments\":\(JSONText.quote(fragmentFolder)),\"filters\":\(JSONText.quote(filtersPath))}"
        let manifestBytes = Array(manifest.utf8)
        let manifestPath = "manifest." + String(Fingerprint.hash(manifestBytes).prefix(10)) + ".gz"
        files.append((folder + manifestPath, Gzip.compress(manifestBytes)))
        files.append((folder + "index.json", Array("{\"manifest\":\(JSONText.quote(manifestPath))}\n".utf8)))
        return files
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

    static func fragment(_ document: SearchDocument) -> String {
        var json = "{\"url\":\(JSONText.quote(document.url)),\"title\":\(JSONText.quote(document.title)),\"kind\":\(JSONText.quote(document.kind))"
        if let verdict = document.verdict { json += ",\"verdict\":\(JSONText.quote(verdict))" }
        if let owner = document.owner { json += ",\"owner\":\(JSONText.quote(owner.name))" }
        if let policy = document.policy { json += ",\"policy\":\(JSONText.quote(policy.name))" }
        json += ",\"summary\":\(JSONText.quote(document.summary)),\"sections\":["
        json += document.sections.map { "[\(JSONText.quote($0.anchor)),\(JSONText.quote($0.heading)),\(JSONText.quote($0.text))]" }.joined(separator: ",")
        return json + "]}"
    }

    static func filters(_ documents: [SearchDocument]) -> String {
        func table(_ references: [SearchDocument.Reference?]) -> (list: String, indexes: String) {
            let distinct = Set(references.compactMap { $0 }).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            var position: [String: Int] = [:]
            for (index, reference) in distinct.enumerated() { position[reference.id] = index }
            let list = distinct.map { "[\(JSONText.quote($0.id)),\(JSONText.quote($0.name))]" }.joined(separator: ",")
            return (list, references.map { String($0.flatMap { position[$0.id] } ?? -1) }.joined(separator: ","))
        }
        let owners = table(documents.map(\.owner)), policies = table(documents.map(\.policy))
        return "{\"owners\":[\(owners.list)],\"owner\":[\(owners.indexes)],\"policies\":[\(policies.list)],\"policy\":[\(policies.indexes)]}"
    }
}

/// A document's stems with their frequency in each field (title, headings, summary, body), and the fields' lengths.
struct AnalyzedDocument: Sendable {
    var counts: [[UInt16]: SIMD4<Float>] = [:]
    var lengths = SIMD4<Float>(repeating: 0)

    init(_ document: SearchDocument, stemmer: Stemmer) {
        var stems: [[UInt16]: [UInt16]] = [:]
        func add(_ text: String, field: Int) {
            SearchTokenizer.scan(text) { form in
                let stem: [UInt16]
                if let known = stems[form] { stem = known } else { stem = stemmer.stem(form); stems[form] = stem }
                counts[stem, default: .zero][field] += 1
                lengths[field] += 1
            }
        }
        add(document.title, field: 0)
        for section in document.sections where !section.heading.isEmpty { add(section.heading, field: 1) }
        add(document.summary, field: 2)
        for section in document.sections { add(section.text, field: 3) }
    }
}
