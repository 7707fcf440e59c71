/// What one Markdown render pass yields; later stages never parse Markdown again.
public struct RenderedBody: Sendable, Hashable {
    public var html: String
    public var headings: [Heading]
    public var links: [OutgoingLink]
    /// The text of the page without markup, blocks separated by newlines (for search and diffs).
    public var plainText: String
    /// The text of a leading `# ` heading that was taken as the page title (and left out of `html`).
    public var leadingTitle: String?
    /// Relative links and images to files that are not pages (`targetPath` is the file's content path):
    /// each must exist in the content folder.
    public var files: [OutgoingLink] = []
    /// The file lines of raw HTML that safe mode left out (each block or inline once).
    public var rawHTMLLines: [Int] = []

    public init(html: String, headings: [Heading], links: [OutgoingLink], plainText: String, leadingTitle: String? = nil) {
        self.html = html
        self.headings = headings
        self.links = links
        self.plainText = plainText
        self.leadingTitle = leadingTitle
    }
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    /// The `id` of the heading, by GitHub's rule.
    public var anchor: String
    /// Line in the file (not the body).
    public var line: Int
    /// Where the heading's own line starts in the body's plain text, in UTF-8 bytes (sections for search).
    public var textOffset: Int

    public init(level: Int, text: String, anchor: String, line: Int, textOffset: Int = 0) {
        self.level = level; self.text = text; self.anchor = anchor; self.line = line; self.textOffset = textOffset
    }
}

/// A link found in a page body.
public struct OutgoingLink: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// For a relative link to a `.md` file or an `#anchor`: the content-relative target path
    /// (the page's own path for a bare `#anchor`); nil for external and non-page links.
    public var targetPath: String?
    public var anchor: String?
    /// The target climbs out of the content folder.
    public var escapesContent: Bool
    public var location: SourceLocation

    public init(destination: String, targetPath: String?, anchor: String?, escapesContent: Bool = false, location: SourceLocation) {
        self.destination = destination
        self.targetPath = targetPath
        self.anchor = anchor
        self.escapesContent = escapesContent
        self.location = location
    }
}
