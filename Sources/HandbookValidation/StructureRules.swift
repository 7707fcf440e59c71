import HandbookModel

/// `front-matter` (required keys), `faq-question`, `principle-policy` (of each page), `duplicate-id` (of
/// the pages that share an id).
enum StructureRules {
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        guard page.frontMatter.isReadable else { return }
        if page.kind != .page, !page.hasTitle {
            findings.append(Diagnostic(.frontMatter, at: page.fileStart, "the front matter lacks the required key 'title'",
                                       hint: "add 'title:' to the front matter, or start the body with a '# ' heading"))
        }
        switch page.frontMatter.fields {
        case .faq(let fields):
            if fields.date == nil && fields.dateLocation == nil {
                findings.append(Diagnostic(.frontMatter, at: page.fileStart, "the front matter lacks the required key 'date'",
                                           hint: "add 'date: YYYY-MM-DD', the day of the briefing"))
            }
            if !page.body.headings.contains(where: { $0.level == 2 }) {
                findings.append(Diagnostic(.faqQuestion, at: SourceLocation(file: page.path, line: page.bodyLineOffset + 1),
                                           "the FAQ '\(page.id)' has no question",
                                           hint: "write each question as a '## ' heading with its answer below it"))
            }
        case .principle(let fields):
            if let policy = fields.policy, !context.exists(.policy, policy.value) {
                var hint = "name a policy that exists under policies/"
                if let close = Suggestion.closest(to: policy.value, in: context.ids(of: .policy)) { hint = "did you mean '\(close)'?" }
                findings.append(Diagnostic(.principlePolicy, at: policy.location, "policy '\(policy.value)' does not exist", hint: hint))
            }
        default:
            break
        }
    }

    /// Same kind, id and language: pages of one entity (grouped by the context) in one language.
    static func checkSite(_ context: ValidationContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for pages in context.entities.values where pages.count > 1 {
            for group in Dictionary(grouping: pages, by: \.language).values where group.count > 1 {
                let sorted = group.sorted { $0.path < $1.path }
                for page in sorted.dropFirst() {
                    // Without handbook.yml the languages are the default ones: `guide.en.md` and `guide.md` are one page.
                    let hint = context.handbook.settingsMissing
                        ? "there is no handbook.yml, so the languages are the default [\(context.handbook.settings.languages.joined(separator: ", "))] and both files are that language's page: add handbook.yml with 'languages:' listing the default language first, or rename one of the files"
                        : "rename one of the files; ids are unique within a kind and language"
                    findings.append(Diagnostic(.duplicateID, at: SourceLocation(file: page.path),
                                               "the \(page.kind.rawValue) id '\(page.id)' (\(page.language)) is also used by \(sorted[0].path)", hint: hint))
                }
            }
        }
        return findings
    }
}
