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
    /// The live indexes of the languages to index whole, when they have one: if the language's documents
    /// still have the same URLs, only those that changed are put in place (`run`).
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

    /// "rebuilt (uk, en)", "updated (uk: 1 page)" (a language to index whole whose pages kept their URLs is
    /// said as rebuilt, though only its changed documents are put in place).
    public var summary: String {
        var parts: [String] = []
        if !full.isEmpty { parts.append("rebuilt (\(full.joined(separator: ", ")))") }
        if !updates.isEmpty {
            parts.append("updated (" + updates.map { "\($0.index.language): \($0.documents.count) page\($0.documents.count == 1 ? "" : "s")" }.joined(separator: ", ") + ")")
        }
        return parts.joined(separator: ", ")
    }

    public func run() -> Result {
        // A language whose documents keep their URLs (a retitle, an owner change: what other pages show of a
        // page) has only the documents that changed put in place, not the language indexed whole.
        let made = full.parallelMap { language -> (whole: LiveSearchIndex?, inPlace: (LiveSearchIndex, [SearchDocument])?) in
            let documents = setup.searchDocuments(language: language)
            if let index = existing[language], let changed = index.changedDocuments(documents) { return (nil, (index, changed)) }
            return (LiveSearchIndex(indexer: setup.searchIndexer(language), documents: documents), nil)
        }
        let rebuilt = zip(full, made).compactMap { item in item.1.whole.map { (setup.site.urls.searchIndexFolder(item.0), $0) } }
        // Checked in `init` (updates) and by `changedDocuments` (in place): every document's URL is in its index.
        let inPlace = made.compactMap(\.inPlace).filter { !$0.1.isEmpty }
        let deltas = (updates + inPlace.map { (index: $0.0, documents: $0.1) }).compactMap { $0.index.updateReturningDelta($0.documents) }
        return Result(rebuilt: rebuilt, deltas: deltas)
    }
}
