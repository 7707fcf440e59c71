import HandbookModel

/// The rules said of one page alone: what each finds depends on that page and, beyond it, only on what
/// `PageReferences` names (the pages and files it links to, the principle and policy ids it names) and on
/// the settings, people and date (`ValidationMemo.Environment`). So a page none of whose references
/// changed keeps its findings from one validation to the next.
enum PageChecks {
    static func findings(of page: Page, _ context: ValidationContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        ExampleRules.check(page, context, into: &findings)
        LinkRules.check(page, context, into: &findings)
        StructureRules.check(page, context, into: &findings)
        SelfCheckRules.check(page, context, into: &findings)
        ReviewRules.check(page, context, into: &findings)
        OwnerRules.check(page, context, into: &findings)
        MarkupRules.check(page, context, into: &findings)
        return findings
    }

    /// Rules whose findings name other pages or files ("did you mean …", "does not exist"): a page that
    /// has one is checked again whenever pages or files come or go.
    static let namingOthers: Set<Rule> = [.brokenLink, .examplePrinciple, .principlePolicy]
}

/// What a page's own findings depend on beyond it: the paths of the pages and files it links to, and
/// the principle and policy ids it names (as `\0kind\0id`, which no path can be).
enum PageReferences {
    static func of(_ page: Page) -> [String] {
        var references: [String] = []
        for link in page.body.links { if let target = link.targetPath { references.append(target) } }
        for link in page.body.files { if let target = link.targetPath { references.append(target) } }
        switch page.frontMatter.fields {
        case .example(let fields): for principle in fields.principles { references.append(entity(PageKey(kind: .principle, id: principle.value))) }
        case .principle(let fields): if let policy = fields.policy { references.append(entity(PageKey(kind: .policy, id: policy.value))) }
        default: break
        }
        return references
    }

    static func entity(_ key: PageKey) -> String { "\u{0}\(key.kind.rawValue)\u{0}\(key.id)" }
}
