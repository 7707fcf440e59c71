import HandbookModel
import Mustache

/// A template as a plan of nodes, made once from swift-mustache's own parse of it, so the theme keeps
/// Mustache's syntax and whitespace rules exactly (standalone lines, partial indentation, delimiters),
/// while rendering (`CompiledTemplates`) needs no per-variable name split and no chain of protocol casts.
///
/// swift-mustache keeps its parsed tokens internal; they are read here by reflection (`Mirror`), once per
/// template when the theme loads. A token this does not know (lambdas are not tokens; template
/// inheritance, dynamic partials and blocks are), or a parse whose form changed with a new version of
/// the library, makes `make` return nil, and the whole theme is rendered by swift-mustache as before.
/// `CompiledTemplatesTests` renders the default theme both ways and compares every byte.
struct TemplatePlan: Sendable {
    /// Where a name is looked up.
    enum Path: Sendable {
        /// `{{.}}`: the current object.
        case current
        /// `{{#first()}}`: the position in the sequence being iterated (`first`, `last`, `index`, …).
        case sequence
        /// `{{.a.b}}`: from the current object only.
        case top([String])
        /// `{{a.b}}`: `a` from the nearest object of the stack that has it, then `b` inside it.
        case stack([String])
    }

    /// How a variable's text is escaped.
    enum Escaper: @unchecked Sendable {
        /// The tool's byte-level escaper (`FastHTMLContentType`).
        case fast
        /// Any other content type: its own `escapeText` (swift-mustache's HTML, TEXT, or a registered one).
        case custom(MustacheContentType)

        func escape(_ text: String) -> String {
            switch self {
            case .fast: HTMLEscaping.attribute(text)
            case .custom(let type): type.escapeText(text)
            }
        }
    }

    final class Body: Sendable {
        let nodes: [Node]
        init(_ nodes: [Node]) { self.nodes = nodes }
    }

    enum Node: Sendable {
        case text(String)
        case variable(Path, transforms: [String], escaped: Bool)
        case section(Path, transforms: [String], body: Body, inverted: Bool)
        case partial(String, indentation: String?)
        case contentType(Escaper)
    }

    let body: Body

    /// The plan of a parsed template, or nil when it holds a token the plan does not render.
    static func make(_ template: MustacheTemplate) -> TemplatePlan? {
        body(of: template).map { TemplatePlan(body: $0) }
    }

    private static func body(of template: Any) -> Body? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value,
              Mirror(reflecting: tokens).displayStyle == .collection else { return nil }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = node(of: token.value) else { return nil }
            nodes.append(node)
        }
        return Body(nodes)
    }

    private static func node(of token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let only = mirror.children.first, mirror.children.count == 1, let label = only.label else { return nil }
        let fields = Array(Mirror(reflecting: only.value).children)
        func field(_ name: String) -> Any? { fields.first(where: { $0.label == name })?.value }
        switch label {
        case "text":
            return (only.value as? String).map { .text($0) }
        case "variable", "unescapedVariable":
            guard let name = field("name") as? String, let transforms = field("transforms") as? [String] else { return nil }
            return .variable(path(name, transforms: transforms), transforms: transforms, escaped: label == "variable")
        case "section", "invertedSection":
            guard let name = field("name") as? String, let transforms = field("transforms") as? [String],
                  let template = field("template"), let body = body(of: template) else { return nil }
            return .section(path(name, transforms: transforms), transforms: transforms, body: body, inverted: label == "invertedSection")
        case "partial":
            // (name, indentation: String?, inherits: [String: MustacheTemplate]?): inheritance is not planned.
            guard fields.count == 3, let name = fields[0].value as? String, let indentation = fields[1].value as? String?,
                  let inherits = fields[2].value as? [String: MustacheTemplate]?, inherits == nil else { return nil }
            return .partial(name, indentation: indentation)
        case "contentType":
            guard let type = only.value as? MustacheContentType else { return nil }
            return .contentType(type is FastHTMLContentType ? .fast : .custom(type))
        default:
            // blockDefinition, blockExpansion, dynamicNamePartial, or a token of a later version.
            return nil
        }
    }

    /// swift-mustache's reading of a name, in its order: `.`, a bare transform, a leading dot, dotted names.
    private static func path(_ name: String, transforms: [String]) -> Path {
        if name == "." { return .current }
        if name.isEmpty, !transforms.isEmpty { return .sequence }
        let parts = name.split(separator: ".").map(String.init)
        return name.first == "." ? .top(parts) : .stack(parts)
    }
}
