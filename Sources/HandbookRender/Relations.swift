import HandbookModel

/// How pages relate, computed once per build: which principles belong to a policy, which examples
/// illustrate a principle, which FAQ answers link to it, what each person owns. Relations come from each
/// entity's default-language file (its translations share them).
public struct Relations: Sendable, Equatable {
    public struct QuestionRef: Sendable, Hashable {
        public var faq: PageKey
        public var question: String
        public var anchor: String
    }

    /// Pages of each entity by language.
    public private(set) var translations: [PageKey: [String: Page]]
    public private(set) var principlesByPolicy: [String: [String]] = [:]
    public private(set) var goodExamples: [String: [String]] = [:]
    public private(set) var badExamples: [String: [String]] = [:]
    public private(set) var questionsByPrinciple: [String: [QuestionRef]] = [:]
    public private(set) var ownedBy: [String: [PageKey]] = [:]
    public private(set) var facilitatedBy: [String: [PageKey]] = [:]
    private let defaultLanguage: String
    /// Every entity's key in order, and each kind's, made once (lists, home, changes and the versions ask for
    /// them on every rendering).
    public private(set) var sortedKeys: [PageKey]
    private var keysByKind: [Kind: [PageKey]]

    public init(pages: [Page], defaultLanguage: String) {
        self.defaultLanguage = defaultLanguage
        var translations: [PageKey: [String: Page]] = [:]
        for page in pages { translations[page.key, default: [:]][page.language] = page }
        self.translations = translations
        sortedKeys = translations.keys.sorted()
        keysByKind = Dictionary(grouping: sortedKeys, by: \.kind)
        // Each list is made in key order, as `add` keeps it.
        for key in sortedKeys {
            guard let page = Relations.primary(translations[key]!, defaultLanguage: defaultLanguage) else { continue }
            add(page, inOrder: true)
        }
        questionsByPrinciple = makeQuestions()
    }

    /// The relations of the pages once `removed` are taken out and `added` put in (a page added or removed,
    /// or an edit that changed what relates it, as its old page removed and its new one added): only the
    /// entities of those pages are related again, and the briefings' questions when a principle or a
    /// briefing is among them. Equal to the relations made from the new pages (on 10,000 pages, making
    /// them again was a tenth of a page added's rebuild).
    public mutating func update(removing removed: [Page], adding added: [Page]) {
        let keys = Set((removed + added).map(\.key))
        for key in keys {
            if let page = translations[key].flatMap({ Relations.primary($0, defaultLanguage: defaultLanguage) }) { remove(page) }
        }
        for page in removed where translations[page.key]?[page.language]?.path == page.path {
            translations[page.key]?[page.language] = nil
            if translations[page.key]?.isEmpty == true { translations[page.key] = nil }
        }
        for page in added { translations[page.key, default: [:]][page.language] = page }
        for key in keys.sorted() {
            let present = translations[key] != nil
            Self.place(key, in: &sortedKeys, present: present)
            Self.place(key, in: &keysByKind[key.kind, default: []], present: present)
            if keysByKind[key.kind]?.isEmpty == true { keysByKind[key.kind] = nil }
            if let page = translations[key].flatMap({ Relations.primary($0, defaultLanguage: defaultLanguage) }) { add(page, inOrder: false) }
        }
        if keys.contains(where: { $0.kind == .principle || $0.kind == .faq }) { questionsByPrinciple = makeQuestions() }
    }

    /// Puts a key in a sorted list, or takes it out.
    private static func place(_ key: PageKey, in keys: inout [PageKey], present: Bool) {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        let there = low < keys.count && keys[low] == key
        if present, !there { keys.insert(key, at: low) } else if !present, there { keys.remove(at: low) }
    }

    /// What an entity's (default-language) page relates, put in every list but the questions'; `inOrder`:
    /// its key comes after every key already in (a reading of every page, in key order).
    private mutating func add(_ page: Page, inOrder: Bool) {
        let key = page.key
        switch page.frontMatter.fields {
        case .policy(let fields):
            if let owner = fields.owner?.value { Self.insert(key, into: &ownedBy[owner, default: []], inOrder: inOrder) }
        case .principle(let fields):
            if let owner = fields.owner?.value { Self.insert(key, into: &ownedBy[owner, default: []], inOrder: inOrder) }
            if let policy = fields.policy?.value { Self.insert(key.id, into: &principlesByPolicy[policy, default: []], inOrder: inOrder) }
        case .example(let fields):
            for principle in Set(fields.principles.map(\.value)).sorted() {
                if fields.verdict == .bad { Self.insert(key.id, into: &badExamples[principle, default: []], inOrder: inOrder) } else {
                    Self.insert(key.id, into: &goodExamples[principle, default: []], inOrder: inOrder)
                }
            }
        case .faq(let fields):
            if let facilitator = fields.facilitator?.value { Self.insert(key, into: &facilitatedBy[facilitator, default: []], inOrder: inOrder) }
        case .page:
            break
        }
    }

