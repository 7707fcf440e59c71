/// The rule ids of the content contract (`content-format.md`), plus the few this tool adds
/// where the contract is silent (documented in `docs/content-format-extensions.md`).
public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
    // Errors of the contract.
    case principleOwner = "principle-owner"
    case principleExample = "principle-example"
    case policyOwner = "policy-owner"
    case exampleVerdict = "example-verdict"
    case examplePrinciple = "example-principle"
    case principlePolicy = "principle-policy"
    case brokenLink = "broken-link"
    case frontMatter = "front-matter"
    case duplicateID = "duplicate-id"
    case faqQuestion = "faq-question"
    // Warnings of the contract.
    case reviewOverdue = "review-overdue"
    case missingTranslation = "missing-translation"
    case oneSidedExamples = "one-sided-examples"
    case unknownKey = "unknown-key"
    // Added by this tool.
    /// `handbook.yml` or `people.yml` is missing a required value, is invalid, or names a person twice.
    case settings = "settings"
    /// A file in the content folder that cannot be read as UTF-8 text.
    case unreadableFile = "unreadable-file"
    /// A FAQ `facilitator` that is not in `people.yml`.
    case faqFacilitator = "faq-facilitator"
    /// A theme template or strings file that does not compile (`build` stops with it; `serve` shows it in the page).
    case theme = "theme"
    /// Two sources (pages, files, pages the tool makes) that would be written to one output path.
    case outputCollision = "output-collision"
    /// An example a self-check cannot ask about: no `summary` and no paragraph to show before the answer.
    case selfCheckItem = "self-check-item"
    /// A policy whose self-check would have fewer than four cases, or cases of only one verdict.
    case selfCheckSize = "self-check-size"
    /// The output folder cannot be written or replaced (`build` stops with it and leaves the output as it was).
    case output = "output"
    /// Raw HTML in a page, which safe mode leaves out: said once per file, so nothing vanishes silently.
    case rawHTML = "raw-html"
    /// A translation older than its source's newest substantive change.
    case outdatedTranslation = "outdated-translation"
    /// The acknowledgement ledger (`acknowledgements/ID.yml`): an entry that cannot be read, names a
    /// policy or version that does not exist, has a checksum that does not match, or names nobody known.
    case ackEntry = "ack-entry"
    case ackUnknownPolicy = "ack-unknown-policy"
    case ackUnknownVersion = "ack-unknown-version"
    case ackChecksum = "ack-checksum"
    case ackUnknownPerson = "ack-unknown-person"

    /// The severity a finding of this rule has unless `--strict` raises it.
    public var defaultSeverity: Severity {
        switch self {
        case .reviewOverdue, .missingTranslation, .oneSidedExamples, .unknownKey, .selfCheckItem, .selfCheckSize, .outdatedTranslation, .ackUnknownPerson, .rawHTML:
            .warning
        default:
            .error
        }
    }
}

public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}
