/// One Markdown file of the handbook, loaded and rendered.
public struct Page: Sendable, Hashable {
    /// Path relative to the content folder, e.g. `principles/help-first.en.md`.
    public var path: String
    public var kind: Kind
    public var id: String
    public var language: String
    /// The front matter's values, held in an immutable box: a page is copied into every list, job and table
    /// that holds it, and copying the values retained each of their strings and arrays (a third of a preview
    /// server's edit on 10,000 pages, and a tenth of a build, went to copying pages). Setting it makes a new box.
    public var frontMatter: FrontMatter {
        _read { yield contents.frontMatter }
        set { contents = Contents(kind: kind, frontMatter: newValue, body: contents.body) }
    }
    /// The rendered body, in the same box.
    public var body: RenderedBody {
        _read { yield contents.body }
        set { contents = Contents(kind: kind, frontMatter: contents.frontMatter, body: newValue) }
    }
    /// What a card shows of the page (`PageExcerpt`), made with the box.
    public var excerpt: String? { contents.kind == kind ? contents.excerpt : PageExcerpt.of(kind: kind, frontMatter: frontMatter, body: body) }
    private var contents: Contents
    /// Lines before the body (front matter and its fences), so body line N is file line N + offset.
    public var bodyLineOffset: Int
    /// A hash of the text the front matter was read from (the same in every process): equal hashes mean
    /// equal front matter values and locations, so a build cache can compare it instead of the values.
    public var frontMatterHash: UInt64

    public init(path: String, kind: Kind, id: String, language: String, frontMatter: FrontMatter, body: RenderedBody, bodyLineOffset: Int,
                frontMatterHash: UInt64) {
        self.path = path; self.kind = kind; self.id = id; self.language = language
        self.contents = Contents(kind: kind, frontMatter: frontMatter, body: body); self.bodyLineOffset = bodyLineOffset
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

    /// Never changed once made, so shared between copies of a page and between threads.
    private final class Contents: Sendable {
        let frontMatter: FrontMatter
        let body: RenderedBody
        /// The kind the excerpt was made for (a page's `kind` can be set apart from the box).
        let kind: Kind
        let excerpt: String?
        init(kind: Kind, frontMatter: FrontMatter, body: RenderedBody) {
            self.frontMatter = frontMatter; self.body = body; self.kind = kind
            excerpt = PageExcerpt.of(kind: kind, frontMatter: frontMatter, body: body)
        }
    }

    /// Equal when every value is (the box compared by what it holds), as the synthesized conformance was.
    public static func == (lhs: Page, rhs: Page) -> Bool {
        lhs.path == rhs.path && lhs.kind == rhs.kind && lhs.id == rhs.id && lhs.language == rhs.language
            && lhs.bodyLineOffset == rhs.bodyLineOffset && lhs.frontMatterHash == rhs.frontMatterHash
            && (lhs.contents === rhs.contents || (lhs.frontMatter == rhs.frontMatter && lhs.body == rhs.body))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path); hasher.combine(kind); hasher.combine(id); hasher.combine(language)
        hasher.combine(frontMatter); hasher.combine(body); hasher.combine(bodyLineOffset); hasher.combine(frontMatterHash)
    }
}

/// What identifies a page across its translations.
public struct PageKey: Sendable, Hashable, Comparable {
    public var kind: Kind
    public var id: String
    public init(kind: Kind, id: String) { self.kind = kind; self.id = id }
    public static func < (lhs: PageKey, rhs: PageKey) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}
