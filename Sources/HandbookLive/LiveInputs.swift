#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HandbookContent
import HandbookRender
import HandbookModel
import HandbookValidation
import HandbookSite
import HandbookTheme

/// The preview server's reading of its input: the handbook and theme as they are now and their findings,
/// brought up to date edit by edit with as little reading as each change needs. An edited page is read
/// again alone; a page added or removed is read or dropped with the pages that link to it; a template or
/// stylesheet reads the theme again, not the content; only `handbook.yml`, `people.yml` or a folder moved
/// as a whole read the whole content. Deciding what to render is not its job: that is `Planner`'s.
struct LiveInputs {
    private(set) var handbook: Handbook?
    private(set) var theme: Theme?
    private var contentFindings: [Diagnostic] = []
    private var themeFinding: Diagnostic?
    /// The last validation: each page's findings, checked again only where an edit can change them.
    private var validation: ValidationMemo?
    /// The output claims of the last check, checked again only where a page came or went.
    private var claims: OutputClaims.Memo?
    /// Reads edited pages with the link targets of the handbook as last loaded.
    private var reloader: PageReloader?

    /// How long the last check took, in milliseconds (0 when a read made none).
    private(set) var lastCheckMilliseconds = 0.0

    /// The findings of the content as last read, and of the theme.
    var findings: [Diagnostic] { contentFindings + (themeFinding.map { [$0] } ?? []) }

    /// Everything read from disk.
    static func read(_ builder: SiteBuilder) -> LiveInputs {
        var inputs = LiveInputs()
        inputs.loadTheme(builder)
        inputs.loadContent(builder)
        return inputs
    }

    /// Reads what the watched changes touch. Returns them as input changes; a folder moved as a whole
    /// becomes the pages and files found added and removed.
    mutating func read(_ watched: [LiveChange], _ builder: SiteBuilder) -> [InputChange] {
        lastCheckMilliseconds = 0
        let known = Set(handbook?.pages.map(\.path) ?? [])
        var changes = Set(watched.compactMap { $0.inputChange(knownPages: known, contentRoot: builder.options.content) })
        if changes.contains(where: Self.readsTheTheme) { loadTheme(builder) }
        if changes.contains(where: { if case .folderMoved(let path) = $0 { !path.hasPrefix("theme/") } else { false } }) {
            let before = handbook
            loadContent(builder)
            // A content folder moved becomes its pages and files; a theme folder moved in the same batch stays (everything is rendered).
            changes = changes.filter { if case .folderMoved(let path) = $0 { path.hasPrefix("theme/") } else { true } }
                .union(Self.differences(from: before, to: handbook))
            return changes.sorted()
        }
        var assetsOutside = false
        for case .contentAsset(let path) in changes where !copyAsset(path, builder) { assetsOutside = true }
        let ledger = changes.contains { if case .ledger = $0 { true } else { false } }
        if assetsOutside || ledger || changes.contains(.settings) || changes.contains(.people) {
            loadContent(builder)
        } else if changes.contains(where: { if case .pageAdded = $0 { true } else if case .pageRemoved = $0 { true } else { false } }) {
            changePageSet(changes, builder)
        } else {
            let edited = changes.compactMap { if case .pageEdited(let path) = $0 { path } else { nil } }.sorted()
            if !edited.isEmpty { reloadPages(edited, builder) }
        }
        return changes.sorted()
    }

    private static func readsTheTheme(_ change: InputChange) -> Bool {
        switch change {
        case .template, .strings, .themeAsset: true
        case .folderMoved(let path): path.hasPrefix("theme/")
        default: false
        }
    }

