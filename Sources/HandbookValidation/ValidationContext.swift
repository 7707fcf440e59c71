import HandbookModel

/// Lookup tables every rule shares, built once per validation.
struct ValidationContext: Sendable {
    let handbook: Handbook
    let today: Day
    let peopleIDs: Set<String>
    /// Indices into `handbook.pages` (not copies of pages: copying ten thousand pages into three tables,
    /// and freeing them, cost more than every rule together).
    /// Pages by kind and id, every language.
    let entities: [PageKey: [Int]]
    private let pageIndexByPath: [String: Int]
    /// For each principle id: the examples that list it.
    private let examplesIndexByPrinciple: [String: [Int]]

    /// The same tables for a new version of the handbook whose pages are the same files, in the same
    /// order, with the same front matter (an edit of page bodies only).
    init(reusing tables: Tables, handbook: Handbook, today: Day) {
        self.handbook = handbook
        self.today = today
        peopleIDs = tables.peopleIDs
        entities = tables.entities
        pageIndexByPath = tables.pageIndexByPath
        examplesIndexByPrinciple = tables.examplesIndexByPrinciple
    }

    /// The lookup tables alone (not the handbook they index), to be reused.
    struct Tables: Sendable {
        let peopleIDs: Set<String>
        let entities: [PageKey: [Int]]
        let pageIndexByPath: [String: Int]
        let examplesIndexByPrinciple: [String: [Int]]
    }

    var tables: Tables {
        Tables(peopleIDs: peopleIDs, entities: entities, pageIndexByPath: pageIndexByPath, examplesIndexByPrinciple: examplesIndexByPrinciple)
    }

    init(handbook: Handbook, today: Day) {
        self.handbook = handbook
        self.today = today
        peopleIDs = Set(handbook.people.map(\.id))
        var entities: [PageKey: [Int]] = [:]
        var byPath: [String: Int] = [:]
        var examples: [String: [Int]] = [:]
        for (index, page) in handbook.pages.enumerated() {
            entities[page.key, default: []].append(index)
            if byPath[page.path] == nil { byPath[page.path] = index }
            guard case .example(let fields) = page.frontMatter.fields else { continue }
            for principle in Set(fields.principles.map(\.value)) { examples[principle, default: []].append(index) }
        }
        self.entities = entities
        pageIndexByPath = byPath
        examplesIndexByPrinciple = examples
    }

    func pages(_ indices: [Int]) -> [Page] { indices.map { handbook.pages[$0] } }

    func page(atPath path: String) -> Page? { pageIndexByPath[path].map { handbook.pages[$0] } }

    /// The verdicts of the examples that list a principle (nil for an example without a valid one).
    func exampleVerdicts(of principle: String) -> [Verdict?] {
        (examplesIndexByPrinciple[principle] ?? []).map { index in
            if case .example(let fields) = handbook.pages[index].frontMatter.fields { return fields.verdict }
            return nil
        }
    }

    func exists(_ kind: Kind, _ id: String) -> Bool { entities[PageKey(kind: kind, id: id)] != nil }

    func ids(of kind: Kind) -> [String] {
        entities.keys.filter { $0.kind == kind }.map(\.id).sorted()
    }

    /// The file a finding about a whole entity is reported on: its default-language file, else its first.
    func representative(_ key: PageKey) -> Page? {
        guard let indices = entities[key] else { return nil }
        let pages = handbook.pages
        let defaultLanguage = handbook.settings.defaultLanguage
        if let index = indices.first(where: { pages[$0].language == defaultLanguage }) { return pages[index] }
        return indices.min { pages[$0].path < pages[$1].path }.map { pages[$0] }
    }

    var knownOwners: String {
        let ids = handbook.people.map(\.id)
        if ids.isEmpty { return "people.yml lists nobody yet" }
        let shown = ids.prefix(12).joined(separator: ", ")
        return "known owners: \(shown)\(ids.count > 12 ? ", … (\(ids.count) in all)" : "")"
    }
}
