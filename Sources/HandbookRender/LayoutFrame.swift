import HandbookModel

/// What one page gives the `layout` template: its own texts (the slots) and the few facts that change
/// the layout's structure (its shape). Pages of one shape differ only in their slot texts.
struct LayoutFrame {
    var main: String
    var title: String
    var fullTitle: String
    var language: String
    var section: Kind?
    var crumbs: [Layout.Crumb]
    /// The same page in each language that has it (language → URL).
    var alternates: [String: String]
    var draft: Bool
    var unpublished: Bool
    var bodyClass: String
    /// The A–Z page: its link in the navigation is the current one.
    var isAllPages = false

    /// Everything about the page that can change which parts of the layout are rendered.
    struct Shape: Hashable {
        var language: String
        var section: Kind?
        var crumbs: Int
        var alternateLanguages: [String]
        var draft: Bool
        var unpublished: Bool
        var isAllPages: Bool
        /// The languages of the crumbs' titles, where not the page's.
        var crumbLanguages: [String?]
        /// Which slots are empty (a template may test a text for emptiness).
        var emptySlots: [Bool]
    }

    var shape: Shape {
        Shape(language: language, section: section, crumbs: crumbs.count, alternateLanguages: alternates.keys.sorted(),
              draft: draft, unpublished: unpublished, isAllPages: isAllPages, crumbLanguages: crumbs.map(\.lang), emptySlots: slots.map(\.isEmpty))
    }

    /// The page's own texts, in a fixed order: main, title, full title, body class, each crumb's title and
    /// URL, and the alternate URLs in the order of their languages.
    var slots: [String] {
        var slots = [main, title, fullTitle, bodyClass]
        for crumb in crumbs { slots += [crumb.title, crumb.url] }
        for language in alternates.keys.sorted() { slots.append(alternates[language] ?? "") }
        return slots
    }

    /// The same frame with its slot texts replaced (in the order of `slots`).
    func replacingSlots(_ texts: [String]) -> LayoutFrame {
        var frame = self
        var next = texts.makeIterator()
        frame.main = next.next() ?? ""
        frame.title = next.next() ?? ""
        frame.fullTitle = next.next() ?? ""
        frame.bodyClass = next.next() ?? ""
        frame.crumbs = crumbs.map { crumb in Layout.Crumb(title: next.next() ?? "", url: next.next() ?? "", lang: crumb.lang) }
        var alternates: [String: String] = [:]
        for language in self.alternates.keys.sorted() { alternates[language] = next.next() ?? "" }
        frame.alternates = alternates
        return frame
    }
}
