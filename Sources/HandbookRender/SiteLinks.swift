import HandbookContent
import HandbookModel

extension LinkResolver {
    /// Links between `.md` files become the URLs of the pages at those paths; links to other files keep
    /// their path under the site's base. The current pages and their old versions resolve links alike.
    public static func site(_ urls: SiteURLs, pages: [String: PagePath]) -> LinkResolver {
        LinkResolver(
            pageURL: { path in pages[path].map { urls.page(kind: $0.kind, id: $0.id, language: $0.language) } },
            fileURL: { path in urls.url(path) }
        )
    }
}
