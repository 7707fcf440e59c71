import HandbookModel

/// Checks a loaded handbook against every rule of the content contract and returns all findings at once,
/// sorted by file, line and column.
public struct Validator: Sendable {
    public var today: Day

    public init(today: Day) {
        self.today = today
    }

    public func validate(_ handbook: Handbook) -> [Diagnostic] {
        let context = ValidationContext(handbook: handbook, today: today)
        return findings(handbook, pageFindings: Self.checkEveryPage(context), siteFindings: Self.checkSite(context))
    }

    /// Validates with the last validation's `memo` (updated here): the findings are those of a validation
    /// from nothing, but only the pages a change can affect are checked again (`PageChecks`). Pages
    /// edited, added or removed are found by comparing the memo's pages with the handbook's.
    public func validate(_ handbook: Handbook, memo: inout ValidationMemo?) -> [Diagnostic] {
        let environment = ValidationMemo.Environment(handbook, today: today)
        // More than a few hundred pages changed (a branch checked out): checking them all costs no more.
        // The memo is taken out, so that its tables are updated in place (not copied, ten thousand entries).
        if var kept = memo.take(), kept.environment == environment, let change = PageSetChange(from: kept.pages, to: handbook.pages), change.count <= 256 {
            let tablesHold = change.added.isEmpty && change.removed.isEmpty && change.edited.allSatisfy { ValidationContext.tablesHold(replacing: $0.old, with: $0.new) }
            kept.tables.update(change, people: handbook.people)
            let context = ValidationContext(handbook: handbook, today: today, tables: kept.tables)
            Self.recheck(change, memo: &kept, context: context)
            // The rules about the whole site read the tables and, of each page, only its `SiteFacts`.
            if !(tablesHold && change.edited.allSatisfy({ SiteFacts($0.old) == SiteFacts($0.new) })) { kept.siteFindings = Self.checkSite(context) }
            kept.pages = handbook.pages
            kept.assets = handbook.assets
            memo = kept
            return findings(handbook, pageFindings: kept.pageFindings, siteFindings: kept.siteFindings)
        }
        let context = ValidationContext(handbook: handbook, today: today)
        let pageFindings = Self.checkEveryPage(context)
        var referrers: [String: Set<String>] = [:]
        for page in handbook.pages { for reference in PageReferences.of(page) { referrers[reference, default: []].insert(page.path) } }
        let site = Self.checkSite(context)
        memo = ValidationMemo(environment: environment, pages: handbook.pages, assets: handbook.assets, tables: context.tables,
                              pageFindings: pageFindings, siteFindings: site, referrers: referrers)
        return findings(handbook, pageFindings: pageFindings, siteFindings: site)
    }

    /// Every page's own findings, the pages shared out between the cores.
    private static func checkEveryPage(_ context: ValidationContext) -> [String: [Diagnostic]] {
        let pages = context.handbook.pages
        let size = max(64, pages.count / 32)
        let chunks = stride(from: 0, to: pages.count, by: size).map { $0..<min($0 + size, pages.count) }
        let results = chunks.parallelMap { range in
            range.compactMap { index -> (String, [Diagnostic])? in
                let found = PageChecks.findings(of: pages[index], context)
                return found.isEmpty ? nil : (pages[index].path, found)
            }
        }
        return Dictionary(results.joined().map { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// The memo's findings and referrers brought up to date: the pages edited or added are checked again,
    /// with the pages that link to a path edited, added or removed (its headings, or whether it exists),
    /// and, when pages or files came or went or a page changed its id, the pages naming such an id and the
    /// pages whose findings name other pages ("did you mean …" draws on them all).
    private static func recheck(_ change: PageSetChange, memo: inout ValidationMemo, context: ValidationContext) {
        let handbook = context.handbook
        let assetsChanged = Set(memo.assets).symmetricDifference(handbook.assets)
        var keys: Set<PageKey> = Set(change.added.map(\.key) + change.removed.map(\.key))
        for (old, new) in change.edited where old.key != new.key { keys.formUnion([old.key, new.key]) }
        var recheck = Set(change.edited.map(\.new.path) + change.added.map(\.path))
        let touched = recheck.union(change.removed.map(\.path)).union(assetsChanged)
        for path in touched { recheck.formUnion(memo.referrers[path] ?? []) }
        if !keys.isEmpty || !assetsChanged.isEmpty {
            for key in keys { recheck.formUnion(memo.referrers[PageReferences.entity(key)] ?? []) }
            for (path, findings) in memo.pageFindings where findings.contains(where: { PageChecks.namingOthers.contains($0.rule) }) { recheck.insert(path) }
        }
        for page in change.edited.map(\.old) + change.removed {
            for reference in PageReferences.of(page) {
                memo.referrers[reference]?.remove(page.path)
                if memo.referrers[reference]?.isEmpty == true { memo.referrers[reference] = nil }
            }
        }
        for page in change.edited.map(\.new) + change.added {
            for reference in PageReferences.of(page) { memo.referrers[reference, default: []].insert(page.path) }
        }
        for page in change.removed { memo.pageFindings[page.path] = nil }
        for path in recheck {
            guard let page = context.page(atPath: path) else { continue }
            let found = PageChecks.findings(of: page, context)
            memo.pageFindings[path] = found.isEmpty ? nil : found
        }
    }

    /// The rules about the whole site. They read the same context and nothing else: they run side by side.
    private static func checkSite(_ context: ValidationContext) -> SiteFindings {
        let rules: [@Sendable (ValidationContext) -> [Diagnostic]] = [SelfCheckRules.size, ExampleRules.checkSite, StructureRules.checkSite, TranslationRules.checkSite]
        var results = rules.parallelMap { $0(context) }
        let size = results.removeFirst()
        return SiteFindings(size: size, others: Array(results.joined()))
    }

    /// The load findings, the pages' own and the whole site's, as one sorted list without repeats.
    private func findings(_ handbook: Handbook, pageFindings: [String: [Diagnostic]], siteFindings: SiteFindings) -> [Diagnostic] {
        var findings = handbook.loadDiagnostics + siteFindings.others
        for found in pageFindings.values { findings += found }
        // `self-check-size` is said only of content without errors.
        if findings.errorCount == 0 { findings += siteFindings.size }
        // A settings file that could not be read is the one cause: what only follows from its defaults goes.
        if handbook.unreadableFiles.contains("handbook.yml") {
            findings.removeAll { $0.rule == .duplicateID || $0.rule == .missingTranslation || $0.rule == .outputCollision }
        }
        // Sorted, then repeats dropped (hashing each finding's text into a set cost more than the sort).
        findings.sort()
        var distinct: [Diagnostic] = []
        distinct.reserveCapacity(findings.count)
        for finding in findings where distinct.last != finding { distinct.append(finding) }
        return distinct
    }
}
