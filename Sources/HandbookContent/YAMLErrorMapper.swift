import HandbookModel
import Yams

/// Turns a YAML parser error into a finding at the line in the file (not in the front matter).
enum YAMLErrorMapper {
    /// Every message of this mapper starts so (the loader tells a file that could not be read by it).
    static let prefix = "invalid YAML"

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
        let hint: String
        if problem.contains("tab") || offending.hasPrefix("\t") || offending.contains(": \t") {
            hint = "indent YAML with spaces, not tabs"
        } else {
            hint = advice(problem, line: location.line)
        }
        return Diagnostic(rule, at: location, "\(prefix) on line \(location.line): \(problem)", hint: hint)
    }

    /// What libyaml's message means for an author, in their words.
    static func advice(_ problem: String, line: Int) -> String {
        let rules: [(String, String)] = [
            ("mapping values are not allowed", "check the indentation of line \(line) and the line before it; if a value holds ': ', put it in quotes"),
            ("did not find expected key", "check the indentation of line \(line): the keys of one block start in the same column, and a list item starts with '- '"),
            ("did not find expected ',' or ']'", "a list opened with '[' is not closed: end it with ']' on the same line, items separated by ','"),
            ("did not find expected ',' or '}'", "a set opened with '{' is not closed: end it with '}'"),
            ("did not find expected '-' indicator", "check the indentation of line \(line): every item of a list starts with '- ' in the same column"),
            ("could not find expected ':'", "line \(line) or the one before it has a key without ':' (or a quote that is not closed)"),
            ("found unexpected end of stream", "a quote or a list is not closed before the end: close it"),
            ("found character that cannot start any token", "line \(line) starts a value with a character YAML reserves ('@', '`', '%' or a tab): put the value in quotes"),
            ("found undefined alias", "a value starts with '*': put it in quotes"),
            ("did not find expected node content", "a value is missing after '-' or ':', or a list is not closed"),
            ("found unknown escape character", "inside double quotes a '\\' starts an escape: use single quotes or write '\\\\'"),
        ]
        for (text, advice) in rules where problem.contains(text) { return advice }
        return "check the YAML syntax of line \(line): 'key: value', lists as [a, b], quotes around text with ':' or '#'"
    }
}
