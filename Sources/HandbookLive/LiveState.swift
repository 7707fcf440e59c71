import HandbookHistory
import HandbookModel
import HandbookSearch
import HandbookRender
import HandbookSite
import HandbookTheme

/// All the preview server knows, as one value: its reading of the input, the state its files show, the
/// changes made since (kept while errors hold the last good build back), the files, and the search work
/// owed and the live indexes it updates.
struct LiveState {
    var inputs = LiveInputs()
    var history = SiteHistory.none
    /// Pages with changes not yet committed: `git status` at the start, and every page saved since.
    var unpublished: Set<String> = []
    /// The state the files show; nil before the first good build.
    var published: SiteState?
    /// What changed since `published`.
    var pending: [InputChange] = []
    var files: [String: [UInt8]] = [:]
    /// The search each language owes since it was last indexed.
    var search: [String: BuildPlan.Search] = [:]
    /// Each language's search index, kept to be updated document by document.
    var searchIndexes: [String: LiveSearchIndex] = [:]
    /// The list and A–Z entries of the pages, kept from state to state while only pages and their files change.
    private(set) var memo = PageValueMemo()

    /// Starts a new memo unless every pending change is of pages or content files: the entries are made with
    /// the settings and the theme's strings, which any other change may touch.
    mutating func keepMemoIfValid() {
        let valid = pending.allSatisfy { change in
            switch change {
            case .pageEdited, .pageAdded, .pageRemoved, .contentAsset: true
            default: false
            }
        }
        if !valid { memo = PageValueMemo() }
    }

    /// The next state of the site from the input as read now. When every pending change is an edit of a
    /// page that keeps what relates it to other pages (`RelationSignature.entities`: a text edit, a retitle,
    /// a new summary or owner), the index entries of the other pages are reused, and so are the relations
    /// (a new owner or facilitator moved from one person's list to the other's): on 10,000 pages, a retitle
    /// spent a fifth of its time making them again. When pages came or went, or an edit changed what relates
    /// a page, those pages' entities are related again (`Relations.update`) and the entries of the pages that
    /// show the changed ones are made again (`SiteIndex.affected`), with the pages linking to those that came or went.
    /// Call `keepMemoIfValid()` first.
    func nextState(_ handbook: Handbook, theme: Theme, options: BuildOptions) -> SiteState {
        let fresh = { SiteState(handbook: handbook, theme: theme, history: history, options: options, unpublished: unpublished, memo: memo) }
        guard let published, !pending.isEmpty, pending.allSatisfy({ $0.pagePath != nil }) else { return fresh() }
        let visible = options.builtPages(of: handbook)
        let byPath = Dictionary(visible.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var relations: Relations? = published.render.site.relations
        var edited: Set<String> = []
        var pageSetChanged = false
        // Pages that came or went, or whose relations to others changed: related again, those alone.
        var removed: [Page] = [], added: [Page] = []
        for change in pending {
            guard let path = change.pagePath else { continue }
            let old = published.render.page(at: path), page = byPath[path]
            if old == nil && page == nil { continue }
            edited.insert(path)
            guard let old, let page, published.index.pages[path] != nil else {
                pageSetChanged = true
                if let old { removed.append(old) }
                if let page { added.append(page) }
                continue
            }
            let before = RelationSignature(old), after = RelationSignature(page)
            if before.entities != after.entities {
                pageSetChanged = true
                removed.append(old)
                added.append(page)
            } else if before.people != after.people {
                relations?.replaceChangingPeople(page)
                // A translation's entry names the people of its entity's default-language page too.
                edited.formUnion(published.index.paths(of: page.key))
            } else {
                relations?.replace(page)
            }
        }
        if pageSetChanged {
            // Pages linking to a page that came or went were read again (`LiveInputs`): their entries are made again.
            let cameOrWent = edited.filter { published.index.pages[$0] == nil || byPath[$0] == nil }
            for (path, entry) in published.index.pages where byPath[path] != nil && entry.links.contains(where: cameOrWent.contains) { edited.insert(path) }
            relations?.update(removing: removed, adding: added)
            return SiteState(handbook: handbook, theme: theme, history: history, options: options, relations: relations, unpublished: unpublished,
                             reusing: published.index, edited: edited, pageSetChanged: true, memo: memo)
        }
        return SiteState(handbook: handbook, theme: theme, history: history, options: options, relations: relations, unpublished: unpublished,
                         reusing: published.index, edited: edited, memo: memo)
    }
}
