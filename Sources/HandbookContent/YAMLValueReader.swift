import HandbookModel
import Foundation
import Yams

/// Reads typed values out of YAML nodes, recording a finding with the exact position for every value of the wrong type.
struct YAMLValueReader {
    let file: String
    /// Added to YAML line numbers to make them file line numbers.
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ node: Node) -> SourceLocation {
        location(node.mark)
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    mutating func report(_ rule: Rule = .frontMatter, at node: Node, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(rule, at: location(node), message, hint: hint))
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    /// A scalar as text; nil (with a finding) for a list or mapping; nil for null.
    mutating func string(_ node: Node, key: String, rule: Rule = .frontMatter) -> String? {
        if YAMLValueReader.isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            report(rule, at: node, "'\(key)' must be text, not \(YAMLValueReader.describe(node))", hint: "write '\(key): some text'")
            return nil
        }
        return scalar.string
    }

    mutating func located(_ node: Node, key: String, rule: Rule = .frontMatter) -> Located<String>? {
        string(node, key: key, rule: rule).map { Located($0, at: location(node)) }
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        if YAMLValueReader.isNull(node) { return nil }
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        report(at: node, "'\(key)' must be true or false, not '\(YAMLValueReader.preview(node))'", hint: "write '\(key): true' or '\(key): false'")
        return nil
    }

    mutating func day(_ node: Node, key: String) -> Located<Day>? {
        guard let text = string(node, key: key) else { return nil }
        guard let day = Day(text) else {
            report(at: node, "'\(key)' must be a date written YYYY-MM-DD, not '\(text)'", hint: "for example '\(key): 2025-03-01'")
            return nil
        }
        return Located(day, at: location(node))
    }

    /// A list of scalars; a single scalar is taken as a list of one.
    /// - Parameter ofIDs: the items are ids (no commas in them), so a plain `a, b` is a list written wrongly.
    mutating func list(_ node: Node, key: String, rule: Rule = .frontMatter, ofIDs: Bool = false) -> [Located<String>] {
        if YAMLValueReader.isNull(node) { return [] }
        switch node {
        case .scalar(let scalar):
            guard ofIDs, scalar.style == .plain || scalar.style == .any, scalar.string.contains(",") else {
                return located(node, key: key, rule: rule).map { [$0] } ?? []
            }
            // `principles: a, b` is one text in YAML: taken as the list it was meant to be, and reported.
            let items = scalar.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            report(rule, at: node, "'\(key)' is one text, '\(YAMLValueReader.preview(node))', not a list",
                   hint: "write a list: [\(items.joined(separator: ", "))]")
            return items.map { Located($0, at: location(node)) }
        case .sequence(let sequence):
            return sequence.compactMap { item in located(item, key: "an item of '\(key)'", rule: rule) }
        default:
            report(rule, at: node, "'\(key)' must be a list, not \(YAMLValueReader.describe(node))", hint: "write '\(key): [first, second]'")
            return []
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a set of keys"
        case .alias: "an alias"
        }
    }

    static func preview(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return String(scalar.string.prefix(60)) }
        return describe(node)
    }
}
