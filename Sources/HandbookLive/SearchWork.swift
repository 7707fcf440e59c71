import HandbookModel
import HandbookSearch
import HandbookRender
import HandbookSite

/// The preview server's search step: what the plans since the last indexing asked of each language's
/// search, carried out on the live indexes (a document replaced in place, or the language indexed whole
/// when it has no index yet or the document is new to it).
public struct SearchWork: @unchecked Sendable {
    public struct Result: @unchecked Sendable {
        let rebuilt: [(folder: String, index: LiveSearchIndex)]
        let deltas: [LiveSearchIndex.Delta]
    }

    let setup: SiteRender
    let full: [String]
    let updates: [(index: LiveSearchIndex, documents: [SearchDocument])]

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
    }

    /// "rebuilt (uk, en)", "updated (uk: 1 page)".
    public var summary: String {
        var parts: [String] = []
        if !full.isEmpty { parts.append("rebuilt (\(full.joined(separator: ", ")))") }
        if !updates.isEmpty {
            parts.append("updated (" + updates.map { "\($0.index.language): \($0.documents.count) page\($0.documents.count == 1 ? "" : "s")" }.joined(separator: ", ") + ")")
        }
        return parts.joined(separator: ", ")
    }

    public func run() -> Result {
        let built = full.parallelMap { language in
            LiveSearchIndex(indexer: setup.searchIndexer(language), documents: setup.searchDocuments(language: language))
        }
        let rebuilt = zip(full, built).map { (setup.site.urls.searchIndexFolder($0.0), $0.1) }
        // Checked in `init`: every document's URL is in its index.
        let deltas = updates.compactMap { $0.index.updateReturningDelta($0.documents) }
        return Result(rebuilt: rebuilt, deltas: deltas)
    }
}
