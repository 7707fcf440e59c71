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
        for finding in findings { out += line(finding, root: root) + "\n" }
        out += Self.summary(findings) + "\n"
        return out
    }

    /// One finding as a line of text: `file:line:column: severity: message (hint) [rule]`.
    /// - Parameter severity: false where only errors are listed (the preview server's page of errors).
    public func line(_ finding: Diagnostic, root: String = "", severity shown: Bool = true) -> String {
        let severity = finding.severity.rawValue
        let label = colors ? (finding.severity == .error ? "\u{1B}[1;31m\(severity)\u{1B}[0m" : "\u{1B}[1;33m\(severity)\u{1B}[0m") : severity
        let loc = finding.location
        var out = "\(Self.printable(path(loc, root: root))):\(loc.line):\(loc.column): \(shown ? "\(label): " : "")\(Self.printable(finding.message))"
        if let hint = finding.hint { out += " (\(Self.printable(hint)))" }
        return out + " [\(finding.rule.rawValue)]"
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

    /// A workflow command's message: `%`, CR and LF percent-encoded scalar by scalar (a `"\r\n"` is one
    /// Swift character, which a replacement of "\n" never matches), other control characters escaped.
    static func data(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if SafeName.isControl(scalar) { out += Self.escaped(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Text for a terminal: control characters (ANSI escapes, line breaks, BEL) from content shown as `\u{…}`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: SafeName.isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if SafeName.isControl(scalar) { out += escaped(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
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

