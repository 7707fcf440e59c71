import HandbookModel

/// `raw-html` (warning): raw HTML in a page body is left out of the site (safe mode keeps a handbook's
/// pages free of scripts and forms), so each file that has some is told once, at its first line.
enum MarkupRules {
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        guard let first = page.body.rawHTMLLines.min() else { return }
        let count = page.body.rawHTMLLines.count
        let places = count == 1 ? "here" : "here and in \(count - 1) more place\(count == 2 ? "" : "s")"
        findings.append(Diagnostic(.rawHTML, at: SourceLocation(file: page.path, line: first, column: 1),
                                   "raw HTML is left out of the page \(places): the site renders Markdown only",
                                   hint: "write it in Markdown: a table, a list, a link or an image"))
    }
}
