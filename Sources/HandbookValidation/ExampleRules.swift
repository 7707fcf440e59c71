import HandbookModel

/// `example-verdict`, `example-principle` (of each example), `principle-example`, `one-sided-examples`
/// (of each principle, from the examples that name it).
enum ExampleRules {
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        guard case .example(let fields) = page.frontMatter.fields, page.frontMatter.isReadable else { return }
        if fields.verdict == nil && fields.verdictLocation == nil {
            findings.append(Diagnostic(.exampleVerdict, at: page.fileStart, "the example '\(page.id)' has no verdict",
                                       hint: "add 'verdict: good' or 'verdict: bad'"))
        }
        if fields.principles.isEmpty {
            findings.append(Diagnostic(.examplePrinciple, at: fields.principlesLocation ?? page.fileStart,
                                       "the example '\(page.id)' lists no principle",
                                       hint: "add 'principles: [principle-id]' naming the principles it illustrates"))
        }
        for principle in fields.principles where !context.exists(.principle, principle.value) {
            var hint = "name a principle that exists under principles/"
            if let close = Suggestion.closest(to: principle.value, in: context.ids(of: .principle)) { hint = "did you mean '\(close)'?" }
            findings.append(Diagnostic(.examplePrinciple, at: principle.location, "principle '\(principle.value)' does not exist", hint: hint))
        }
    }

    /// What each principle's examples say together.
    static func checkSite(_ context: ValidationContext) -> [Diagnostic] {
        // While an example cannot be read, which principles it illustrates is unknown: say nothing about sides yet.
        guard context.examplesReadable else { return [] }
        var findings: [Diagnostic] = []
        for id in context.ids(of: .principle) {
            guard let page = context.representative(PageKey(kind: .principle, id: id)) else { continue }
            let verdicts = context.exampleVerdicts(of: id)
            if verdicts.isEmpty {
                findings.append(Diagnostic(.principleExample, at: page.fileStart, "the principle '\(id)' has no example",
                                           hint: "write an example under examples/ with 'principles: [\(id)]'; a principle lands only with a story"))
                continue
            }
            // An example without a valid verdict is reported on its own; it says nothing about sides yet.
            let known = Set(verdicts.compactMap { $0 })
            if !verdicts.contains(nil), known.count == 1, let only = known.first {
                let missing = only == .good ? "bad" : "good"
                findings.append(Diagnostic(.oneSidedExamples, at: page.fileStart, "the principle '\(id)' has only \(only.rawValue) examples",
                                           hint: "add a \(missing) example so staff see both how to act and how not to"))
            }
        }
        return findings
    }
}
