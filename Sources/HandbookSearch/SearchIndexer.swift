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
        let runs = stride(from: 0, to: documents.count, by: 256).map { $0..<min($0 + 256, documents.count) }
            .parallelMap { DocumentAnalyzer.analyze(documents[$0], stemmer: stemmer) }
        var totals = SIMD4<Float>(repeating: 0)
        for run in runs { for document in run.documents { totals += document.lengths } }
        let averages = totals / Float(max(documents.count, 1))

        // Postings per term, documents in order: [doc, weight, doc, weight, …].
        var terms = TermTable()
        var postings: [[Int32]] = []
        var documentIndex: Int32 = 0
        for run in runs {
            var global = [Int32](repeating: 0, count: run.stems.count)
            for local in 0..<run.stems.count {
                global[local] = run.stems[local].withUnsafeBufferPointer { terms.insert($0) }
                if Int(global[local]) == postings.count { postings.append([]) }
            }
            for document in run.documents {
                for (index, local) in document.terms.enumerated() {
                    let term = Int(global[Int(local)])
                    postings[term].append(documentIndex)
                    postings[term].append(Self.weight(document.counts[index], lengths: document.lengths, averages: averages))
                }
                documentIndex += 1
            }
        }
        let order = (0..<terms.count).sorted { terms.precedes($0, $1) }

        // Shards of about `shardBytes`, each a JSON object of terms in order.
        var shardTexts: [(first: Int, json: [UInt8])] = []
        var json = JSONBytes(capacity: shardBytes + 4096), first = -1
        for term in order {
            if first < 0 { first = term; json.raw(123) } else { json.raw(44) }
            json.string(units: terms[term])
            json.raw(58); json.raw(91)
            var previous: Int32 = 0
            let list = postings[term]
            for pair in stride(from: 0, to: list.count, by: 2) {
                if pair > 0 { json.raw(44) }
                json.number(Int(list[pair] - previous)); json.raw(44); json.number(Int(list[pair + 1]))
                previous = list[pair]
            }
            json.raw(93)
            if json.bytes.count >= shardBytes {
                json.raw(125)
                shardTexts.append((first, json.bytes))
                json = JSONBytes(capacity: shardBytes + 4096); first = -1
            }
        }
        if first >= 0 { json.raw(125); shardTexts.append((first, json.bytes)) }
        if shardTexts.isEmpty { shardTexts.append((-1, Array("{}".utf8))) }

        let table = terms
        let shards = shardTexts.enumerated().map { $0 }.parallelMap { item -> (first: ArraySlice<UInt16>, path: String, bytes: [UInt8]) in
            let (index, shard) = item
            return (index == 0 || shard.first < 0 ? [] : table[shard.first], "s." + String(Fingerprint.hash(shard.json).prefix(10)) + ".gz", Gzip.compress(shard.json, level: 4))
        }
        var files: [(path: String, bytes: [UInt8])] = shards.map { (folder + $0.path, $0.bytes) }

        let fragments = stride(from: 0, to: documents.count, by: 128).map { $0..<min($0 + 128, documents.count) }
            .parallelMap { range -> [(hash: String, bytes: [UInt8])] in
                guard let compressor = Gzip.Compressor(level: 4) else { return [] }
                return documents[range].map { document in
                    let bytes = Self.fragment(document)
                    return (Fingerprint.hash(bytes), compressor.compress(bytes))
                }
            }.flatMap { $0 }
        var fragmentHashes: [UInt8] = []
        for fragment in fragments { fragmentHashes += Array(fragment.hash.utf8) }
        let fragmentFolder = "f." + String(Fingerprint.hash(fragmentHashes).prefix(10)) + "/"
        for (index, fragment) in fragments.enumerated() { files.append((folder + fragmentFolder + "\(index).gz", fragment.bytes)) }

        let filters = Self.filters(documents)
        let filtersPath = "filters." + String(Fingerprint.hash(filters).prefix(10)) + ".gz"
        files.append((folder + filtersPath, Gzip.compress(filters)))

        var manifest = JSONBytes()
        manifest.raw("{\"version\":1,\"language\":"); manifest.string(language)
        manifest.raw(",\"documents\":"); manifest.number(documents.count)
        manifest.raw(",\"k1\":\(Self.k1),\"shards\":[")
        for (index, shard) in shards.enumerated() {
            if index > 0 { manifest.raw(44) }
            manifest.raw(91); manifest.string(units: shard.first); manifest.raw(44); manifest.string(shard.path); manifest.raw(93)
        }
        manifest.raw("],\"kinds\":"); manifest.string(String(documents.map(\.kindCode)))
        manifest.raw(",\"fragments\":"); manifest.string(fragmentFolder)
        manifest.raw(",\"filters\":"); manifest.string(filtersPath); manifest.raw(125)
        let manifestPath = "manifest." + String(Fingerprint.hash(manifest.bytes).prefix(10)) + ".gz"
        files.append((folder + manifestPath, Gzip.compress(manifest.bytes)))
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

    static func fragment(_ document: SearchDocument) -> [UInt8] {
        var json = JSONBytes(capacity: 4096)
        json.raw("{\"url\":"); json.string(document.url)
        json.raw(",\"title\":"); json.string(document.title)
        json.raw(",\"kind\":"); json.string(document.kind)
        if let verdict = document.verdict { json.raw(",\"verdict\":"); json.string(verdict) }
        if let owner = document.owner { json.raw(",\"owner\":"); json.string(owner.name) }
        if let policy = document.policy { json.raw(",\"policy\":"); json.string(policy.name) }
        json.raw(",\"summary\":"); json.string(document.summary)
        json.raw(",\"sections\":[")
        for (index, section) in document.sections.enumerated() {
            if index > 0 { json.raw(44) }
            json.raw(91); json.string(section.anchor); json.raw(44); json.string(section.heading); json.raw(44); json.string(section.text); json.raw(93)
        }
        json.raw("]}")
        return json.bytes
    }

    static func filters(_ documents: [SearchDocument]) -> [UInt8] {
        var json = JSONBytes()
        func table(_ name: String, _ references: [SearchDocument.Reference?]) {
            let distinct = Set(references.compactMap { $0 }).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            var position: [String: Int] = [:]
            for (index, reference) in distinct.enumerated() { position[reference.id] = index }
            json.raw("\"\(name)s\":[")
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
        table("owner", documents.map(\.owner))
        json.raw(44)
        table("policy", documents.map(\.policy))
        json.raw(125)
        return json.bytes
    }
}
