import HandbookHistory
import HandbookModel

/// `feed.xml`: the substantive changes of the last 90 days as an Atom feed, so staff can subscribe.
enum AtomFeed {
    static func xml(changes: [HistoryPages.Change], site: SiteContext, language: String) -> String {
        let t = site.t(language)
        let feedPath = site.urls.languagePrefix(language) + "feed.xml"
        let updated = changes.first?.revision.timestamp ?? "\(site.today)T00:00:00Z"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language)\">\n"
        out += "  <title>\(escape(site.settings.title)) · \(escape(t["changes"]))</title>\n"
        out += "  <id>\(escape(site.urls.url(feedPath)))</id>\n"
        out += "  <link rel=\"self\" href=\"\(escape(site.urls.url(feedPath)))\"/>\n"
        out += "  <link rel=\"alternate\" href=\"\(escape(site.urls.url(site.urls.languagePrefix(language) + "changes/")))\"/>\n"
        out += "  <updated>\(escape(updated))</updated>\n"
        for change in changes {
            let url = site.urls.page(change.page)
            out += "  <entry>\n"
            out += "    <id>\(escape(url))#\(change.revision.commit)</id>\n"
            out += "    <title>\(escape(change.page.title))</title>\n"
            out += "    <link href=\"\(escape(url))\"/>\n"
            out += "    <updated>\(escape(change.revision.timestamp))</updated>\n"
            out += "    <author><name>\(escape(change.revision.author))</name></author>\n"
            out += "    <summary>\(escape(change.revision.subject)) (\(escape(change.summary)))</summary>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    private static func escape(_ text: String) -> String { XMLText.escape(text) }
}
