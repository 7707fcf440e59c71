import HandbookModel

/// Lookup tables every rule shares, built once per validation.
struct ValidationContext {
    let handbook: Handbook
    let today: Day
    let peopleIDs: Set<String>
    /// Pages by kind and id, every language.
    let entities: [PageKey: [Page]]
    let pagesByPath: [String: Page]
    /// For each principle id: the examples that list it.
    let examplesByPrinciple: [String: [Page]]

    init(handbook: Handbook, today: Day) {
        self.handbook = handbook
        self.today = today
        peopleIDs = Set(handbook.people.map(\.id))
        entities = Dictionary(grouping: handbook.pages, by: \.key)
        pagesByPath = Dictionary(handbook.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var examples: [String: [Page]] = [:]
        for page in handbook.pages {
            guard case .example(let fields) = page.frontMatter.fields else { continue }
            for principle in Set(fields.principles.map(\.value)) { examples[principle, default: []].append(page) }
        }
        examplesByPrinciple = examples
    }

    func exists(_ kind: Kind, _ id: String) -> Bool { entities[PageKey(kind: kind, id: id)] != nil }

    func ids(of kind: Kind) -> [String] {
        entities.keys.filter { $0.kind == kind }.map(\.id).sorted()
    }

    /// The file a finding about a whole entity is reported on: its default-language file, else its first.
    func representative(_ key: PageKey) -> Page? {
        guard let pages = entities[key] else { return nil }
        return pages.first { $0.language == handbook.settings.defaultLanguage } ?? pages.min { $0.path < $1.path }
    }

    var knownOwners: String {
        let ids = handbook.people.map(\.id)
        if ids.isEmpty { return "people.yml lists nobody yet" }
        let shown = ids.prefix(12).joined(separator: ", ")
        return "known owners: \(shown)\(ids.count > 12 ? ", … (\(ids.count) in all)" : "")"
    }
}