    /// The page and file changes between two readings of the content.
    private static func differences(from old: Handbook?, to new: Handbook?) -> Set<InputChange> {
        var changes: Set<InputChange> = []
        let before = Dictionary((old?.pages ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary((new?.pages ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, page) in after {
            if before[path] == nil { changes.insert(.pageAdded(path)) } else if before[path] != page { changes.insert(.pageEdited(path)) }
        }
        for path in before.keys where after[path] == nil { changes.insert(.pageRemoved(path)) }
        for path in Set(old?.assets ?? []).symmetricDifference(new?.assets ?? []) { changes.insert(.contentAsset(path)) }
        return changes
    }

    // MARK: Reading

    private mutating func loadTheme(_ builder: SiteBuilder) {
        do {
            theme = try builder.loadTheme()
            themeFinding = nil
        } catch BuildError.theme(let error) {
            themeFinding = error.diagnostic
            themeFinding?.hint = "fix the theme file; the last good build is shown meanwhile"
        } catch {
            themeFinding = (error as? BuildError)?.diagnostic ?? Diagnostic(.theme, at: SourceLocation(file: "theme"), "\(error)")
        }
    }

    private mutating func loadContent(_ builder: SiteBuilder) {
        do {
            let handbook = try builder.load()
            self.handbook = handbook
            reloader = PageReloader(root: builder.options.content, settings: handbook.settings, pages: handbook.pages.map(\.path), urls: builder.linkResolver)
            validate(builder)
        } catch {
            handbook = nil
            reloader = nil
            contentFindings = [(error as? BuildError)?.diagnostic ?? Diagnostic(.unreadableFile, at: SourceLocation(file: builder.options.content), "\(error)")]
        }
    }

    private mutating func reloadPages(_ paths: [String], _ builder: SiteBuilder) {
        guard var handbook, let reloader else { return }
        // The only reference: the pages are replaced in place, not copied.
        self.handbook = nil
        let reloaded = reloader.reload(paths)
        let edited = Set(paths)
        handbook.loadDiagnostics.removeAll { edited.contains($0.location.file) }
        for (path, result) in zip(paths, reloaded) {
            handbook.loadDiagnostics += result.diagnostics
            guard let index = handbook.pages.firstIndex(where: { $0.path == path }) else { continue }
            if let page = result.page { handbook.pages[index] = page } else { handbook.pages.remove(at: index) }
        }
        self.handbook = handbook
        validate(builder)
    }

    /// Pages added or removed: the new ones are read (with the pages that link to them, whose links now
    /// resolve), the removed ones dropped; no other page is read again. The pages stay in path order, each
    /// one taken out or put in at its place (sorting and re-listing 10,000 pages was a tenth of a page added).
    private mutating func changePageSet(_ changes: Set<InputChange>, _ builder: SiteBuilder) {
        guard var handbook else { return }
        self.handbook = nil
        var pages = handbook.pages
        handbook.pages = []
        let removed = Set(changes.compactMap { if case .pageRemoved(let path) = $0 { path } else { nil } })
        let added = Set(changes.compactMap { if case .pageAdded(let path) = $0 { path } else { nil } })
        let edited = changes.compactMap { if case .pageEdited(let path) = $0 { path } else { nil } }
        for path in removed {
            if case .found(let index) = Self.place(of: path, in: pages) { pages.remove(at: index) }
        }
        if !removed.isEmpty { handbook.loadDiagnostics.removeAll { removed.contains($0.location.file) } }
        let new = added.filter { if case .found = Self.place(of: $0, in: pages) { false } else { true } }
        // Taken out, so that its table of paths is changed in place.
        var reloader = self.reloader.take()
            ?? PageReloader(root: builder.options.content, settings: handbook.settings, pages: pages.map(\.path), urls: builder.linkResolver)
        reloader.change(adding: Array(new), removing: removed, urls: builder.linkResolver)
        // Pages whose links point at an added file render those links anew.
        let linking = added.isEmpty ? [] : pages.filter { page in
            page.body.links.contains { link in link.targetPath.map { added.contains($0) } ?? false }
        }.map(\.path)
        let reread = Array(Set(edited + linking + added)).sorted()
        let reloaded = reloader.reload(reread)
        let rereadSet = Set(reread)
        handbook.loadDiagnostics.removeAll { rereadSet.contains($0.location.file) }
        var unread: [String] = []
        for (path, result) in zip(reread, reloaded) {
            handbook.loadDiagnostics += result.diagnostics
            // A page that cannot be read now keeps its last reading; an added one that cannot is left out.
            switch (result.page, Self.place(of: path, in: pages)) {
            case (let page?, .found(let index)): pages[index] = page
            case (let page?, .before(let index)): pages.insert(page, at: index)
            case (nil, .before): unread.append(path)
            case (nil, .found): break
            }
        }
        // The files of the handbook are its pages (as a reading of the whole folder lists them).
        if !unread.isEmpty { reloader.change(adding: [], removing: Set(unread), urls: builder.linkResolver) }
        self.reloader = reloader
        handbook.pages = pages
        self.handbook = handbook
        validate(builder)
    }

    private enum Place { case found(Int), before(Int) }

    /// Where a path is in pages sorted by path: its index, or the index it would be put at.
    private static func place(of path: String, in pages: [Page]) -> Place {
        var low = 0, high = pages.count
        while low < high {
            let middle = (low + high) / 2
            if pages[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low < pages.count && pages[low].path == path ? .found(low) : .before(low)
    }

    private mutating func validate(_ builder: SiteBuilder) {
        guard let handbook else { return }
        var clock = StepClock()
        contentFindings = builder.validate(handbook, memo: &validation, claims: &claims)
        lastCheckMilliseconds += clock.lap()
    }

    /// Takes an image or attachment that was edited, added or removed into the handbook's files. False when
    /// it leads outside the content folder: the caller reads the folder again, so the finding is made as in a build.
    private mutating func copyAsset(_ path: String, _ builder: SiteBuilder) -> Bool {
        guard var handbook else { return false }
        let state = HandbookLoader(root: builder.options.content).assetState(path)
        if state == .outside { return false }
        // What was said of this path while it led outside the folder no longer holds.
        handbook.loadDiagnostics.removeAll { $0.location.file == path }
        if case .missing = state { handbook.assets.removeAll { $0 == path } } else if !handbook.assets.contains(path) {
            handbook.assets.append(path)
            handbook.assets.sort()
        }
        self.handbook = handbook
        // A page's link to the file is found again (the memo checks those pages alone).
        validate(builder)
        return true
    }
}
