#if canImport(Glibc)
import Glibc
#endif
import HandbookModel

/// Reads, decodes and renders one Markdown file.
struct PageLoader {
    let root: String
    let renderer: MarkdownRenderer

    struct Result: Sendable {
        var page: Page?
        var diagnostics: [Diagnostic]
    }

    func load(path: String, as pagePath: PagePath) -> Result {
        let start = SourceLocation(file: path)
        if let problem = SafeName.problem(pagePath.id, allowingFolders: true) {
            return Result(page: nil, diagnostics: [Diagnostic(.unreadableFile, at: start, "the file name \(Quoted.text(path)) cannot name a page: \(problem); it is not published",
                                                              hint: "rename it with letters, digits and '-'")])
        }
        guard let bytes = FileReader.bytes(atPath: "\(root)/\(path)") else {
            let reason = String(cString: strerror(errno))
            return Result(page: nil, diagnostics: [Diagnostic(.unreadableFile, at: start, "cannot read the file (\(reason))", hint: "check its permissions")])
        }
        let text: String
        switch SourceText.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(.nulByte(let line)):
            return Result(page: nil, diagnostics: [Diagnostic(.unreadableFile, at: SourceLocation(file: path, line: line), "the file holds a NUL byte: it is binary, not Markdown", hint: "remove it or rename it so it does not end in .md")])
        case .failure(.notUTF8(let line)):
            return Result(page: nil, diagnostics: [Diagnostic(.unreadableFile, at: SourceLocation(file: path, line: line), "the file is not UTF-8 text", hint: "save it as UTF-8")])
        }
        var diagnostics: [Diagnostic] = []
        let split: FrontMatterSplitter.Split
        switch FrontMatterSplitter.split(text) {
        case .success(let value):
            split = value
        case .failure(.unclosed):
            diagnostics.append(Diagnostic(.frontMatter, at: start, "the front matter opened on line 1 is not closed", hint: "add a line '---' after the last key"))
            split = FrontMatterSplitter.Split(yaml: nil, body: text[...], bodyLineOffset: 0)
        }
        var decoded = FrontMatterReader(file: path, kind: pagePath.kind).read(yaml: split.yaml)
        if !diagnostics.isEmpty { decoded.frontMatter.isReadable = false }
        Self.typeset(&decoded.frontMatter, language: pagePath.language)
        diagnostics += decoded.diagnostics
        let body = renderer.render(split.body, path: path, lineOffset: split.bodyLineOffset,
                                   titleFromHeading: decoded.frontMatter.title == nil, language: pagePath.language)
        let page = Page(path: path, kind: pagePath.kind, id: pagePath.id, language: pagePath.language,
                        frontMatter: decoded.frontMatter, body: body, bodyLineOffset: split.bodyLineOffset,
                        frontMatterHash: Self.hash(yaml: split.yaml, bodyLineOffset: split.bodyLineOffset, readable: decoded.frontMatter.isReadable))
        return Result(page: page, diagnostics: diagnostics)
    }

    /// Everything the front matter's values and locations are read from (the path and kind aside).
    static func hash(yaml: Substring?, bodyLineOffset: Int, readable: Bool) -> UInt64 {
        var text = yaml.map { "---\n" + $0 } ?? "none"
        text += "\u{1}\(bodyLineOffset)\u{1}\(readable)"
        return ContentHash.of(text)
    }

    /// The front matter texts a reader sees, with the punctuation Markdown gets from smart punctuation.
    static func typeset(_ frontMatter: inout FrontMatter, language: String) {
        if let title = frontMatter.title { frontMatter.title?.value = Typography.smart(title.value, language: language) }
        if let summary = frontMatter.summary { frontMatter.summary?.value = Typography.smart(summary.value, language: language) }
        switch frontMatter.fields {
        case .example(var fields):
            if let better = fields.better { fields.better?.value = Typography.smart(better.value, language: language) }
            frontMatter.fields = .example(fields)
        case .policy(var fields):
            fields.exceptions = fields.exceptions.map {
                PolicyException(who: Typography.smart($0.who, language: language), may: Typography.smart($0.may, language: language),
                                limit: Typography.smart($0.limit, language: language))
            }
            fields.escalation = fields.escalation.map { Typography.smart($0, language: language) }
            frontMatter.fields = .policy(fields)
        case .principle(var fields):
            fields.tags = fields.tags.map { Typography.smart($0, language: language) }
            frontMatter.fields = .principle(fields)
        default:
            break
        }
    }
}
