/// One language's search bundle kept in memory and updated document by document (the preview server).
///
/// It starts as exactly the bundle `SearchIndexer.bundle` writes. After that, updating a document
/// re-analyses that document alone, moves its postings, and rewrites only the shards that hold one of
/// its old or new terms, its fragment, the filters and the manifest. Two things are frozen at the start
/// so that no other document's postings move: the average field lengths BM25 normalises by, and the
/// shards' term ranges (a new term joins the shard whose range holds it). A clean build recomputes
/// both, so its weights may differ by a rounding step and its shards may be cut elsewhere; what each
/// term finds is the same. The fragments keep their folder's name too (a preview is never cached).
public final class LiveSearchIndex: @unchecked Sendable {
    private let indexer: SearchIndexer
    private var documents: [SearchDocument]
    private let positions: [String: Int]
    private var index: SearchIndexer.Index
    /// Per shard: its terms in order.
    private var shardTerms: [[Int32]]
    private var written: [SearchIndexer.WrittenShard]
    private var fragments: [SearchIndexer.Fragment]
    private var fragmentFolder = ""
    /// The filters, manifest and `index.json` as last written.
    private var manifestPaths: [String] = []
    /// Each term's part of its shard, made when its shard is first rewritten and kept until its postings change.
    private var termParts: [Int32: [UInt8]] = [:]
    /// The bundle's files, by path.
    public private(set) var files: [String: [UInt8]] = [:]

    /// What an update changed in `files`.
    public struct Delta: Sendable {
        public var removed: Set<String> = []
        public var written: [String: [UInt8]] = [:]
    }

    public init(indexer: SearchIndexer, documents input: [SearchDocument]) {
        self.indexer = indexer
        documents = input.sorted { $0.url < $1.url }
        positions = Dictionary(documents.enumerated().map { ($0.element.url, $0.offset) }, uniquingKeysWith: { first, _ in first })
        index = SearchIndexer.analyze(documents, language: indexer.language, keepDocumentTerms: true)
        let order = SearchIndexer.order(index)
        let parts = SearchIndexer.termParts(order, index)
        let ranges = indexer.cutShards(parts)
        shardTerms = ranges.map { Array(order[$0]) }
        let index = index, indexer = indexer
        written = ranges.enumerated().map { $0 }.parallelMap { item in
            indexer.writeShard(json: SearchIndexer.shardJSON(parts: Array(parts[item.element])),
                               first: item.offset == 0 || item.element.isEmpty ? [] : index.terms[Int(order[item.element.lowerBound])])
        }
        for (term, part) in zip(order, parts) { termParts[term] = part }
        let documents = documents
        fragments = stride(from: 0, to: documents.count, by: 128).map { $0..<min($0 + 128, documents.count) }
            .parallelMap { range in documents[range].map { SearchIndexer.writeFragment($0) } }.flatMap { $0 }
        fragmentFolder = SearchIndexer.fragmentFolder(fragments)
        let all = indexer.files(shards: written, fragments: fragments, documents: documents)
        for file in all { files[file.path] = file.bytes }
        // `files` ends with the filters, the manifest and `index.json`.
        manifestPaths = all.suffix(3).map(\.path)
        _ = firstTerms
    }

    public var language: String { indexer.language }

    /// Whether the index holds a document with this URL (only those can be updated).
    public func contains(url: String) -> Bool { positions[url] != nil }

    /// The documents of `all` that differ from the ones held, when `all` has exactly the URLs the index
    /// holds (nil otherwise: a page was added or removed, rebuild the index instead). A retitle or an owner
    /// change alters the documents of the pages that show the title or the name; this finds them.
    public func changedDocuments(_ all: [SearchDocument]) -> [SearchDocument]? {
        guard all.count == documents.count else { return nil }
        var changed: [SearchDocument] = []
        for document in all {
            guard let position = positions[document.url] else { return nil }
            if documents[position] != document { changed.append(document) }
        }
        return changed
    }

    /// Puts new versions of documents in place of the old ones (same URLs).
    /// - Returns: false, changing nothing, when a URL is not in the index (rebuild it instead).
    @discardableResult
    public func update(_ changed: [SearchDocument]) -> Bool { updateReturningDelta(changed) != nil }

