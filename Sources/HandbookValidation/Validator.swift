import HandbookModel

/// Checks a loaded handbook against every rule of the content contract and returns all findings at once,
/// sorted by file, line and column.
public struct Validator: Sendable {
    public var today: Day

    public init(today: Day) {
        self.today = today
    }

    public func validate(_ handbook: Handbook) -> [Diagnostic] {
        var index: ValidationIndex?
        return validate(handbook, index: &index, reuse: false)
    }

    /// Validates, keeping the lookup tables in `index` for the next call. With `reuse`, the tables of the
    /// last call are used again: only when the pages are the same files in the same order with the same
    /// front matter (the preview server, after an edit of page bodies).
    public func validate(_ handbook: Handbook, index: inout ValidationIndex?, reuse: Bool) -> [Diagnostic] {
        let context = reuse ? index.map { ValidationContext(reusing: $0.tables, handbook: handbook, today: today) }
            ?? ValidationContext(handbook: handbook, today: today) : ValidationContext(handbook: handbook, today: today)
        index = ValidationIndex(tables: context.tables)
        let rules: [@Sendable (ValidationContext) -> [Diagnostic]] = [
            StructureRules.check, OwnerRules.check, ExampleRules.check, LinkRules.check, MarkupRules.check, ReviewRules.check, TranslationRules.check, SelfCheckRules.check,
        ]
        // The rules read the same context and nothing else: they run side by side.
        var findings = handbook.loadDiagnostics + rules.parallelMap { $0(context) }.joined()
        if findings.errorCount == 0 { findings += SelfCheckRules.size(context) }
        // A settings file that could not be read is the one cause: what only follows from its defaults goes.
        if handbook.unreadableFiles.contains("handbook.yml") {
            findings.removeAll { $0.rule == .duplicateID || $0.rule == .missingTranslation || $0.rule == .outputCollision }
        }
        return Array(Set(findings)).sorted()
    }
}

/// The lookup tables of a validation, kept for the next one (see `Validator.validate(_:index:reuse:)`).
public struct ValidationIndex: Sendable {
    let tables: ValidationContext.Tables
}
