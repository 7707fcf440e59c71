/// Turns a link's target into the URL written in the HTML. Given to the renderer by the caller,
/// which knows every page and the site's URL scheme.
public struct LinkResolver: Sendable {
    /// URL of the page whose source has this content-relative path, or nil when there is no such page.
    public var pageURL: @Sendable (_ path: String) -> String?
    /// URL of a non-Markdown file at this content-relative path.
    public var fileURL: @Sendable (_ path: String) -> String

    public init(pageURL: @escaping @Sendable (String) -> String?, fileURL: @escaping @Sendable (String) -> String) {
        self.pageURL = pageURL
        self.fileURL = fileURL
    }

    /// Leaves every link as written.
    public static let identity = LinkResolver(pageURL: { _ in nil }, fileURL: { $0 })
}
