/// One finding about the content: where, which rule, what is wrong and what to do.
public struct Diagnostic: Sendable, Hashable, Comparable, Codable {
    public var location: SourceLocation
    public var rule: Rule
    public var severity: Severity
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ rule: Rule, at location: SourceLocation, _ message: String, hint: String? = nil, severity: Severity? = nil) {
        self.location = location
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.hint = hint
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        // The rest too, so that a sorted list of distinct findings has one order.
        if lhs.severity != rhs.severity { return lhs.severity.rawValue < rhs.severity.rawValue }
        return (lhs.hint ?? "") < (rhs.hint ?? "")
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Warnings become errors (`--strict`).
    public func strict() -> [Diagnostic] {
        map { var d = $0; d.severity = .error; return d }
    }
}
