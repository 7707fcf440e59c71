import HandbookModel

/// Turns findings into text, GitHub Actions annotations or JSON: the one place findings become messages.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, github, json
}

public struct DiagnosticFormatter: Sendable {
    public var format: DiagnosticFormat
    public var colors: Bool

    public init(format: DiagnosticFormat, colors: Bool = false) {
        self.format = format
        self.colors = colors
    }

    /// - Parameter root: prefix for file paths (the folder `check` was pointed at, as the user wrote it).
    public func format(_ findings: [Diagnostic], root: String = "") -> String {
        switch format {
        case .text: text(findings, root: root)
        case .github: github(findings, root: root)
        case .json: json(findings, root: root)
        }
    }

    private func path(_ location: SourceLocation, root: String) -> String {
        root.isEmpty || root == "." ? location.file : "\(root.hasSuffix("/") ? String(root.dropLast()) : root)/\(location.file)"
    }

    private func text(_ findings: [Diagnostic], root: String) -> String {
        var out = ""
        for finding in findings {
            let severity = finding.severity.rawValue
            let label = colors ? (finding.severity == .error ? "\u{1B}[1;31m\(severity)\u{1B}[0m" : "\u{1B}[1;33m\(severity)\u{1B}[0m") : severity
            let loc = finding.location
            out += "\(path(loc, root: root)):\(loc.line):\(loc.column): \(label): \(finding.message)"
            if let hint = finding.hint { out += " (\(hint))" }
            out += " [\(finding.rule.rawValue)]\n"
        }
        out += Self.summary(findings) + "\n"
        return out
    }

    public static func summary(_ findings: [Diagnostic]) -> String {
        let errors = findings.errorCount, warnings = findings.warningCount
        if errors == 0 && warnings == 0 { return "no problems found" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    private func github(_ findings: [Diagnostic], root: String) -> String {
        var out = ""
        for finding in findings {
            let loc = finding.location
            let message = finding.hint.map { "\(finding.message). \($0)" } ?? finding.message
            out += "::\(finding.severity.rawValue) file=\(Self.property(path(loc, root: root))),line=\(loc.line),col=\(loc.column),title=\(Self.property(finding.rule.rawValue))::\(Self.data(message))\n"
        }
        out += Self.summary(findings) + "\n"
        return out
    }

    static func data(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    private func json(_ findings: [Diagnostic], root: String) -> String {
        var out = "{\"findings\": ["
        for (index, finding) in findings.enumerated() {
            if index > 0 { out += "," }
            let loc = finding.location
            out += "\n  {\"file\": \(JSONText.quote(path(loc, root: root))), \"line\": \(loc.line), \"column\": \(loc.column), "
            out += "\"severity\": \(JSONText.quote(finding.severity.rawValue)), \"rule\": \(JSONText.quote(finding.rule.rawValue)), "
            out += "\"message\": \(JSONText.quote(finding.message)), \"hint\": \(finding.hint.map(JSONText.quote) ?? "null")}"
        }
        out += findings.isEmpty ? "" : "\n"
        out += "], \"errors\": \(findings.errorCount), \"warnings\": \(findings.warningCount)}\n"
        return out
    }
}
