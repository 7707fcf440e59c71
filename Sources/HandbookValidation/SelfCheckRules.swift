import HandbookModel

/// `self-check-item`, `self-check-size`: what a policy's self-check ("Right or wrong?") can ask. The size is
/// said of a policy only while the content has no errors and each of its principles has good and bad
/// examples (else `principle-example` or `one-sided-examples` already asks for the examples that would
/// make it grow).
enum SelfCheckRules {
    /// Fewer cases than this make a self-check that teaches little.
    static let fewestItems = 4

    /// `self-check-item`.
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        // An example without a valid verdict is reported for that; whether it can be a case comes after.
        guard case .example(let fields) = page.frontMatter.fields, fields.verdict != nil, page.frontMatter.isReadable, page.situation == nil else { return }
        findings.append(Diagnostic(.selfCheckItem, at: page.fileStart, "the example '\(page.id)' has neither a summary nor a first paragraph, so its policy's self-check cannot ask about it",
                                   hint: "add 'summary:' with what happened and what the agent did, without the verdict"))
    }

    /// `self-check-size`, said only of content without errors: a wrong policy id, a broken example or an
    /// unreadable page changes which cases there are.
    static func size(_ context: ValidationContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // Examples by the principles they illustrate (their default-language pages), each as what a case
        // needs of it: its id, its page (whether it can be asked about is read only for the policies that
        // get that far) and its verdict.
        var examplesByPrinciple: [String: [(id: String, page: Page, verdict: Verdict?)]] = [:]
        for key in context.entities.keys where key.kind == .example {
            guard let page = context.representative(key), page.frontMatter.isReadable,
                  case .example(let fields) = page.frontMatter.fields else { continue }
            let example = (id: key.id, page: page, verdict: fields.verdict)
            for principle in Set(fields.principles.map(\.value)) { examplesByPrinciple[principle, default: []].append(example) }
        }
        var principlesByPolicy: [String: [String]] = [:]
        for id in context.ids(of: .principle) {
            guard let page = context.representative(PageKey(kind: .principle, id: id)),
                  case .principle(let fields) = page.frontMatter.fields, let policy = fields.policy?.value else { continue }
            principlesByPolicy[policy, default: []].append(id)
        }
        for id in context.ids(of: .policy) {
            guard let policy = context.representative(PageKey(kind: .policy, id: id))?.fileStart else { continue }
            // A principle of the policy already reported for its examples (none, or of one verdict): adding
            // them is the fix, and the self-check grows with it.
            if (principlesByPolicy[id] ?? []).contains(where: { principle in
                let verdicts = Set(context.exampleVerdicts(of: principle).compactMap { $0 })
                return verdicts.count != 2
            }) { continue }
            var seen: Set<String> = [], verdicts: Set<Verdict> = []
            for principle in principlesByPolicy[id] ?? [] {
                for example in examplesByPrinciple[principle] ?? [] where !seen.contains(example.id) && example.page.situation != nil {
                    seen.insert(example.id)
                    if let verdict = example.verdict { verdicts.insert(verdict) }
                }
            }
            if seen.count < fewestItems {
                findings.append(Diagnostic(.selfCheckSize, at: policy, "the self-check of the policy '\(id)' would have \(seen.count) case\(seen.count == 1 ? "" : "s")",
                                           hint: "write at least \(fewestItems) examples for its principles, good and bad"))
            } else if verdicts.count == 1, let only = verdicts.first {
                findings.append(Diagnostic(.selfCheckSize, at: policy, "the self-check of the policy '\(id)' would have only \(only.rawValue) examples",
                                           hint: "add a \(only == .good ? "bad" : "good") example to one of its principles, so the answer is not always the same"))
            }
        }
        return findings
    }
}
