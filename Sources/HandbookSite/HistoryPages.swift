import HandbookContent
import HandbookHistory
import HandbookModel

/// Contexts for the history of a page, the changes page and the "last changed" line on every page.
struct HistoryPages {
    let site: SiteContext
    let history: SiteHistory
    /// Renders old versions, their links resolved as the current pages' are: a link to a page of the site
    /// becomes its URL (looked up in the relations as it is met, so a live rebuild makes no table of
    /// every page; a link to a page not built, a draft, stays as written).
    let renderer: MarkdownRenderer

    init(site: SiteContext, history: SiteHistory) {
        self.site = site
        self.history = history
        let urls = site.urls, translations = site.relations.translations, languages = site.settings.languages
        renderer = MarkdownRenderer(resolver: LinkResolver(
            pageURL: { path in
                let target = PagePath(path, languages: languages)
                guard let page = translations[PageKey(kind: target.kind, id: target.id)]?[target.language], page.path == path else { return nil }
                return urls.page(page)
            },
            fileURL: { path in urls.url(path) }))
    }

    func historyFolder(_ page: Page) -> String {
        site.urls.folder(kind: page.kind, id: page.id, language: page.language) + "history/"
    }

    func commitURL(_ revision: Revision) -> Any {
        guard let repository = site.settings.repository, !repository.isEmpty else { return false }
        return (repository.hasSuffix("/") ? String(repository.dropLast()) : repository) + "/commit/" + revision.commit
    }

    /// `lastChanged` on a content page: the newest substantive revision.
    func lastChanged(_ page: Page) -> Any {
        guard let revision = history.history.lastSubstantive(page.path) else { return false }
        return ["date": site.dateContext(revision.date, language: page.language), "author": revision.author,
                "historyURL": site.urls.url(historyFolder(page))] as [String: Any]
    }

    func context(_ page: Page) -> [String: Any] {
        let revisions = history.revisions(page)
        let t = site.t(page.language)
        let items = revisions.prefix(SiteHistory.listedRevisions).enumerated().map { index, revision -> [String: Any] in
            var item: [String: Any] = [
                "commit": revision.commit, "short": revision.shortCommit, "commitURL": commitURL(revision),
                "date": site.dateContext(revision.date, language: page.language), "author": revision.author,
                "subject": revision.subject, "editorial": revision.isEditorial, "anchor": "r-\(revision.shortCommit)",
                "diff": false, "asItWas": false, "first": index == revisions.count - 1, "summary": false,
            ]
            if index < SiteHistory.detailedRevisions {
                if let diff = history.diff(revisions, at: index) {
                    item["diff"] = diff.html(inserted: t["inserted"], deleted: t["deleted"])
                    item["summary"] = summary(diff, revisions, at: index, language: page.language)
                }
                // Each copy's heading ids (and the links to them) carry the revision's anchor: unique on the page.
                let prefix = "r-\(revision.shortCommit)-"
                if index == 0, isCurrentFile(revision, of: page) {
                    item["asItWas"] = Self.prefixingIDs(page.body.html, with: prefix)
                } else if let text = history.blob(revision) {
                    let body = FrontMatterSplitter.body(of: text)
                    let path = history.history.contentPath(revision.path)
                    item["asItWas"] = Self.prefixingIDs(renderer.render(body, path: path, lineOffset: 0, titleFromHeading: false, language: page.language).html, with: prefix)
                }
            }
            return item
        }
        let older = max(0, revisions.count - SiteHistory.listedRevisions)
        return [
            "title": page.title, "pageURL": site.urls.page(page), "kindText": t["kind_\(page.kind.rawValue)"],
            "revisions": items, "count": revisions.count, "older": older > 0 ? older : false,
            "jsonURL": site.urls.url(site.urls.folder(kind: page.kind, id: page.id, language: page.language) + "history.json"),
            "detailed": SiteHistory.detailedRevisions,
        ]
    }

    /// Rendered Markdown with `prefix` before every id and every link to an id on the same page. In safe
    /// mode the only ` id="` and ` href="#` in cmark's HTML are its own (text has its quotes escaped).
    static func prefixingIDs(_ html: String, with prefix: String) -> String {
        html.replacing(" id=\"", with: " id=\"\(prefix)").replacing(" href=\"#", with: " href=\"#\(prefix)")
    }

