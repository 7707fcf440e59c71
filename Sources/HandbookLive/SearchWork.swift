import HandbookModel
import HandbookSearch
import HandbookRender
import HandbookSite

/// The preview server's search step: what the plans since the last indexing asked of each language's
/// search, carried out on the live indexes: documents replaced, added and removed in place, or the
/// language indexed whole when it has no index yet or its index declines (`LiveSearchIndex.apply`).
public struct SearchWork: @unchecked Sendable {
    public struct Result: @unchecked Sendable {
        let rebuilt: [(folder: String, index: LiveSearchIndex)]
        let deltas: [LiveSearchIndex.Delta]
        /// "rebuilt (en), updated (uk: 1 page)": the languages indexed whole, and the pages put in place.
        public let summary: String
    }

    let setup: SiteRender
    let full: [String]
    let updates: [(index: LiveSearchIndex, documents: [SearchDocument])]
    /// The live indexes of the languages to index whole, when they have one: only the documents that
    /// changed, came or went are put in place (`run`).
    let existing: [String: LiveSearchIndex]

    init(setup: SiteRender, plan: [String: BuildPlan.Search], indexes: [String: LiveSearchIndex]) {
        self.setup = setup
        var full: [String] = []
        var updates: [(index: LiveSearchIndex, documents: [SearchDocument])] = []
        for language in setup.site.settings.languages {
            switch plan[language] {
            case nil: continue
            case .full: full.append(language)
            case .update(let paths):
                let documents = setup.searchDocuments(of: setup.pages.filter { paths.contains($0.path) })
                if let index = indexes[language], documents.allSatisfy({ index.contains(url: $0.url) }) {
                    if !documents.isEmpty { updates.append((index, documents)) }
                } else {
                    full.append(language)
                }
            }
        }
        self.full = full
        self.updates = updates
        existing = indexes.filter { full.contains($0.key) }
    }

    public func run() -> Result {
        // A language with an index has only the documents that changed (a retitle, an owner change: what other
        // pages show of a page), came or went put in place; it is indexed whole only when its index declines.
        let made = full.parallelMap { language -> (whole: LiveSearchIndex?, delta: LiveSearchIndex.Delta?, pages: Int) in
            let documents = setup.searchDocuments(language: language)
            if let index = existing[language], let changes = index.changes(documents) {
                if changes.isEmpty { return (nil, nil, 0) }
                if let delta = index.apply(changes) { return (nil, delta, changes.changed.count + changes.removed.count) }
            }
            return (LiveSearchIndex(indexer: setup.searchIndexer(language), documents: documents), nil, 0)
        }
        let rebuilt = zip(full, made).compactMap { item in item.1.whole.map { (setup.site.urls.searchIndexFolder(item.0), $0) } }
        // Checked in `init`: every document's URL is in its index.
        let deltas = updates.compactMap { $0.index.updateReturningDelta($0.documents) } + made.compactMap(\.delta)
        var updated = updates.map { ($0.index.language, $0.documents.count) }
        for (language, item) in zip(full, made) where item.delta != nil { updated.append((language, item.pages)) }
        var parts: [String] = []
        let whole = zip(full, made).filter { $0.1.whole != nil }.map(\.0)
        if !whole.isEmpty { parts.append("rebuilt (\(whole.joined(separator: ", ")))") }
        if !updated.isEmpty {
            parts.append("updated (" + updated.map { "\($0.0): \($0.1) page\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ") + ")")
        }
        return Result(rebuilt: rebuilt, deltas: deltas, summary: parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))
    }
}
