/// One Markdown file of the handbook, loaded and rendered.
public struct Page: Sendable, Hashable {
    /// Path relative to the content folder, e.g. `principles/help-first.en.md`.
    public var path: String
    public var kind: Kind
    public var id: String
    public var language: String
    public var frontMatter: FrontMatter
    public var body: RenderedBody
    /// Lines before the body (front matter and its fences), so body line N is file line N + offset.
    public var bodyLineOffset: Int
    /// A hash of the text the front matter was read from (the same in every process): equal hashes mean
    /// equal front matter values and locations, so a build cache can compare it instead of the values.
    public var frontMatterHash: UInt64

    public init(path: String, kind: Kind, id: String, language: String, frontMatter: FrontMatter, body: RenderedBody, bodyLineOffset: Int,
                frontMatterHash: UInt64) {
        self.path = path; self.kind = kind; self.id = id; self.language = language
        self.frontMatter = frontMatter; self.body = body; self.bodyLineOffset = bodyLineOffset
        self.frontMatterHash = frontMatterHash
    }

    public var key: PageKey { PageKey(kind: kind, id: id) }

    /// The front matter title, else the leading `# ` heading, else the id.
    public var title: String {
        frontMatter.title?.value ?? body.leadingTitle ?? id
    }

    public var hasTitle: Bool { frontMatter.title != nil || body.leadingTitle != nil }

    public var isDraft: Bool { frontMatter.draft }

    public var fileStart: SourceLocation { SourceLocation(file: path, line: frontMatter.openingLine ?? 1) }
}

/// What identifies a page across its translations.
public struct PageKey: Sendable, Hashable, Comparable {
    public var kind: Kind
    public var id: String
    public init(kind: Kind, id: String) { self.kind = kind; self.id = id }
    public static func < (lhs: PageKey, rhs: PageKey) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}
