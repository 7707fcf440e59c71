/// What a card shows of a page: its `summary`, or for an example without one, the first sentence of its
/// story (an example card with a bare title teaches nothing). Other pages show it, so it is part of what
/// the build cache and the preview server compare (`ListingSignature`). Made once per page, when the page
/// is (`Page.excerpt`): lists, A–Z, related cards, search documents and signatures all show it, and making
/// it for each of them cost a twentieth of a build and a sixth of a preview server's retitle on 10,000 pages.
public enum PageExcerpt {
    public static let limit = 220

    public static func of(_ page: Page) -> String? { page.excerpt }

    static func of(kind: Kind, frontMatter: FrontMatter, body: RenderedBody) -> String? {
        if let summary = frontMatter.summary?.value, !summary.isEmpty { return summary }
        guard kind == .example else { return nil }
        return firstSentence(body.plainText)
    }

    /// The first sentence of the first paragraph, cut at a word near `limit` characters.
    public static func firstSentence(_ text: String) -> String? {
        guard let paragraph = firstLine(of: text) else { return nil }
        var sentence = Substring(paragraph.trimmingPrefix(while: \.isWhitespace))
        var index = sentence.startIndex
        while index < sentence.endIndex {
            let character = sentence[index]
            let next = sentence.index(after: index)
            if ".!?…".contains(character), next == sentence.endIndex || sentence[next] == " " {
                // An abbreviation of one letter (`м. Київ`, `т. зв.`) is not a sentence end.
                let before = sentence[..<index].split(separator: " ").last ?? ""
                if character != "." || before.count > 1 { sentence = sentence[..<next]; break }
            }
            index = next
        }
        guard sentence.count > limit else { return String(sentence) }
        var cut = sentence.prefix(limit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        return cut + "…"
    }

    /// The first line that is not blank, found by its UTF-8 line feeds: an example's text is long and only
    /// its start is read (lists show the excerpt of every example).
    public static func firstLine(of text: String) -> Substring? {
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
            var line = text[start..<end]
            // A CRLF line's CR is not part of its text.
            if line.utf8.last == 0x0D { line = text[start..<utf8.index(before: end)] }
            if !line.allSatisfy(\.isWhitespace) { return line }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        return nil
    }
}
