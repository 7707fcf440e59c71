import HandbookContent
import HandbookModel
import HandbookRender
import HandbookTheme

/// One state of the site, immutable: the handbook as loaded and checked, its render setup (theme,
/// history, relations, site context) and the index the planner reads. A build makes one; the preview
/// server keeps the one it serves and makes the next after each edit.
public struct SiteState: Sendable {
    public let handbook: Handbook
    public let render: SiteRender
    public let index: SiteIndex

    /// - Parameters:
    ///   - relations: the relations of an earlier state, when they hold for these pages (`Relations.replace`).
    ///   - reusing: an earlier index whose entries hold for every page but `edited`.
    ///   - pageSetChanged: `edited` holds pages added or removed: the entries of the pages that show them are made again too.
    ///   - memo: list and A–Z entries kept from an earlier state with the same settings, people and theme.
    public init(handbook: Handbook, theme: Theme, history: SiteHistory, options: BuildOptions, relations: Relations? = nil, unpublished: Set<String> = [],
         reusing earlier: SiteIndex? = nil, edited: Set<String> = [], pageSetChanged: Bool = false, signatures: [String: UInt64] = [:],
         memo: PageValueMemo? = nil) {
        self.handbook = handbook
        let pages = options.builtPages(of: handbook)
        render = SiteRender(handbook: handbook, pages: pages, theme: theme, history: history, today: options.today, relations: relations,
                            unpublished: unpublished, cutTemplates: options.cutTemplates, memo: memo)
        index = SiteIndex(render, contentAssets: handbook.assets, fingerprinted: options.fingerprintAssets, reusing: earlier, except: edited,
                           pageSetChanged: pageSetChanged, signatures: signatures)
    }

    private init(handbook: Handbook, render: SiteRender, index: SiteIndex) {
        self.handbook = handbook
        self.render = render
        self.index = index
    }

    /// The same state with another reading of the history (the same revisions, more old versions).
    public func with(history: SiteHistory) -> SiteState {
        SiteState(handbook: handbook, render: render.with(history: history), index: index)
    }

    public var pages: [Page] { render.pages }
}
