/// One Markdown file of the handbook, loaded and rendered.
public struct Page: Sendable, Hashable {
    // Every value is held in one immutable box: a page is copied into every list, job and table that holds
    // it, and each copy retained each of its strings and the box (a third of a preview server's edit on
    // 10,000 pages, and a tenth of a build, went to copying pages; with the path beside the box, a page
    // added still spent a tenth of its time retaining the two of them, each a cache miss on a page walked
    // once). A copy is now one retain. Setting a value makes a new box.

    /// Path relative to the content folder, e.g. `principles/help-first.en.md`.
    public var path: String {
        _read { yield contents.values.path }
        set { contents = contents.with { $0.path = newValue } }
    }
    public var kind: Kind {
        _read { yield contents.values.kind }
        set { contents = contents.with { $0.kind = newValue } }
    }
    public var id: String {
        _read { yield contents.values.id }
        set { contents = contents.with { $0.id = newValue } }
    }
    public var language: String {
        _read { yield contents.values.language }
        set { contents = contents.with { $0.language = newValue } }
    }
    /// The front matter's values.
    public var frontMatter: FrontMatter {
        _read { yield contents.values.frontMatter }
        set { contents = contents.with { $0.frontMatter = newValue } }
    }
    /// The rendered body.
    public var body: RenderedBody {
        _read { yield contents.values.body }
        set { contents = contents.with { $0.body = newValue } }
    }
    /// What a card shows of the page (`PageExcerpt`), made with the box.
    public var excerpt: String? { contents.excerpt }
    /// Lines before the body (front matter and its fences), so body line N is file line N + offset.
    public var bodyLineOffset: Int {
        _read { yield contents.values.bodyLineOffset }
        set { contents = contents.with { $0.bodyLineOffset = newValue } }
    }
    /// A hash of the text the front matter was read from (the same in every process): equal hashes mean
    /// equal front matter values and locations, so a build cache can compare it instead of the values.
    public var frontMatterHash: UInt64 {
        _read { yield contents.values.frontMatterHash }
        set { contents = contents.with { $0.frontMatterHash = newValue } }
    }
    private var contents: Contents

    public init(path: String, kind: Kind, id: String, language: String, frontMatter: FrontMatter, body: RenderedBody, bodyLineOffset: Int,
                frontMatterHash: UInt64) {
        contents = Contents(Values(path: path, kind: kind, id: id, language: language, frontMatter: frontMatter, body: body,
                                   bodyLineOffset: bodyLineOffset, frontMatterHash: frontMatterHash))
    }

    public var key: PageKey { PageKey(kind: kind, id: id) }

    /// The front matter title, else the leading `# ` heading, else the id.
    public var title: String {
        frontMatter.title?.value ?? body.leadingTitle ?? id
    }

    public var hasTitle: Bool { frontMatter.title != nil || body.leadingTitle != nil }

    public var isDraft: Bool { frontMatter.draft }

    public var fileStart: SourceLocation { SourceLocation(file: path, line: frontMatter.openingLine ?? 1) }

    /// A page's values, as the box holds them.
    private struct Values: Sendable, Hashable {
        var path: String
        var kind: Kind
        var id: String
        var language: String
        var frontMatter: FrontMatter
        var body: RenderedBody
        var bodyLineOffset: Int
        var frontMatterHash: UInt64
    }

    /// Never changed once made, so shared between copies of a page and between threads.
    private final class Contents: Sendable {
        let values: Values
        let excerpt: String?
        init(_ values: Values) {
            self.values = values
            excerpt = PageExcerpt.of(kind: values.kind, frontMatter: values.frontMatter, body: values.body)
        }
        func with(_ change: (inout Values) -> Void) -> Contents {
            var values = values
            change(&values)
            return Contents(values)
        }
    }

    /// Equal when every value is (the box compared by what it holds), as the synthesized conformance was.
    public static func == (lhs: Page, rhs: Page) -> Bool {
        lhs.contents === rhs.contents || lhs.contents.values == rhs.contents.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(contents.values)
    }
}

/// What identifies a page across its translations.
public struct PageKey: Sendable, Hashable, Comparable {
    public var kind: Kind
    public var id: String
    public init(kind: Kind, id: String) { self.kind = kind; self.id = id }
    public static func < (lhs: PageKey, rhs: PageKey) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}
