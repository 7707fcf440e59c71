import HandbookModel
import Yams

/// Decodes the YAML front matter of one page into typed values, once, with positions for every finding.
struct FrontMatterReader {
    let file: String
    let kind: Kind

    struct Result {
        var frontMatter: FrontMatter
        var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - yaml: the text between the fences.
    ///   - openingLine: the line of the opening `---`.
    func read(yaml: Substring?, openingLine: Int = 1) -> Result {
        guard let yaml else {
            return Result(frontMatter: FrontMatter(fields: emptyFields()), diagnostics: [])
        }
        var reader = YAMLValueReader(file: file, lineOffset: openingLine)
        var frontMatter = FrontMatter(openingLine: openingLine, fields: emptyFields())
        let root: Node?
        do {
            root = try YAMLText.compose(String(yaml))
        } catch {
            frontMatter.isReadable = false
            return Result(frontMatter: frontMatter, diagnostics: [YAMLErrorMapper.diagnostic(for: error, file: file, lineOffset: openingLine, yaml: String(yaml))])
        }
        guard let root, !YAMLValueReader.isNull(root) else {
            return Result(frontMatter: frontMatter, diagnostics: [])
        }
        guard case .mapping(let mapping) = root else {
            frontMatter.isReadable = false
            reader.report(at: root, "front matter must be a set of 'key: value' lines, not \(YAMLValueReader.describe(root))")
            return Result(frontMatter: frontMatter, diagnostics: reader.diagnostics)
        }
        var policy = PolicyFields(), principle = PrincipleFields(), example = ExampleFields(), faq = FAQFields()
        let known = FrontMatterKeys.known(for: kind)
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            if !known.contains(key) {
                // A plain page brought from another tool keeps its own keys for templates; the contract's
                // `unknown-key` warning still tells the author (a typo of `title` would otherwise vanish).
                if kind == .page, case .scalar(let scalar) = value { frontMatter.extra[key] = scalar.string }
                reportUnknown(key: key, at: keyNode, reader: &reader)
                continue
            }
            switch key {
            case "title": frontMatter.title = reader.located(value, key: key)
            case "draft": frontMatter.draft = reader.bool(value, key: key) ?? false
            case "summary": frontMatter.summary = reader.located(value, key: key)
            case "owner":
                let rule: Rule = kind == .policy ? .policyOwner : .principleOwner
                let owner = reader.located(value, key: key, rule: rule)
                if kind == .policy { policy.owner = owner } else { principle.owner = owner }
            case "status":
                if let text = reader.string(value, key: key) {
                    if let status = PolicyStatus(rawValue: text) {
                        policy.status = status
                    } else {
                        reader.report(at: value, "status '\(text)' is not one of draft, active, retired", hint: "write 'status: active'")
                    }
                }
            case "effective": policy.effective = reader.day(value, key: key)
            case "review_by": policy.reviewBy = reader.day(value, key: key)
            case "applies_to": policy.appliesTo = reader.list(value, key: key, ofIDs: true).map(\.value)
            case "escalation": policy.escalation = reader.list(value, key: key).map(\.value)
            case "exceptions": policy.exceptions = readExceptions(value, reader: &reader)
            case "acknowledge":
                if let text = reader.string(value, key: key) {
                    switch text {
                    case "required": policy.acknowledge = true
                    case "no", "none", "false": policy.acknowledge = false
                    default: reader.report(at: value, "acknowledge '\(text)' is not 'required'", hint: "write 'acknowledge: required', or leave the key out")
                    }
                }
            case "policy": principle.policy = reader.located(value, key: key, rule: .principlePolicy)
            case "tags": principle.tags = reader.list(value, key: key, ofIDs: true).map(\.value)
            case "verdict":
                example.verdictLocation = reader.location(value)
                if let text = reader.string(value, key: key, rule: .exampleVerdict) {
                    if let verdict = Verdict(rawValue: text.lowercased()) {
                        example.verdict = verdict
                    } else {
                        reader.report(.exampleVerdict, at: value, "verdict '\(text)' is neither good nor bad", hint: "write 'verdict: good' or 'verdict: bad'")
                    }
                }
            case "principles":
                example.principlesLocation = reader.location(value)
                example.principles = reader.list(value, key: key, rule: .examplePrinciple, ofIDs: true)
            case "source": example.source = reader.string(value, key: key)
            case "better": example.better = reader.located(value, key: key)
            case "date":
                faq.dateLocation = reader.location(value)
                faq.date = reader.day(value, key: key)
            case "facilitator": faq.facilitator = reader.located(value, key: key)
            default: break
            }
        }
        switch kind {
        case .policy: frontMatter.fields = .policy(policy)
        case .principle: frontMatter.fields = .principle(principle)
        case .example: frontMatter.fields = .example(example)
        case .faq: frontMatter.fields = .faq(faq)
        case .page: frontMatter.fields = .page
        }
        return Result(frontMatter: frontMatter, diagnostics: reader.diagnostics)
    }

