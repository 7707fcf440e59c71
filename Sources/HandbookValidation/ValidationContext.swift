import HandbookModel

/// Lookup tables every rule shares, built once per validation, or brought up to date from the last
/// validation's (`Tables.updated`): the preview server validates after every save, and making them from
/// nothing for 10,000 pages was a fifth of a page added's check.
struct ValidationContext: Sendable {
    let handbook: Handbook
    let today: Day
    let tables: Tables

    var peopleIDs: Set<String> { tables.peopleIDs }
    /// Pages by kind and id, every language, in path order.
    var entities: [PageKey: [Page]] { tables.entities }
    /// False while an example's front matter cannot be read (which principles it illustrates is unknown).
    var examplesReadable: Bool { tables.unreadableExamples == 0 }
    /// The content files that are not pages.
    let assets: Set<String>

    /// The lookup tables alone (not the handbook they index), kept for the next validation. Pages are held
    /// as values (a copy of a page is one retain), each list in path order, so that a page can be put in
    /// or taken out of them alone.
    struct Tables: Sendable {
        var peopleIDs: Set<String>
        var entities: [PageKey: [Page]] = [:]
        var pageByPath: [String: Page] = [:]
        /// For each principle id: the examples that list it.
        var examplesByPrinciple: [String: [Page]] = [:]
        /// Each kind's ids, sorted.
        var idsByKind: [Kind: [String]] = [:]
        /// The paths of the pages by file name, for "did you mean" of a broken link.
        var pathsByFileName: [String: [String]] = [:]
        var unreadableExamples = 0

        init(_ handbook: Handbook) {
            peopleIDs = Set(handbook.people.map(\.id))
            // Sized at once (growing them copied every entry several times); pages come in path order.
            entities.reserveCapacity(handbook.pages.count)
            pageByPath.reserveCapacity(handbook.pages.count)
            pathsByFileName.reserveCapacity(handbook.pages.count)
            for page in handbook.pages { insert(page, inOrder: true) }
            idsByKind = Dictionary(grouping: entities.keys, by: \.kind).mapValues { $0.map(\.id).sorted() }
        }

        /// Makes these the tables of the handbook that `change` makes of the one they were made for.
        mutating func update(_ change: PageSetChange, people: [Person]) {
            peopleIDs = Set(people.map(\.id))
            for page in change.removed + change.edited.map(\.old) { remove(page) }
            for page in change.added + change.edited.map(\.new) {
                if entities[page.key] == nil { Self.insertSorted(page.id, into: &idsByKind[page.kind, default: []]) }
                insert(page, inOrder: false)
            }
        }

        private static func fileName(_ path: String) -> String {
            path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        }

        /// Puts a page in every table; `inOrder`: it comes after every page already in (a build from nothing).
        private mutating func insert(_ page: Page, inOrder: Bool) {
            let path = page.path
            if pageByPath[path] == nil { pageByPath[path] = page }
            Self.insert(page, into: &entities[page.key, default: []], inOrder: inOrder)
            if inOrder { pathsByFileName[Self.fileName(path), default: []].append(path) } else {
                Self.insertSorted(path, into: &pathsByFileName[Self.fileName(path), default: []])
            }
            guard page.kind == .example else { return }
            if !page.frontMatter.isReadable { unreadableExamples += 1 }
            guard case .example(let fields) = page.frontMatter.fields else { return }
            for principle in Set(fields.principles.map(\.value)) { Self.insert(page, into: &examplesByPrinciple[principle, default: []], inOrder: inOrder) }
        }

        /// Takes a page out of every table (as `insert` put it in).
        private mutating func remove(_ page: Page) {
            let path = page.path
            if pageByPath[path]?.key == page.key { pageByPath[path] = nil }
            let key = page.key
            entities[key]?.removeAll { $0.path == path }
            if entities[key]?.isEmpty == true {
                entities[key] = nil
                idsByKind[key.kind]?.removeAll { $0 == key.id }
                if idsByKind[key.kind]?.isEmpty == true { idsByKind[key.kind] = nil }
            }
            let name = Self.fileName(path)
            if let index = pathsByFileName[name]?.firstIndex(of: path) { pathsByFileName[name]?.remove(at: index) }
            if pathsByFileName[name]?.isEmpty == true { pathsByFileName[name] = nil }
            guard page.kind == .example else { return }
            if !page.frontMatter.isReadable { unreadableExamples -= 1 }
            guard case .example(let fields) = page.frontMatter.fields else { return }
            for principle in Set(fields.principles.map(\.value)) {
                examplesByPrinciple[principle]?.removeAll { $0.path == path }
                if examplesByPrinciple[principle]?.isEmpty == true { examplesByPrinciple[principle] = nil }
            }
        }

        private static func insert(_ page: Page, into pages: inout [Page], inOrder: Bool) {
            if inOrder { pages.append(page) } else { pages.insert(page, at: pages.firstIndex { $0.path > page.path } ?? pages.endIndex) }
        }

        private static func insertSorted(_ value: String, into values: inout [String]) {
            var low = 0, high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] < value { low = middle + 1 } else { high = middle }
            }
            values.insert(value, at: low)
        }
    }

    /// Whether what the tables say of a handbook still holds when `old` is replaced, in its place, by `new`:
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

    init(handbook: Handbook, today: Day, tables: Tables? = nil) {
        self.handbook = handbook
        self.today = today
        self.tables = tables ?? Tables(handbook)
        assets = Set(handbook.assets)
    }

    func page(atPath path: String) -> Page? { tables.pageByPath[path] }

    /// Each page's path by its file name (the first in path order).
    func path(ofFileNamed name: String) -> String? { tables.pathsByFileName[name]?.first }

    var fileNames: Dictionary<String, [String]>.Keys { tables.pathsByFileName.keys }

    /// The verdicts of the examples that list a principle (nil for an example without a valid one).
    func exampleVerdicts(of principle: String) -> [Verdict?] {
        (tables.examplesByPrinciple[principle] ?? []).map { page in
            if case .example(let fields) = page.frontMatter.fields { return fields.verdict }
            return nil
        }
    }

    func exists(_ kind: Kind, _ id: String) -> Bool { tables.entities[PageKey(kind: kind, id: id)] != nil }

    func ids(of kind: Kind) -> [String] { tables.idsByKind[kind] ?? [] }

    /// The page a finding about a whole entity is reported on: its default-language page, else its first.
    func representative(_ key: PageKey) -> Page? {
        guard let pages = tables.entities[key] else { return nil }
        let defaultLanguage = handbook.settings.defaultLanguage
        return pages.first { $0.language == defaultLanguage } ?? pages.min { $0.path < $1.path }
    }

    var knownOwners: String {
        let ids = handbook.people.map(\.id)
        if ids.isEmpty { return "people.yml lists nobody yet" }
        let shown = ids.prefix(12).joined(separator: ", ")
        return "known owners: \(shown)\(ids.count > 12 ? ", … (\(ids.count) in all)" : "")"
    }
}
