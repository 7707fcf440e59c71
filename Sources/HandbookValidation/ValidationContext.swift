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
    /// Each kind's ids, sorted.
    private let idsByKind: [Kind: [String]]
    /// Each page's path by its file name (the first in path order), for "did you mean" of a broken link.
    let pagesByFileName: [String: String]
    /// False while an example's front matter cannot be read (which principles it illustrates is unknown).
    let examplesReadable: Bool
    /// The content files that are not pages.
    let assets: Set<String>

    /// Whether the tables made for a handbook still hold when `old` is replaced, in its place, by `new`:
    /// the same file (so the same key), and for an example the same principles (a new title, summary or
    /// owner leaves them as they were, and whether the front matter could be read).
    static func tablesHold(replacing old: Page, with new: Page) -> Bool {
        guard old.path == new.path, old.key == new.key, old.frontMatter.isReadable == new.frontMatter.isReadable else { return false }
        switch (old.frontMatter.fields, new.frontMatter.fields) {
        case (.example(let before), .example(let after)): return Set(before.principles.map(\.value)) == Set(after.principles.map(\.value))
        case (.example, _), (_, .example): return false
        default: return true
        }
    }

    /// The same tables for a new version of the handbook whose pages are the same files, in the same
    /// order, each one's tables holding (`tablesHold`: an edit of page bodies, titles, owners).
    init(reusing tables: Tables, handbook: Handbook, today: Day) {
        self.handbook = handbook
        self.today = today
        peopleIDs = tables.peopleIDs
        entities = tables.entities
        pageIndexByPath = tables.pageIndexByPath
        examplesIndexByPrinciple = tables.examplesIndexByPrinciple
        idsByKind = tables.idsByKind
        pagesByFileName = tables.pagesByFileName
        examplesReadable = tables.examplesReadable
        assets = Set(handbook.assets)
    }

    /// The lookup tables alone (not the handbook they index), to be reused.
    struct Tables: Sendable {
        let peopleIDs: Set<String>
        let entities: [PageKey: [Int]]
        let pageIndexByPath: [String: Int]
        let examplesIndexByPrinciple: [String: [Int]]
        let idsByKind: [Kind: [String]]
        let pagesByFileName: [String: String]
        let examplesReadable: Bool
    }

    var tables: Tables {
        Tables(peopleIDs: peopleIDs, entities: entities, pageIndexByPath: pageIndexByPath, examplesIndexByPrinciple: examplesIndexByPrinciple,
               idsByKind: idsByKind, pagesByFileName: pagesByFileName, examplesReadable: examplesReadable)
    }

    init(handbook: Handbook, today: Day) {
        self.handbook = handbook
        self.today = today
        peopleIDs = Set(handbook.people.map(\.id))
        var entities: [PageKey: [Int]] = [:]
        var byPath: [String: Int] = [:]
        var examples: [String: [Int]] = [:]
        var byFileName: [String: String] = [:]
        var examplesReadable = true
        // Sized at once (growing them copied every entry several times), and each page read in place.
        entities.reserveCapacity(handbook.pages.count)
        byPath.reserveCapacity(handbook.pages.count)
        byFileName.reserveCapacity(handbook.pages.count)
        for index in handbook.pages.indices {
            let path = handbook.pages[index].path
            entities[handbook.pages[index].key, default: []].append(index)
            if byPath[path] == nil { byPath[path] = index }
            let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
            if byFileName[name] == nil { byFileName[name] = path }
            guard handbook.pages[index].kind == .example else { continue }
            if !handbook.pages[index].frontMatter.isReadable { examplesReadable = false }
            guard case .example(let fields) = handbook.pages[index].frontMatter.fields else { continue }
            for principle in Set(fields.principles.map(\.value)) { examples[principle, default: []].append(index) }
        }
        pagesByFileName = byFileName
        self.examplesReadable = examplesReadable
        assets = Set(handbook.assets)
        self.entities = entities
        idsByKind = Dictionary(grouping: entities.keys, by: \.kind).mapValues { $0.map(\.id).sorted() }
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

    func ids(of kind: Kind) -> [String] { idsByKind[kind] ?? [] }

    /// The file a finding about a whole entity is reported on: its default-language file, else its first.
    func representative(_ key: PageKey) -> Page? { representativeIndex(key).map { handbook.pages[$0] } }

    /// The index in `handbook.pages` of `representative(key)`.
    func representativeIndex(_ key: PageKey) -> Int? {
        guard let indices = entities[key] else { return nil }
        let pages = handbook.pages
        let defaultLanguage = handbook.settings.defaultLanguage
        if let index = indices.first(where: { pages[$0].language == defaultLanguage }) { return index }
        return indices.min { pages[$0].path < pages[$1].path }
    }

    var knownOwners: String {
        let ids = handbook.people.map(\.id)
        if ids.isEmpty { return "people.yml lists nobody yet" }
        let shown = ids.prefix(12).joined(separator: ", ")
        return "known owners: \(shown)\(ids.count > 12 ? ", … (\(ids.count) in all)" : "")"
    }
}