    private func emptyFields() -> KindFields {
        switch kind {
        case .policy: .policy(PolicyFields())
        case .principle: .principle(PrincipleFields())
        case .example: .example(ExampleFields())
        case .faq: .faq(FAQFields())
        case .page: .page
        }
    }

    private func reportUnknown(key: String, at node: Node, reader: inout YAMLValueReader) {
        let known = FrontMatterKeys.known(for: kind)
        let allKeys = Set(Kind.allCases.flatMap(FrontMatterKeys.known(for:)))
        var hint: String
        // Keys that only the typed kinds have: on a plain page they say the file is in the wrong folder.
        let typedOnly: Set<String> = ["owner", "verdict", "principles", "policy", "facilitator", "exceptions", "escalation", "applies_to",
                                      "review_by", "effective", "acknowledge"]
        if let close = Suggestion.closest(to: key, in: known) {
            hint = "did you mean '\(close)'?"
        } else if kind == .page && !typedOnly.contains(key) {
            // Another tool's key in a plain page (`weight`, `redirect_from`, `tags`, `date`): kept for templates as
            // `extra`, not a finding. Only a typo of a known key, or a key only the typed kinds have, is reported.
            return
        } else if allKeys.contains(key) {
            hint = "'\(key)' belongs to another kind of page; a \(kind.rawValue) knows: \(known.joined(separator: ", "))"
        } else {
            hint = "known keys for a \(kind.rawValue): \(known.joined(separator: ", "))"
        }
        reader.report(.unknownKey, at: node, "unknown front matter key '\(key)'", hint: hint)
    }

    private func readExceptions(_ node: Node, reader: inout YAMLValueReader) -> [PolicyException] {
        if YAMLValueReader.isNull(node) { return [] }
        guard case .sequence(let items) = node else {
            reader.report(at: node, "'exceptions' must be a list of {who, may, limit}", hint: "write '- who: shift lead' with 'may:' and 'limit:' under it")
            return []
        }
        var result: [PolicyException] = []
        for item in items {
            guard case .mapping(let mapping) = item else {
                reader.report(at: item, "each exception must have 'who', 'may' and 'limit', not \(YAMLValueReader.describe(item))")
                continue
            }
            var values: [String: String] = [:]
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                guard ["who", "may", "limit"].contains(key) else {
                    let close = Suggestion.closest(to: key, in: ["who", "may", "limit"])
                    reader.report(.unknownKey, at: keyNode, "unknown exception key '\(key)'", hint: close.map { "did you mean '\($0)'?" } ?? "an exception has who, may and limit")
                    continue
                }
                values[key] = reader.string(value, key: key)
            }
            let missing = ["who", "may"].filter { values[$0] == nil }
            if !missing.isEmpty {
                reader.report(at: item, "an exception lacks \(missing.map { "'\($0)'" }.joined(separator: " and "))", hint: "every exception says who may grant what, up to which limit")
                continue
            }
            result.append(PolicyException(who: values["who"]!, may: values["may"]!, limit: values["limit"] ?? ""))
        }
        return result
    }
}
