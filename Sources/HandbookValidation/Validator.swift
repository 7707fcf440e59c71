import HandbookModel

/// Checks a loaded handbook against every rule of the content contract and returns all findings at once,
/// sorted by file, line and column.
public struct Validator: Sendable {
    public var today: Day

    public init(today: Day) {
        self.today = today
    }

    public func validate(_ handbook: Handbook) -> [Diagnostic] {
        let context = ValidationContext(handbook: handbook, today: today)
        let rules: [(ValidationContext) -> [Diagnostic]] = [
            StructureRules.check, OwnerRules.check, ExampleRules.check, LinkRules.check, ReviewRules.check, TranslationRules.check,
        ]
        var findings = handbook.loadDiagnostics
        for rule in rules { findings += rule(context) }
        return Array(Set(findings)).sorted()
    }
}
