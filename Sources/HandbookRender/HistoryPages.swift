import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookTheme

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
        site.urls.historyFolder(kind: page.kind, id: page.id, language: page.language, pageFolders: site.historyNamedPageFolders)
    }

    func commitURL(_ revision: Revision) -> Any {
        if let forge = site.repositoryForge { return forge.commitURL(revision.commit) }
        guard let repository = site.settings.repository, !repository.isEmpty else { return false }
        return (repository.hasSuffix("/") ? String(repository.dropLast()) : repository) + "/commit/" + revision.commit
    }

    /// `lastChanged` on a content page: the newest substantive revision, which names the page's version;
    /// `history.json` (where the page's script finds the older versions' texts) and the page's URL (what
    /// the reader's browser remembers the version under).
    func lastChanged(_ page: Page) -> Any {
        guard let version = history.history.version(page.path) else { return false }
        let revision = version.revision
        return ["date": site.dateContext(revision.date, language: page.language),
                "author": site.authorContext(name: revision.author, email: revision.email, language: page.language),
                "historyURL": site.urls.url(historyFolder(page)), "version": version.id, "jsonURL": jsonURL(page),
                "pageURL": site.urls.page(page), "outdated": outdated(page)] as [String: Any]
    }

    /// The notice of a translation older than its source: when the source changed, and a link to the
    /// source's changes since the translation caught up.
    func outdated(_ page: Page) -> Any {
        let defaultLanguage = site.settings.defaultLanguage
        guard page.language != defaultLanguage, let source = site.relations.translations[page.key]?[defaultLanguage],
              let stale = StaleTranslation.find(page, source: source, history: history.history) else { return false }
        let t = site.t(page.language), historyURL = site.urls.url(historyFolder(source))
        let diffURL = stale.since.map { historyURL + "?from=\($0.shortCommit)&to=\(stale.sourceVersion.short)#compare" } ?? historyURL
        return ["detail": t["outdated_translation_detail"].replacingOccurrences(of: "{date}", with: site.humanDate(stale.sourceVersion.date, language: page.language)),
                "diffURL": diffURL, "sourceLang": source.language] as [String: Any]
    }

    func jsonURL(_ page: Page) -> String {
        site.urls.url(site.urls.folder(kind: page.kind, id: page.id, language: page.language) + "history.json")
    }

    func context(_ page: Page) -> [String: Any] {
        let revisions = history.revisions(page)
        let t = site.t(page.language)
        let items = revisions.prefix(SiteHistory.listedRevisions).enumerated().map { index, revision -> [String: Any] in
            var item: [String: Any] = [
                "commit": revision.commit, "short": revision.shortCommit, "commitURL": commitURL(revision),
                "date": site.dateContext(revision.date, language: page.language),
                "author": site.authorContext(name: revision.author, email: revision.email, language: page.language),
                "subject": revision.note(in: page.language), "editorial": revision.isEditorial, "anchor": "r-\(revision.shortCommit)",
                "diff": false, "asItWas": false, "first": index == revisions.count - 1, "summary": false,
            ]
            if index < SiteHistory.detailedRevisions {
                if let diff = history.diff(revisions, at: index, language: page.language) {
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
            "jsonURL": jsonURL(page), "detailed": SiteHistory.detailedRevisions,
            "version": history.history.version(page.path)?.id ?? false,
            "choices": history.history.versions(of: revisions).prefix(SiteHistory.listedRevisions).enumerated().map { index, entry -> [String: Any] in
                ["short": entry.revision.shortCommit, "version": entry.version.id, "iso": entry.revision.date.description,
                 "editorial": entry.revision.isEditorial, "newest": index == 0, "oldest": index == min(revisions.count, SiteHistory.listedRevisions) - 1,
                 "subject": revision(entry.revision.note(in: page.language), cut: 60)]
            },
        ]
    }

    /// Rendered Markdown with `prefix` before every id and every link to an id on the same page. In safe
    /// mode the only ` id="` and ` href="#` in cmark's HTML are its own (text has its quotes escaped).
    /// ` id="X"` → ` id="PREFIXX"` and ` href="#X"` → ` href="#PREFIXX"`, in one pass over the bytes (the
    /// generic `replacing` cost a seventh of a build with briefing packs, which embed every example).
    static func prefixingIDs(_ html: String, with prefix: String) -> String {
        let id = Array(" id=\"".utf8), href = Array(" href=\"#".utf8), inserted = Array(prefix.utf8)
        var html = html
        return html.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var index = 0, copied = 0
            func matches(_ pattern: [UInt8]) -> Bool {
                guard index + pattern.count <= bytes.count else { return false }
                for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
                return true
            }
            // Runs between the matches are copied whole.
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: " "), let pattern = matches(id) ? id : matches(href) ? href : nil {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    out.append(contentsOf: pattern)
                    out.append(contentsOf: inserted)
                    index += pattern.count
                    copied = index
                    continue
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The newest revision of a file committed as it is: the page as it was is the page's own body
    /// (`SiteHistory.showsOwnBody`), when that version was read.
    func isCurrentFile(_ revision: Revision, of page: Page) -> Bool {
        history.hasVersion(revision) && SiteHistory.showsOwnBody(revision, of: page, in: history.history)
    }

    /// "+12 words added, −3 words removed", and "renamed from OLD" when the file was renamed.
    func summary(_ diff: WordDiff, _ revisions: [Revision], at index: Int, language: String) -> String {
        let t = site.t(language)
        var parts: [String] = []
        // Counts that are zero are left out; the word takes the number's form ("1 слово", "3 слова", "5 слів").
        var counts: [String] = []
        if diff.insertedWords > 0 { counts.append("+\(diff.insertedWords) \(Self.words(diff.insertedWords, t, language)) \(t["words_added"])") }
        if diff.deletedWords > 0 { counts.append("−\(diff.deletedWords) \(Self.words(diff.deletedWords, t, language)) \(t["words_removed"])") }
        if !counts.isEmpty { parts.append(counts.joined(separator: ", ")) }
        if index + 1 < revisions.count, revisions[index + 1].path != revisions[index].path {
            parts.append("\(t["renamed_from"]) \(history.history.contentPath(revisions[index + 1].path))")
        }
        return parts.isEmpty ? t["no_text_change"] : parts.joined(separator: "; ")
    }

    /// The language of the note shown, when it is not the page's: the plain `Handbook-Note` is written in
    /// the handbook's default language (a commit subject's language is not known, so it is not marked).
    func noteLanguage(_ revision: Revision, language: String) -> Any {
        guard revision.notes[language] == nil, revision.notes[""] != nil, language != site.settings.defaultLanguage else { return false }
        return site.settings.defaultLanguage
    }

    /// "word" in the form a number takes: `word_forms` lists one, few and many (`слово|слова|слів`).
    static func words(_ count: Int, _ t: Localization, _ language: String) -> String {
        let forms = t["word_forms"].split(separator: "|").map(String.init)
        guard forms.count == 3 else { return t["word_forms"] }
        switch language {
        case "uk", "ru", "be":
            if count % 10 == 1 && count % 100 != 11 { return forms[0] }
            if (2...4).contains(count % 10) && !(12...14).contains(count % 100) { return forms[1] }
            return forms[2]
        default:
            return count == 1 ? forms[0] : forms[2]
        }
    }

    /// A subject cut to `cut` characters for a menu.
    private func revision(_ subject: String, cut: Int) -> String {
        subject.count <= cut ? subject : String(subject.prefix(cut - 1)) + "…"
    }

    /// `history.json`: every commit `git log --follow` lists for the file, newest first (the contract's
    /// `commit`, `date`, `author`, `subject`), with what this tool adds: the page's URL and current
    /// `version`, and for each revision its short hash, day, whether it is editorial, the version its text
    /// belongs to, its path, and (for the newest `listedRevisions`) its `text` as readers see it, which the
    /// history page compares and `?at=` shows (fetched only when asked for, never part of a page).
    func json(_ page: Page) -> String {
        let entries = history.history.versions(of: history.revisions(page))
        var json = "{\"path\": \(JSONText.quote(page.path)), \"url\": \(JSONText.quote(site.urls.page(page))), "
        json += "\"version\": \(entries.first.map { JSONText.quote($0.version.id) } ?? "null"), \"revisions\": ["
        for (index, entry) in entries.enumerated() {
            let revision = entry.revision
            if index > 0 { json += ", " }
            json += "{\"commit\": \(JSONText.quote(revision.commit)), \"date\": \(JSONText.quote(revision.timestamp)), \"author\": \(JSONText.quote(revision.author)), \"subject\": \(JSONText.quote(revision.subject))"
            json += ", \"short\": \(JSONText.quote(revision.shortCommit)), \"day\": \(JSONText.quote(revision.date.description)), \"editorial\": \(revision.isEditorial)"
            json += ", \"version\": \(JSONText.quote(entry.version.id)), \"file\": \(JSONText.quote(history.history.contentPath(revision.path)))"
            if index < SiteHistory.listedRevisions, let text = history.readableText(revision.blob, language: page.language) { json += ", \"text\": \(JSONText.quote(text))" }
            json += "}"
        }
        return json + "]}\n"
    }

    /// `versions.json` of a language: every page it shows with its current version, for the home page's
    /// "changed since your last visit" (the reader's browser compares it with the versions it saw).
    func versionsJSON(language: String) -> String {
        var entries: [String] = []
        for key in site.relations.sortedKeys {
            guard let page = site.relations.page(key, language: language), let version = history.history.version(page.path) else { continue }
            entries.append("{\"url\": \(JSONText.quote(site.urls.page(page))), \"title\": \(JSONText.quote(page.title)), \"kind\": \(JSONText.quote(page.kind.rawValue)), "
                + "\"version\": \(JSONText.quote(version.id)), \"day\": \(JSONText.quote(version.date.description)), \"timestamp\": \(JSONText.quote(version.revision.timestamp))}")
        }
        return "{\"language\": \(JSONText.quote(language)), \"pages\": [\n" + entries.joined(separator: ",\n") + "\n]}\n"
    }

    /// One page a commit changed, and by how much.
    struct Change {
        var page: Page
        var revision: Revision
        var summary: String
    }

    /// One commit on the changes page and in the feed: its note, its author, the pages it touched.
    struct CommitChange {
        var revision: Revision
        var pages: [Change]
    }

    /// Substantive commits in a language (pages falling back to the default language's), newest first,
    /// each with the pages it touched: all of the last 90 days, and at least the latest `recent_changes`
    /// commits however old (a quiet season still has a feed).
    func recentChanges(pages: [Page], language: String) -> [CommitChange] {
        let since = site.today.adding(days: -SiteHistory.recentDays)
        let shown = site.relations.sortedKeys.compactMap { site.relations.page($0, language: language) }
        let floor = SiteHistory.oldestOfLatest(shown.lazy.map { history.revisions($0) }, latest: site.settings.recentChanges, today: site.today)
        var byCommit: [String: CommitChange] = [:]
        for page in shown {
            let revisions = history.revisions(page)
            for (index, revision) in revisions.enumerated()
            where (revision.date >= since || floor.map { revision.timestamp >= $0 } ?? true) && revision.date <= site.today && !revision.isEditorial {
                let summary = history.diff(revisions, at: index, language: page.language).map { self.summary($0, revisions, at: index, language: language) } ?? site.t(language)["first_version"]
                byCommit[revision.commit, default: CommitChange(revision: revision, pages: [])].pages.append(Change(page: page, revision: revision, summary: summary))
            }
        }
        return byCommit.values.map { commit in
            var commit = commit
            commit.pages.sort { ($0.page.kind, $0.page.title, $0.page.path) < ($1.page.kind, $1.page.title, $1.page.path) }
            return commit
        }.sorted { ($0.revision.timestamp, $0.revision.commit) > ($1.revision.timestamp, $1.revision.commit) }
    }

    func changesContext(_ commits: [CommitChange], language: String) -> [String: Any] {
        let t = site.t(language)
        var days: [[String: Any]] = []
        let since = site.today.adding(days: -SiteHistory.recentDays)
        for commit in commits {
            let revision = commit.revision
            let pages = commit.pages.map { change -> [String: Any] in
                ["title": change.page.title, "url": site.urls.page(change.page), "kindText": t["kind_\(change.page.kind.rawValue)"],
                 "lang": change.page.language == language ? false : change.page.language, "summary": change.summary,
                 "historyURL": site.urls.url(historyFolder(change.page)) + "#r-\(revision.shortCommit)"]
            }
            let item: [String: Any] = [
                "note": revision.note(in: language), "noteLang": noteLanguage(revision, language: language),
                "short": revision.shortCommit, "commitURL": commitURL(revision),
                "author": site.authorContext(name: revision.author, email: revision.email, language: language), "pages": pages,
                "pageCount": pages.count,
            ]
            if let last = days.last, (last["iso"] as? String) == revision.date.description {
                var day = days.removeLast()
                day["commits"] = (day["commits"] as? [[String: Any]] ?? []) + [item]
                days.append(day)
            } else {
                days.append(["iso": revision.date.description, "text": site.humanDate(revision.date, language: language), "commits": [item],
                             "recent": revision.date >= since, "level": revision.date >= since ? 2 : 3])
            }
        }
        return ["title": t["changes"], "days": days.filter { $0["recent"] as? Bool == true }, "earlier": days.filter { $0["recent"] as? Bool != true },
                "hasEarlier": days.contains { $0["recent"] as? Bool != true }, "recentDays": SiteHistory.recentDays, "historyAvailable": history.isAvailable,
                "feedURL": site.urls.url(site.urls.languagePrefix(language) + "feed.xml")]
    }
}