    /// Takes out what `add` put in for the page.
    private mutating func remove(_ page: Page) {
        let key = page.key
        switch page.frontMatter.fields {
        case .policy(let fields):
            if let owner = fields.owner?.value { Self.take(key, from: &ownedBy, owner) }
        case .principle(let fields):
            if let owner = fields.owner?.value { Self.take(key, from: &ownedBy, owner) }
            if let policy = fields.policy?.value { Self.take(key.id, from: &principlesByPolicy, policy) }
        case .example(let fields):
            for principle in Set(fields.principles.map(\.value)) {
                if fields.verdict == .bad { Self.take(key.id, from: &badExamples, principle) } else { Self.take(key.id, from: &goodExamples, principle) }
            }
        case .faq(let fields):
            if let facilitator = fields.facilitator?.value { Self.take(key, from: &facilitatedBy, facilitator) }
        case .page:
            break
        }
    }

    private static func insert<Value: Comparable>(_ value: Value, into values: inout [Value], inOrder: Bool) {
        if inOrder { values.append(value) } else { values.insert(value, at: values.firstIndex { $0 > value } ?? values.endIndex) }
    }

    private static func take<Value: Equatable>(_ value: Value, from table: inout [String: [Value]], _ name: String) {
        table[name]?.removeAll { $0 == value }
        if table[name]?.isEmpty == true { table[name] = nil }
    }

    /// The questions of the briefings (their default-language pages), by the principle each links to, in
    /// the briefings' key order and each one's link order.
    private func makeQuestions() -> [String: [QuestionRef]] {
        // Which principle a content path belongs to, for FAQ answers that link to principles.
        var principleByPath: [String: String] = [:]
        for key in keys(of: .principle) { for page in (translations[key] ?? [:]).values { principleByPath[page.path] = key.id } }
        var questions: [String: [QuestionRef]] = [:]
        for key in keys(of: .faq) {
            guard let page = translations[key].flatMap({ Relations.primary($0, defaultLanguage: defaultLanguage) }) else { continue }
            let questionHeadings = page.body.headings.filter { $0.level == 2 }
            for link in page.body.links {
                guard let target = link.targetPath, target.hasPrefix("principles/"),
                      let question = questionHeadings.last(where: { $0.line <= link.location.line }) else { continue }
                guard let principleID = principleByPath[target] else { continue }
                let ref = QuestionRef(faq: key, question: question.text, anchor: question.anchor)
                if !(questions[principleID]?.contains(ref) ?? false) { questions[principleID, default: []].append(ref) }
            }
        }
        return questions
    }

    /// Puts a new version of a page in place of the old one. Only for an edit that changes none of the
    /// relations (the same `RelationSignature`).
    public mutating func replace(_ page: Page) {
        translations[page.key]?[page.language] = page
    }

    /// Puts a new version of a page in place of the old one whose owner or facilitator changed (its other
    /// relations as they were): the entity moves from one person's list to the other's, in key order as a
    /// new reading of the pages puts it (on 10,000 pages, making the relations again took 40 ms of an owner change).
    public mutating func replaceChangingPeople(_ page: Page) {
        let before = translations[page.key].flatMap { Relations.primary($0, defaultLanguage: defaultLanguage) }
        translations[page.key]?[page.language] = page
        guard let after = translations[page.key].flatMap({ Relations.primary($0, defaultLanguage: defaultLanguage) }) else { return }
        Self.move(page.key, in: &ownedBy, from: before.flatMap(Self.owner), to: Self.owner(after))
        Self.move(page.key, in: &facilitatedBy, from: before.flatMap(Self.facilitator), to: Self.facilitator(after))
    }

    /// Whom an entity's (default-language) page names as owning it, as `init` reads it.
    private static func owner(_ page: Page) -> String? {
        switch page.frontMatter.fields {
        case .policy(let fields): fields.owner?.value
        case .principle(let fields): fields.owner?.value
        default: nil
        }
    }

    private static func facilitator(_ page: Page) -> String? {
        if case .faq(let fields) = page.frontMatter.fields { return fields.facilitator?.value }
        return nil
    }

    private static func move(_ key: PageKey, in table: inout [String: [PageKey]], from before: String?, to after: String?) {
        guard before != after else { return }
        if let before {
            table[before]?.removeAll { $0 == key }
            if table[before]?.isEmpty == true { table[before] = nil }
        }
        if let after {
            var keys = table[after] ?? []
            keys.insert(key, at: keys.firstIndex { $0 > key } ?? keys.count)
            table[after] = keys
        }
    }

    static func primary(_ byLanguage: [String: Page], defaultLanguage: String) -> Page? {
        byLanguage[defaultLanguage] ?? byLanguage.values.min { $0.path < $1.path }
    }

    /// The page of an entity in a language, else in the default language, else any.
    public func page(_ key: PageKey, language: String) -> Page? {
        guard let byLanguage = translations[key] else { return nil }
        return byLanguage[language] ?? Relations.primary(byLanguage, defaultLanguage: defaultLanguage)
    }

    public func keys(of kind: Kind) -> [PageKey] {
        keysByKind[kind] ?? []
    }
}
