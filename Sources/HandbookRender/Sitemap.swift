import HandbookModel

/// `sitemap.xml` listing every HTML page (URLs are site paths with the base URL; add a host when publishing if needed).
enum Sitemap {
    static func xml(paths: [String], urls: SiteURLs) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() where path.hasSuffix("index.html") {
            out += "  <url><loc>\(XMLText.escape(urls.url(String(path.dropLast("index.html".count)))))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }
}
