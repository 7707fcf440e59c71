import HandbookModel

/// How pages relate, computed once per build: which principles belong to a policy, which examples
/// illustrate a principle, which FAQ answers link to it, what each person owns. Relations come from each
/// entity's default-language file (its translations share them).
public struct Relations: Sendable {
    public struct QuestionRef: Sendable, Hashable {
        public var faq: PageKey
        public var question: String
        public var anchor: String
    }

    /// Pages of each entity by language.
    public private(set) var translations: [PageKey: [String: Page]]
    public let principlesByPolicy: [String: [String]]
    public let goodExamples: [String: [String]]
    public let badExamples: [String: [String]]
    public let questionsByPrinciple: [String: [QuestionRef]]
    public private(set) var ownedBy: [String: [PageKey]]
    public private(set) var facilitatedBy: [String: [PageKey]]
    private let defaultLanguage: String
    /// Every entity's key in order, and each kind's, made once (lists, home, changes and the versions ask for
    /// them on every rendering; `replace` changes no key).
    public let sortedKeys: [PageKey]
    private let keysByKind: [Kind: [PageKey]]

    public init(pages: [Page], defaultLanguage: String) {
        self.defaultLanguage = defaultLanguage
        var translations: [PageKey: [String: Page]] = [:]
        for page in pages { translations[page.key, default: [:]][page.language] = page }
        self.translations = translations
        var principlesByPolicy: [String: [String]] = [:]
        var good: [String: [String]] = [:], bad: [String: [String]] = [:]
        var questions: [String: [QuestionRef]] = [:]
        var owned: [String: [PageKey]] = [:], facilitated: [String: [PageKey]] = [:]
        // Which principle a content path belongs to, for FAQ answers that link to principles.
        var principleByPath: [String: String] = [:]
        for page in pages where page.kind == .principle { principleByPath[page.path] = page.id }
        sortedKeys = translations.keys.sorted()
        keysByKind = Dictionary(grouping: sortedKeys, by: \.kind)
        for key in sortedKeys {
            guard let page = Relations.primary(translations[key]!, defaultLanguage: defaultLanguage) else { continue }
            switch page.frontMatter.fields {
            case .policy(let fields):
                if let owner = fields.owner?.value { owned[owner, default: []].append(key) }
            case .principle(let fields):
                if let owner = fields.owner?.value { owned[owner, default: []].append(key) }
                if let policy = fields.policy?.value { principlesByPolicy[policy, default: []].append(key.id) }
            case .example(let fields):
                for principle in Set(fields.principles.map(\.value)).sorted() {
                    if fields.verdict == .bad { bad[principle, default: []].append(key.id) } else { good[principle, default: []].append(key.id) }
                }
            case .faq(let fields):
                if let facilitator = fields.facilitator?.value { facilitated[facilitator, default: []].append(key) }
                let questionHeadings = page.body.headings.filter { $0.level == 2 }
                for link in page.body.links {
                    guard let target = link.targetPath, target.hasPrefix("principles/"),
                          let question = questionHeadings.last(where: { $0.line <= link.location.line }) else { continue }
                    guard let principleID = principleByPath[target] else { continue }
                    let ref = QuestionRef(faq: key, question: question.text, anchor: question.anchor)
                    if !(questions[principleID]?.contains(ref) ?? false) { questions[principleID, default: []].append(ref) }
                }
            case .page:
                break
            }
        }
        self.principlesByPolicy = principlesByPolicy
        goodExamples = good
        badExamples = bad
        questionsByPrinciple = questions
        ownedBy = owned
        facilitatedBy = facilitated
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
