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
    /// last call are used again: only when the pages are the same files in the same order and each edited
    /// one's tables hold (`tablesHold(replacing:with:)`; the preview server, after an edit of page bodies or titles).
    public func validate(_ handbook: Handbook, index: inout ValidationIndex?, reuse: Bool) -> [Diagnostic] {
        let context = reuse ? index.map { ValidationContext(reusing: $0.tables, handbook: handbook, today: today) }
            ?? ValidationContext(handbook: handbook, today: today) : ValidationContext(handbook: handbook, today: today)
        index = ValidationIndex(tables: context.tables)
        // The rules read the same context and nothing else: they run side by side, the longest first.
        // `self-check-size` is said only of content without errors; it runs beside the others and is
        // dropped when they found one.
        let size = 3
        let rules: [@Sendable (ValidationContext) -> [Diagnostic]] = [
            ExampleRules.check, LinkRules.check, StructureRules.check, /* size: */ SelfCheckRules.size, SelfCheckRules.check, ReviewRules.check,
            OwnerRules.check, MarkupRules.check, TranslationRules.check,
        ]
        var results = rules.parallelMap { $0(context) }
        let sizeFindings = results.remove(at: size)
        var findings = handbook.loadDiagnostics + results.joined()
        if findings.errorCount == 0 { findings += sizeFindings }
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

extension Validator {
    /// Whether `reuse` may be passed after `old` was replaced by `new` in its place (every other page as it was).
    public static func tablesHold(replacing old: Page, with new: Page) -> Bool {
        ValidationContext.tablesHold(replacing: old, with: new)
    }
}
