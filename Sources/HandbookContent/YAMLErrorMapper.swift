import HandbookModel
import Yams

/// Turns a YAML parser error into a finding at the line in the file (not in the front matter).
enum YAMLErrorMapper {
    static func diagnostic(for error: Error, file: String, lineOffset: Int, rule: Rule = .frontMatter, yaml: String = "") -> Diagnostic {
        var mark: Mark?
        var problem = "\(error)"
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let text, let m, _), .parser(let context, let text, let m, _), .composer(let context, let text, let m, _):
                mark = m
                problem = [context?.text, text].compactMap { $0 }.joined(separator: " ")
            case .duplicatedKeysInMapping(let duplicates, let context):
                mark = context.mark
                problem = "the key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) is written twice"
            case .reader(let text, _, _, _):
                problem = text
            default:
                break
            }
        }
        if problem.count > 200 { problem = String(problem.prefix(200)) + "…" }
        let location = SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        let offending = mark.flatMap { m in yaml.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(m.line - 1).first } ?? ""
        let hint = problem.contains("tab") || offending.hasPrefix("\t") || offending.contains(": \t") ? "indent YAML with spaces, not tabs" : "check the YAML syntax: 'key: value', lists as [a, b], quotes around text with ':' or '#'"
        return Diagnostic(rule, at: location, "invalid YAML: \(problem)", hint: hint)
    }
}
