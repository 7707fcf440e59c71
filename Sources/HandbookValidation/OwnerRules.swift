import HandbookModel

/// `policy-owner`, `principle-owner`, and the facilitator of a FAQ: owners must be in `people.yml`.
enum OwnerRules {
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        // people.yml could not be read: every owner would be unknown, and its own finding says why.
        let peopleKnown = !context.handbook.unreadableFiles.contains("people.yml")
        let rule: Rule
        switch page.kind {
        case .policy: rule = .policyOwner
        case .principle: rule = .principleOwner
        case .faq:
            if case .faq(let fields) = page.frontMatter.fields, let facilitator = fields.facilitator,
               peopleKnown, !context.peopleIDs.contains(facilitator.value), !context.handbook.refusedPeople.contains(facilitator.value) {
                findings.append(unknown(facilitator, rule: .faqFacilitator, what: "facilitator", context: context))
            }
            return
        default: return
        }
        guard let owner = page.frontMatter.fields.owner, !owner.value.isEmpty else {
            if !page.frontMatter.isReadable { return }
            findings.append(Diagnostic(rule, at: page.fileStart, "the \(page.kind.rawValue) '\(page.id)' has no owner",
                                       hint: "add 'owner:' with an id from people.yml (\(context.knownOwners))"))
            return
        }
        if peopleKnown, !context.peopleIDs.contains(owner.value), !context.handbook.refusedPeople.contains(owner.value) {
            findings.append(unknown(owner, rule: rule, what: "owner", context: context))
        }
    }

    private static func unknown(_ value: Located<String>, rule: Rule, what: String, context: ValidationContext) -> Diagnostic {
        var hint = "add '\(value.value)' to people.yml or use a known id"
        let written = value.value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let named = context.handbook.people.first(where: { $0.name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") == written }) {
            hint = "that is the name of '\(named.id)': write its id, '\(what): \(named.id)'"
        } else if let close = Suggestion.closest(to: value.value, in: context.peopleIDs) {
            hint = "did you mean '\(close)'? " + hint
        }
        return Diagnostic(rule, at: value.location, "\(what) '\(value.value)' is not in people.yml; \(context.knownOwners)", hint: hint)
    }
}