    /// The newest revision of a file committed as it is: the page as it was is the page's own body, already
    /// rendered from the same text with the same links (unless its leading heading became the title; a
    /// link to a draft, which the loader resolves and `renderer` leaves, is broken either way).
    func isCurrentFile(_ revision: Revision, of page: Page) -> Bool {
        !history.history.uncommitted.contains(page.path) && history.history.contentPath(revision.path) == page.path
            && history.blob(revision) != nil && (page.frontMatter.title != nil || page.body.leadingTitle == nil)
    }

    /// "+12 words added, −3 words removed", and "renamed from OLD" when the file was renamed.
    func summary(_ diff: WordDiff, _ revisions: [Revision], at index: Int, language: String) -> String {
        let t = site.t(language)
        var parts: [String] = []
        if diff.insertedWords > 0 || diff.deletedWords > 0 {
            parts.append("+\(diff.insertedWords) \(t["words_added"]), −\(diff.deletedWords) \(t["words_removed"])")
        }
        if index + 1 < revisions.count, revisions[index + 1].path != revisions[index].path {
            parts.append("\(t["renamed_from"]) \(history.history.contentPath(revisions[index + 1].path))")
        }
        return parts.isEmpty ? t["no_text_change"] : parts.joined(separator: "; ")
    }

    /// `history.json`: every commit `git log --follow` lists for the file, newest first.
    func json(_ page: Page) -> String {
        let revisions = history.revisions(page).map { revision in
            "{\"commit\": \(JSONText.quote(revision.commit)), \"date\": \(JSONText.quote(revision.timestamp)), \"author\": \(JSONText.quote(revision.author)), \"subject\": \(JSONText.quote(revision.subject))}"
        }
        return "{\"path\": \(JSONText.quote(page.path)), \"revisions\": [\(revisions.joined(separator: ", "))]}\n"
    }

    struct Change {
        var page: Page
        var revision: Revision
        var summary: String
    }

    /// Substantive changes in a language (falling back to the default language's pages), newest first: all of
    /// the last 90 days, and at least the latest `recent_changes` of them however old (a quiet season
    /// still has a feed).
    func recentChanges(pages: [Page], language: String) -> [Change] {
        let since = site.today.adding(days: -SiteHistory.recentDays)
        let shown = site.relations.translations.keys.sorted().compactMap { site.relations.page($0, language: language) }
        let floor = SiteHistory.oldestOfLatest(shown.lazy.map { history.revisions($0) }, latest: site.settings.recentChanges, today: site.today)
        var changes: [Change] = []
        for page in shown {
            let revisions = history.revisions(page)
            for (index, revision) in revisions.enumerated()
            where (revision.date >= since || floor.map { revision.timestamp >= $0 } ?? true) && revision.date <= site.today && !revision.isEditorial {
                let summary = history.diff(revisions, at: index).map { self.summary($0, revisions, at: index, language: language) } ?? site.t(language)["first_version"]
                changes.append(Change(page: page, revision: revision, summary: summary))
            }
        }
        return changes.sorted { ($0.revision.timestamp, $0.page.path) > ($1.revision.timestamp, $1.page.path) }
    }

    func changesContext(_ changes: [Change], language: String) -> [String: Any] {
        let t = site.t(language)
        var days: [[String: Any]] = []
        let since = site.today.adding(days: -SiteHistory.recentDays)
        for change in changes {
            let item: [String: Any] = [
                "title": change.page.title, "url": site.urls.page(change.page), "kindText": t["kind_\(change.page.kind.rawValue)"],
                "author": change.revision.author, "subject": change.revision.subject, "summary": change.summary,
                "historyURL": site.urls.url(historyFolder(change.page)) + "#r-\(change.revision.shortCommit)",
            ]
            if let last = days.last, (last["iso"] as? String) == change.revision.date.description {
                var day = days.removeLast()
                day["changes"] = (day["changes"] as? [[String: Any]] ?? []) + [item]
                days.append(day)
            } else {
                days.append(["iso": change.revision.date.description, "text": site.humanDate(change.revision.date, language: language), "changes": [item],
                             "recent": change.revision.date >= since])
            }
        }
        return ["title": t["changes"], "days": days.filter { $0["recent"] as? Bool == true }, "earlier": days.filter { $0["recent"] as? Bool != true },
                "hasEarlier": days.contains { $0["recent"] as? Bool != true }, "recentDays": SiteHistory.recentDays, "historyAvailable": history.isAvailable,
                "feedURL": site.urls.url(site.urls.languagePrefix(language) + "feed.xml")]
    }
}