    /// Like `update`, returning what changed in `files` (nil when a URL is not in the index).
    public func updateReturningDelta(_ changed: [SearchDocument]) -> Delta? {
        guard changed.allSatisfy({ positions[$0.url] != nil }) else { return nil }
        var delta = Delta()
        func write(_ path: String, _ bytes: [UInt8]) {
            files[path] = bytes
            delta.written[path] = bytes
            delta.removed.remove(path)
        }
        func remove(_ path: String) {
            files[path] = nil
            delta.removed.insert(path)
            delta.written[path] = nil
        }
        var touchedShards: Set<Int> = []
        for document in changed {
            let position = positions[document.url]!
            let fresh = SearchIndexer.analyze([document], language: indexer.language, keepDocumentTerms: true, averages: index.averages)
            for (term, _) in index.documentTerms[position] {
                removePosting(of: Int32(position), from: term)
                termParts[term] = nil
                touchedShards.insert(shard(of: term))
            }
            var own: [(term: Int32, weight: Int32)] = []
            for (localTerm, weight) in fresh.documentTerms.first ?? [] {
                let term = fresh.terms[Int(localTerm)].withContiguousStorageIfAvailable { index.terms.insert($0) }
                    ?? index.terms.insert(Array(fresh.terms[Int(localTerm)]))
                if Int(term) == index.postings.count {
                    index.postings.append([])
                    addToShard(term)
                }
                insertPosting(of: Int32(position), weight: weight, into: term)
                termParts[term] = nil
                touchedShards.insert(shard(of: term))
                own.append((term, weight))
            }
            index.documentTerms[position] = own
            documents[position] = document
            fragments[position] = SearchIndexer.writeFragment(document)
            write(indexer.folder + fragmentFolder + "\(position).json", fragments[position].bytes)
        }
        for shard in touchedShards {
            // A term no document holds any more leaves its shard (a clean build would not list it).
            shardTerms[shard].removeAll { index.postings[Int($0)].isEmpty }
            remove(indexer.folder + written[shard].path)
            let parts = shardTerms[shard].map { term in
                if let part = termParts[term] { return part }
                let part = SearchIndexer.termJSON(term, index)
                termParts[term] = part
                return part
            }
            // The manifest keeps the shard's range as it was cut: a lookup finds the same shard.
            written[shard] = indexer.writeShard(json: SearchIndexer.shardJSON(parts: parts), first: firstTerms[shard])
            write(indexer.folder + written[shard].path, written[shard].bytes)
        }
        for path in manifestPaths { remove(path) }
        let manifest = indexer.manifestFiles(shards: written, fragmentFolder: fragmentFolder, documents: documents)
        for file in manifest { write(file.path, file.bytes) }
        manifestPaths = manifest.map(\.path)
        return delta
    }

    // MARK: Postings and shards

    /// Each shard's first term as the manifest says it: frozen at the start (an emptied shard keeps its range).
    private lazy var firstTerms: [ArraySlice<UInt16>] = written.map(\.first)

    private func removePosting(of document: Int32, from term: Int32) {
        var list = index.postings[Int(term)]
        var low = 0, high = list.count / 2
        while low < high {
            let middle = (low + high) / 2
            if list[middle * 2] < document { low = middle + 1 } else { high = middle }
        }
        if low * 2 < list.count, list[low * 2] == document { list.removeSubrange((low * 2)..<(low * 2 + 2)) }
        index.postings[Int(term)] = list
    }

    private func insertPosting(of document: Int32, weight: Int32, into term: Int32) {
        var list = index.postings[Int(term)]
        var low = 0, high = list.count / 2
        while low < high {
            let middle = (low + high) / 2
            if list[middle * 2] < document { low = middle + 1 } else { high = middle }
        }
        list.insert(contentsOf: [document, weight], at: low * 2)
        index.postings[Int(term)] = list
    }

    /// The shard whose range holds a term: the last one whose first term is not after it.
    private func shard(of term: Int32) -> Int {
        let units = index.terms[Int(term)]
        var low = 1, high = firstTerms.count
        while low < high {
            let middle = (low + high) / 2
            if firstTerms[middle].lexicographicallyPrecedes(units) || firstTerms[middle] == units { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    private func addToShard(_ term: Int32) {
        let shard = shard(of: term)
        let terms = index.terms
        let position = shardTerms[shard].firstIndex { terms.precedes(Int(term), Int($0)) } ?? shardTerms[shard].count
        shardTerms[shard].insert(term, at: position)
    }
}
