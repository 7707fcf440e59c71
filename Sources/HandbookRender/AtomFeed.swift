import HandbookHistory
import HandbookModel

/// `feed.xml`: the changes page as an Atom feed, so staff can subscribe: one entry per commit (its note,
/// its author as people.yml names them, the pages it touched), the same commits the changes page shows.
enum AtomFeed {
    static func xml(changes: [HistoryPages.CommitChange], site: SiteContext, language: String) -> String {
        let t = site.t(language)
        let feedPath = site.urls.languagePrefix(language) + "feed.xml"
        let changesURL = site.urls.url(site.urls.languagePrefix(language) + "changes/")
        let updated = changes.first?.revision.timestamp ?? "\(site.today)T00:00:00Z"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language)\">\n"
        out += "  <title>\(escape(site.settings.title)) · \(escape(t["changes"]))</title>\n"
        // Atom ids must be absolute IRIs; the site's own address is not known here, so they are URNs,
        // stable for the site (its title) and language, and per commit.
        let name = String(ContentHash.of(site.settings.title), radix: 16)
        out += "  <id>urn:handbook:\(name):feed:\(escape(language))</id>\n"
        out += "  <link rel=\"self\" href=\"\(escape(site.urls.url(feedPath)))\"/>\n"
        out += "  <link rel=\"alternate\" href=\"\(escape(changesURL))\"/>\n"
        out += "  <updated>\(escape(updated))</updated>\n"
        for change in changes {
            let revision = change.revision
            // A commit of one page links to it; of several, to its entry on the changes page.
            let url = change.pages.count == 1 ? site.urls.page(change.pages[0].page) : changesURL + "#c-\(revision.shortCommit)"
            let author = site.authorContext(name: revision.author, email: revision.email, language: language)["name"] as? String ?? revision.author
            let pages = change.pages.map { "\($0.page.title) (\($0.summary))" }.joined(separator: "; ")
            out += "  <entry>\n"
            out += "    <id>urn:handbook:\(name):commit:\(escape(revision.commit)):\(escape(language))</id>\n"
            out += "    <title>\(escape(revision.note(in: language)))</title>\n"
            out += "    <link href=\"\(escape(url))\"/>\n"
            out += "    <updated>\(escape(revision.timestamp))</updated>\n"
            out += "    <author><name>\(escape(author))</name></author>\n"
            out += "    <summary>\(escape(pages))</summary>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    private static func escape(_ text: String) -> String { XMLText.escape(text) }
}
