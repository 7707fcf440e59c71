/// One language's search bundle kept in memory and updated document by document (the preview server).
///
/// It starts as exactly the bundle `SearchIndexer.bundle` writes. After that, updating a document
/// re-analyses that document alone, moves its postings, and rewrites only the shards that hold one of
/// its old or new terms, its fragment, the filters and the manifest. Two things are frozen at the start
/// so that no other document's postings move: the average field lengths BM25 normalises by, and the
/// shards' term ranges (a new term joins the shard whose range holds it). A clean build recomputes
/// both, so its weights may differ by a rounding step and its shards may be cut elsewhere; what each
/// term finds is the same. The fragments keep their folder's name too (a preview is never cached).
///
/// A page added takes the next number (its fragment `f.…/N.json`); a page removed leaves its number
/// empty: no posting names it, its fragment is gone, its filters are -1 and its kind `-`. So no other
/// document is renumbered, and a page added or removed rewrites only the shards of its own terms. The
/// manifest's document count (BM25's N) counts the documents held. When the empty numbers become a
/// quarter of all, `apply` declines and the server indexes the language whole, which renumbers.
public final class LiveSearchIndex: @unchecked Sendable {
    private let indexer: SearchIndexer
    /// By number; nil where a removed page was.
    private var documents: [SearchDocument?]
    private var positions: [String: Int]
    private var held: Int
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
        let documents = input.sorted { $0.url < $1.url }
        self.documents = documents
        held = documents.count
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

    /// What differs between the documents held and a language's documents now.
    public struct Changes: Sendable {
        /// New versions of documents held, and documents of URLs the index does not hold.
        public var changed: [SearchDocument] = []
        /// URLs held that have no document now.
        public var removed: [String] = []
        public var isEmpty: Bool { changed.isEmpty && removed.isEmpty }
    }

    /// How `all` (a language's documents now) differs from the documents held: a retitle or an owner change
    /// alters the documents of the pages that show the title or the name, a page added or removed adds or
    /// removes one. Nil when `all` has a URL twice (index the language whole: a clean build would report it).
    public func changes(_ all: [SearchDocument]) -> Changes? {
        var changes = Changes(), seen = Set<String>(minimumCapacity: all.count), kept = 0
        for document in all {
            guard seen.insert(document.url).inserted else { return nil }
            guard let position = positions[document.url] else { changes.changed.append(document); continue }
            kept += 1
            if documents[position] != document { changes.changed.append(document) }
        }
        if kept < held { changes.removed = positions.keys.filter { !seen.contains($0) }.sorted() }
        return changes
    }

    /// Puts new versions of documents in place of the old ones (same URLs).
    /// - Returns: false, changing nothing, when a URL is not in the index (rebuild it instead).
    @discardableResult
    public func update(_ changed: [SearchDocument]) -> Bool { updateReturningDelta(changed) != nil }

    /// Like `update`, returning what changed in `files` (nil when a URL is not in the index).
    public func updateReturningDelta(_ changed: [SearchDocument]) -> Delta? {
        guard changed.allSatisfy({ positions[$0.url] != nil }) else { return nil }
        return apply(Changes(changed: changed))
    }

    /// Puts changed documents in place, adds new ones under the next numbers and empties the numbers of
    /// removed ones, returning what changed in `files`.
    /// - Returns: nil, changing nothing, when the empty numbers would be a quarter of all (index the
    ///   language whole instead), or a removed URL is not held.
    public func apply(_ changes: Changes) -> Delta? {
        guard changes.removed.allSatisfy({ positions[$0] != nil }) else { return nil }
        let added = changes.changed.filter { positions[$0.url] == nil }.count
        let empty = documents.count - held + changes.removed.count
        if empty > 0, empty * 4 > documents.count + added { return nil }
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
        func dropPostings(_ position: Int) {
            for (term, _) in index.documentTerms[position] {
                removePosting(of: Int32(position), from: term)
                termParts[term] = nil
                touchedShards.insert(shard(of: term))
            }
            index.documentTerms[position] = []
        }
        for url in changes.removed {
            guard let position = positions.removeValue(forKey: url) else { continue }
            dropPostings(position)
            documents[position] = nil
            fragments[position] = (hash: "", bytes: [])
            held -= 1
            remove(indexer.folder + fragmentFolder + "\(position).json")
        }
        for document in changes.changed {
            let position: Int
            if let held = positions[document.url] {
                position = held
            } else {
                position = documents.count
                positions[document.url] = position
                documents.append(nil)
                index.documentTerms.append([])
                fragments.append((hash: "", bytes: []))
                held += 1
            }
            let fresh = SearchIndexer.analyze([document], language: indexer.language, keepDocumentTerms: true, averages: index.averages)
            dropPostings(position)
            var own: [(term: Int32, weight: Int32)] = []
            for (localTerm, weight) in fresh.documentTerms.first ?? [] {
                let term = fresh.terms[Int(localTerm)].withContiguousStorageIfAvailable { index.terms.insert($0) }
                    ?? index.terms.insert(Array(fresh.terms[Int(localTerm)]))
                if Int(term) == index.postings.count {
                    index.postings.append([])
                    addToShard(term)
                } else if index.postings[Int(term)].isEmpty, !shardTerms[shard(of: term)].contains(term) {
                    // A term an earlier update took out of its shard (no document held it) comes back.
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
        let manifest = indexer.manifestFiles(shards: written, fragmentFolder: fragmentFolder, slots: documents, count: held)
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
