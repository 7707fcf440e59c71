import CCmark
import HandbookModel
#if canImport(Glibc)
import Glibc
#endif

/// Renders a page body with libcmark in safe mode (raw HTML omitted, `javascript:` links dropped) in one pass:
/// HTML with heading anchors and rewritten links, headings, outgoing links and plain text.
public struct MarkdownRenderer: Sendable {
    public var resolver: LinkResolver

    public init(resolver: LinkResolver = .identity) {
        self.resolver = resolver
    }

    /// - Parameters:
    ///   - body: the Markdown after the front matter.
    ///   - path: the page's content-relative path (for resolving links and for locations).
    ///   - lineOffset: lines before the body in the file.
    ///   - titleFromHeading: take a leading `# ` heading out of the body as the page title.
    ///   - language: the page's language, for its quotes (smart punctuation makes “ ”; Ukrainian and Russian get « »).
    public func render(_ body: Substring, path: String, lineOffset: Int, titleFromHeading: Bool, language: String? = nil) -> RenderedBody {
        let source = String(body)
        var lines: LineIndex?
        // Smart punctuation: typographic apostrophes, quotes and dashes from a plain keyboard's text.
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        let parsed = source.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }
        guard let document = parsed ?? source.withCString({ cmark_parse_document($0, source.utf8.count, options) }) else {
            return RenderedBody(html: "", headings: [], links: [], plainText: source)
        }
        defer { cmark_node_free(document) }
        if Typography.quotes(language) != nil { Self.localizeQuotes(document, language: language) }

        var leadingTitle: String?
        if titleFromHeading, let first = cmark_node_first_child(document),
           cmark_node_get_type(first) == CMARK_NODE_HEADING, cmark_node_get_heading_level(first) == 1 {
            leadingTitle = Self.text(of: first)
            cmark_node_unlink(first)
            cmark_node_free(first)
        }

        var headings: [Heading] = []
        var links: [OutgoingLink] = [], files: [OutgoingLink] = [], rawHTML: [Int] = []
        var plain = PlainText(capacity: source.utf8.count)
        var slugger = Slugger()
        guard let iterator = cmark_iter_new(document) else {
            return RenderedBody(html: "", headings: [], links: [], plainText: source)
        }
        defer { cmark_iter_free(iterator) }
        var event = cmark_iter_next(iterator)
        while event != CMARK_EVENT_DONE {
            let node = cmark_iter_get_node(iterator)!
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_HEADING:
                    // `## Set up {#set-up}` (Pandoc, kramdown, Hugo, MkDocs): the id is the anchor, and not shown.
                    let explicit = Self.takeExplicitID(node)
                    let text = Self.text(of: node)
                    headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text,
                                            anchor: explicit.map { slugger.explicit($0) } ?? slugger.anchor(for: text),
                                            line: Int(cmark_node_get_start_line(node)) + lineOffset, textOffset: plain.count))
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    plain.append(cmark_node_get_literal(node))
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    plain.append(byte: UInt8(ascii: " "))
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    if let (link, isFile) = rewrite(node, path: path, lines: &lines, source: source, lineOffset: lineOffset) {
                        if isFile { files.append(link) } else { links.append(link) }
                    }
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    rawHTML.append(Int(cmark_node_get_start_line(node)) + lineOffset)
                default:
                    break
                }
            } else if Self.isBlock(type) {
                plain.endBlock()
            }
            event = cmark_iter_next(iterator)
        }

        var html = ""
        if let rendered = cmark_render_html(document, options) {
            html = String(cString: rendered)
            free(rendered)
        }
        var body = RenderedBody(html: HeadingAnchors.insert(headings.map(\.anchor), into: html), headings: headings,
                                links: links, plainText: plain.text, leadingTitle: leadingTitle)
        body.files = files
        body.rawHTMLLines = rawHTML
        return body
    }

    /// Takes a trailing attribute list (`{#id}`, `{#id .class}`, `{: #id}`) off a heading's last text and
    /// returns its id; nil (the heading left as written) when there is none or the id holds a quote, an
    /// angle bracket, a brace, a backslash or a control character.
    static func takeExplicitID(_ heading: OpaquePointer) -> String? {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last) else { return nil }
        let text = String(cString: literal)
        let trimmed = text.trimmingTrailingSpaces
        guard trimmed.hasSuffix("}"), let open = trimmed.lastIndex(of: "{") else { return nil }
        var inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        if inside.hasPrefix(":") { inside = inside.dropFirst() }
        var id: String?
        for token in inside.split(separator: " ") {
            if token.hasPrefix("#") {
                let candidate = token.dropFirst()
                // As Hugo and kramdown take it: everything to the next space (`{##x}` is the id `#x`, and
                // `{#a-(b)}` the id `a-(b)`), but quotes, angle brackets, braces and control characters.
                guard !candidate.isEmpty, id == nil, candidate.unicodeScalars.allSatisfy({ scalar in
                    !SafeName.isForbidden(scalar) && !"\"'<>`{}\\".unicodeScalars.contains(scalar)
                }) else { return nil }
                id = String(candidate)
            } else if !(token.hasPrefix(".") || token.contains("=")) {
                return nil
            }
        }
        guard let id else { return nil }
        cmark_node_set_literal(last, String(trimmed[..<open]).trimmingTrailingSpaces)
        return id
    }

    /// Records a link and rewrites a relative page or file link to its URL on the site; true for a file.
    private func rewrite(_ node: OpaquePointer, path: String, lines cached: inout LineIndex?, source: String, lineOffset: Int) -> (OutgoingLink, Bool)? {
        guard let raw = cmark_node_get_url(node) else { return nil }
        let destination = String(cString: raw)
        guard let target = LinkTarget.parse(destination, from: path) else { return nil }
        let blockLine = Int(cmark_node_get_start_line(node))
        if cached == nil { cached = LineIndex(source) }
        let lines = cached!
        let (line, column) = lines.position(of: "(" + destination, from: blockLine) ?? lines.position(of: destination, from: blockLine) ?? (blockLine, Int(cmark_node_get_start_column(node)))
        let location = SourceLocation(file: path, line: line + lineOffset, column: column)
        let suffix = target.anchor.map { "#\($0)" } ?? ""
        switch target.kind {
        case .page(let targetPath):
            if !target.escapesContent, let url = resolver.pageURL(targetPath) {
                let isSelf = targetPath == path && destination.hasPrefix("#")
                cmark_node_set_url(node, isSelf ? suffix : url + suffix)
            }
            return (OutgoingLink(destination: destination, targetPath: targetPath, anchor: target.anchor,
                                 escapesContent: target.escapesContent, location: location), false)
        case .file(let targetPath):
            if !target.escapesContent { cmark_node_set_url(node, resolver.fileURL(targetPath) + suffix) }
            return (OutgoingLink(destination: destination, targetPath: targetPath, anchor: target.anchor,
                                 escapesContent: target.escapesContent, location: location), true)
        }
    }

    static func text(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        var event = cmark_iter_next(iterator)
        while event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) {
                let type = cmark_node_get_type(child)
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                    text += String(cString: literal)
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    text += " "
                }
            }
            event = cmark_iter_next(iterator)
        }
        return text
    }

    static func isBlock(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_THEMATIC_BREAK:
            true
        default:
            false
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}

/// The text of a page without markup, gathered as bytes straight from cmark's literals and decoded once.
struct PlainText {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ literal: UnsafePointer<CChar>?) {
        guard let literal else { return }
        literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
        }
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    var count: Int { bytes.count }

    /// Ends a block with a line break (once).
    mutating func endBlock() {
        if let last = bytes.last, last != 10 { bytes.append(10) }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

}

extension MarkdownRenderer {
    /// Turns cmark's “ ” into the language's quotes in every text node, before anything reads them.
    fileprivate static func localizeQuotes(_ document: OpaquePointer, language: String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var event = cmark_iter_next(iterator)
        while event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_TEXT,
               let literal = cmark_node_get_literal(node),
               literal.withMemoryRebound(to: UInt8.self, capacity: 1, { Typography.hasEnglishQuote(UnsafeBufferPointer(start: $0, count: strlen(literal))) }) {
                cmark_node_set_literal(node, Typography.localQuotes(String(cString: literal), language: language))
            }
            event = cmark_iter_next(iterator)
        }
    }
}
