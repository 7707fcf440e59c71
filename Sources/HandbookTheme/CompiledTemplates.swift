import Mustache

/// Renders the theme's templates from their plans (`TemplatePlan`) with swift-mustache's semantics, into
/// one growing string.
///
/// The contexts the tool builds hold strings, booleans, numbers, arrays and `[String: Any]` dictionaries;
/// those are recognised by their exact dynamic type (one comparison), so a lookup is a dictionary read
/// and a section an array walk. Anything else takes the same steps swift-mustache takes, in its order
/// (custom representations, `MustacheParent`, reflection, transforms). A value the plan cannot render as
/// swift-mustache would (a lambda, a template, a custom renderable: the tool never puts one in a context)
/// ends the rendering with nil, and the caller renders that page with swift-mustache.
///
/// Hand-written because swift-mustache renders by looking every name up through its context stack with
/// a name split and half a dozen dynamic protocol casts (the largest user-space cost of a build, see
/// docs/performance.md), and no engine in the package mirror reads Mustache faster.
struct CompiledTemplates: Sendable {
    private let plans: [String: TemplatePlan]
    /// swift-mustache's default content type, which every partial starts with.
    private let partialEscaper: TemplatePlan.Escaper

    /// Nil when a template cannot be planned (the theme is then rendered by swift-mustache alone).
    init?(_ templates: [String: MustacheTemplate]) {
        guard let html = Self.defaultContentType() else { return nil }
        var plans: [String: TemplatePlan] = [:]
        for (name, template) in templates {
            guard let plan = TemplatePlan.make(template) else { return nil }
            plans[name] = plan
        }
        self.plans = plans
        self.partialEscaper = .custom(html)
    }

    /// The instance of swift-mustache's (internal) HTML content type, taken from a parse.
    private static func defaultContentType() -> MustacheContentType? {
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML}}"),
              let plan = TemplatePlan.make(template), plan.body.nodes.count == 1,
              case .contentType(.custom(let type)) = plan.body.nodes[0] else { return nil }
        return type
    }

    /// The rendered template, or nil when it is not known or the context holds what only swift-mustache renders.
    func render(_ context: Any, template name: String, fragments: TemplateFragments? = nil) -> String? {
        guard let plan = plans[name] else { return nil }
        var renderer = Renderer(plans: plans, partialEscaper: partialEscaper, fragments: fragments)
        var stack: [Any] = [context]
        var out = ""
        out.reserveCapacity(16_384)
        let scope = Scope(sequence: nil, indentation: nil, escaper: partialEscaper)
        guard renderer.render(plan.body, stack: &stack, scope: scope, into: &out) else { return nil }
        return out
    }
}

/// The position in a sequence being iterated, with swift-mustache's transforms of it.
private struct SequencePosition: MustacheTransformable {
    var first = true
    var last = false
    var index = 0

    func transform(_ name: String) -> Any? {
        switch name {
        case "first": first
        case "last": last
        case "index": index
        case "even": (index & 1) == 0
        case "odd": (index & 1) == 1
        default: nil
        }
    }
}

/// What a body renders with besides the stack (swift-mustache's context).
private struct Scope {
    var sequence: SequencePosition?
    var indentation: String?
    var escaper: TemplatePlan.Escaper
}

private struct Renderer {
    let plans: [String: TemplatePlan]
    let partialEscaper: TemplatePlan.Escaper
    let fragments: TemplateFragments?
    private static let stringType = ObjectIdentifier(String.self)
    private static let boolType = ObjectIdentifier(Bool.self)
    private static let intType = ObjectIdentifier(Int.self)
    private static let dictionaryType = ObjectIdentifier([String: Any].self)
    private static let stringsType = ObjectIdentifier([String: String].self)
    private static let listType = ObjectIdentifier([[String: Any]].self)
    private static let anyListType = ObjectIdentifier([Any].self)
    private static let stringListType = ObjectIdentifier([String].self)

    init(plans: [String: TemplatePlan], partialEscaper: TemplatePlan.Escaper, fragments: TemplateFragments?) {
        self.plans = plans
        self.partialEscaper = partialEscaper
        self.fragments = fragments
    }

    /// Renders a body; false when a value needs swift-mustache.
    /// How many bodies deep a rendering may go (sections, iterations, partials) before it is left to
    /// swift-mustache: a theme's recursive partial (a tree of headings) nests as deep as its data, and each
    /// level here takes more stack than in swift-mustache's renderer, so past this depth the page renders as
    /// it did before this engine existed.
    static let depthLimit = 128
    private var depth = 0

    mutating func render(_ body: TemplatePlan.Body, stack: inout [Any], scope: Scope, into out: inout String) -> Bool {
        guard depth < Self.depthLimit else { return false }
        depth += 1
        defer { depth -= 1 }
        var scope = scope
        let indented = scope.indentation.map { !$0.isEmpty } ?? false
        let start = out.utf8.count
        for node in body.nodes {
            let before = out.utf8.count
            guard renderNode(node, stack: &stack, scope: &scope, into: &out) else { return false }
            // swift-mustache indents a token's output inside an indented partial when the body's output so far ends a line.
            if indented, out.utf8.count > before, Self.endsWithLineFeed(out, from: start, to: before) {
                let index = out.utf8.index(out.utf8.startIndex, offsetBy: before)
                out.insert(contentsOf: scope.indentation!, at: index)
            }
        }
        return true
    }

    /// Whether `out[start..<end]` is not empty and its last character is `\n` (a `\r\n` is one other character).
    private static func endsWithLineFeed(_ out: String, from start: Int, to end: Int) -> Bool {
        guard end > start else { return false }
        let utf8 = out.utf8
        let last = utf8.index(utf8.startIndex, offsetBy: end - 1)
        guard utf8[last] == 0x0A else { return false }
        return end - 1 == start || utf8[utf8.index(before: last)] != 0x0D
    }

    private mutating func renderNode(_ node: TemplatePlan.Node, stack: inout [Any], scope: inout Scope, into out: inout String) -> Bool {
        switch node {
        case .text(let text):
            out += text
        case .variable(let path, let transforms, let escaped):
            guard case .found(let value) = lookup(path, transforms: transforms, stack: stack, scope: scope) else {
                return !isForeign
            }
            guard let value else { return true }
            guard let text = Self.text(of: value) else { return false }
            out += escaped ? scope.escaper.escape(text) : text
        case .section(let path, let transforms, let body, let inverted):
            guard case .found(let value) = lookup(path, transforms: transforms, stack: stack, scope: scope) else { return !isForeign }
            return inverted ? renderInverted(value, body, stack: &stack, scope: scope, into: &out)
                : renderSection(value, body, stack: &stack, scope: scope, into: &out)
        case .partial(let name, let indentation):
            guard let plan = plans[name] else { return true }
            let partial = Scope(sequence: nil, indentation: indentation.map { (scope.indentation ?? "") + $0 } ?? scope.indentation,
                                escaper: partialEscaper)
            return render(plan.body, stack: &stack, scope: partial, into: &out)
        case .contentType(let escaper):
            scope.escaper = escaper
        }
        return true
    }

    private var isForeign = false
    /// The lowest place on the stack a lookup read since `renderEach` last set it (-1: the sequence position):
    /// whether a list entry's text depends on its element alone (`TemplateFragments`).
    private var reach = Int.max
    /// The names looked up and found nowhere on the stack since `renderEach` last set it: an entry's text
    /// also depends on their staying absent around the list (`{{#lang}}` of an entry without one).
    private var misses: [String] = []

    private enum Lookup {
        case found(Any?)
        /// A value only swift-mustache can handle was met.
        case foreign
    }

    /// swift-mustache's `getChild`.
    private mutating func lookup(_ path: TemplatePlan.Path, transforms: [String], stack: [Any], scope: Scope) -> Lookup {
        var child: Any?
        switch path {
        case .current:
            child = stack.last
            reach = min(reach, stack.count - 1)
        case .sequence:
            child = scope.sequence
            reach = -1
        case .top(let names):
            child = descend(names[...], from: stack[stack.count - 1])
            reach = min(reach, stack.count - 1)
        case .stack(let names):
            if let first = names.first {
                child = nil
                var level = -1
                for index in stack.indices.reversed() {
                    if let found = immediateChild(first, of: stack[index]) {
                        child = descend(names.dropFirst(), from: found)
                        level = index
                        break
                    }
                }
                // Found nowhere: that it stays absent around the list is checked before a kept text is used.
                if level >= 0 { reach = min(reach, level) } else if !misses.contains(first) { misses.append(first) }
            } else {
                child = stack.last
                reach = min(reach, stack.count - 1)
            }
        }
        if isForeign { return .foreign }
        guard var value = child else { return .found(nil) }
        if !Self.isPlain(value), let custom = value as? MustacheCustomRepresentation {
            guard let representation = custom.representation else { return .found(nil) }
            value = representation
        }
        for transform in transforms.reversed() {
            guard let transformable = value as? MustacheTransformable, let transformed = transformable.transform(transform) else {
                return .found(nil)
            }
            value = transformed
        }
        return .found(value)
    }

    private mutating func descend(_ names: ArraySlice<String>, from object: Any) -> Any? {
        var object = object
        for name in names {
            if !Self.isPlain(object), object is MustacheLambda { isForeign = true; return nil }
            guard let child = immediateChild(name, of: object) else { return nil }
            object = child
        }
        return object
    }

    /// swift-mustache's `_getImmediateChild`: dictionaries by key, other values by reflection.
    private mutating func immediateChild(_ name: String, of object: Any) -> Any? {
        switch ObjectIdentifier(type(of: object)) {
        case Self.dictionaryType: return (object as! [String: Any])[name]
        case Self.stringsType: return (object as! [String: String])[name].map { $0 as Any }
        case Self.stringType, Self.boolType, Self.intType, Self.listType, Self.anyListType, Self.stringListType: return nil
        default:
            if object is MustacheLambda { isForeign = true; return nil }
            var object: Any? = object
            if let custom = object as? MustacheCustomRepresentation { object = custom.representation }
            if let parent = object as? MustacheParent { return parent.child(named: name) }
            guard let object else { return nil }
            guard let matched = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: matched.value)
            guard mirror.displayStyle == .optional else { return matched.value }
            return mirror.children.first?.value
        }
    }

    /// Whether none of `names` is on the stack below `base` (around the list: above it, the element's own
    /// values, which the kept text's key already stands for).
    private mutating func absent(_ names: [String], below base: Int, in stack: [Any]) -> Bool {
        for name in names {
            for index in 0..<base where immediateChild(name, of: stack[index]) != nil { return false }
        }
        return true
    }

    /// The escaper as part of a kept text's key: the tool's, or swift-mustache's HTML (nil for any other).
    private func escaperTag(_ escaper: TemplatePlan.Escaper) -> Int? {
        switch escaper {
        case .fast: return 1
        case .custom(let contentType):
            guard case .custom(let html) = partialEscaper else { return nil }
            return ObjectIdentifier(type(of: contentType)) == ObjectIdentifier(type(of: html)) ? 2 : nil
        }
    }

    /// The types the tool's contexts are made of, recognised without a cast.
    private static func isPlain(_ value: Any) -> Bool {
        switch ObjectIdentifier(type(of: value)) {
        case stringType, boolType, intType, dictionaryType, stringsType, listType, anyListType, stringListType: true
        default: false
        }
    }

    /// A variable's text as swift-mustache writes it; nil for what only it can render.
    private static func text(of value: Any) -> String? {
        switch ObjectIdentifier(type(of: value)) {
        case stringType: return (value as! String)
        case intType: return String(value as! Int)
        case boolType: return (value as! Bool) ? "true" : "false"
        default:
            if value is MustacheTemplate || value is MustacheCustomRenderable || value is MustacheLambda { return nil }
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value { return String(describing: wrapped) }
            return String(describing: value)
        }
    }

    /// swift-mustache's `renderSection`.
    private mutating func renderSection(_ value: Any?, _ body: TemplatePlan.Body, stack: inout [Any], scope: Scope, into out: inout String) -> Bool {
        guard let value else { return true }
        switch ObjectIdentifier(type(of: value)) {
        case Self.boolType:
            return (value as! Bool) ? render(body, stack: &stack, scope: scope, into: &out) : true
        case Self.listType:
            return renderEach(value as! [[String: Any]], body, stack: &stack, scope: scope, into: &out)
        case Self.anyListType:
            return renderEach(value as! [Any], body, stack: &stack, scope: scope, into: &out)
        case Self.stringListType:
            return renderEach(value as! [String], body, stack: &stack, scope: scope, into: &out)
        case Self.stringType, Self.intType, Self.dictionaryType, Self.stringsType:
            return renderPushing(value, body, stack: &stack, scope: scope, into: &out)
        default:
            if value is MustacheLambda { return false }
            if let sequence = value as? any MustacheSequence { return renderEach(sequence, body, stack: &stack, scope: scope, into: &out) }
            if let bool = value as? Bool { return bool ? render(body, stack: &stack, scope: scope, into: &out) : true }
            if let null = value as? MustacheCustomRenderable, null.isNull { return true }
            return renderPushing(value, body, stack: &stack, scope: scope, into: &out)
        }
    }

    /// swift-mustache's `renderInvertedSection`.
    private mutating func renderInverted(_ value: Any?, _ body: TemplatePlan.Body, stack: inout [Any], scope: Scope, into out: inout String) -> Bool {
        guard let value else { return render(body, stack: &stack, scope: scope, into: &out) }
        switch ObjectIdentifier(type(of: value)) {
        case Self.boolType:
            return (value as! Bool) ? true : render(body, stack: &stack, scope: scope, into: &out)
        case Self.listType:
            return (value as! [[String: Any]]).isEmpty ? renderPushing(value, body, stack: &stack, scope: scope, into: &out) : true
        case Self.anyListType:
            return (value as! [Any]).isEmpty ? renderPushing(value, body, stack: &stack, scope: scope, into: &out) : true
        case Self.stringListType:
            return (value as! [String]).isEmpty ? renderPushing(value, body, stack: &stack, scope: scope, into: &out) : true
        case Self.stringType, Self.intType, Self.dictionaryType, Self.stringsType:
            return true
        default:
            if let sequence = value as? any MustacheSequence {
                return Self.isEmpty(sequence) ? renderPushing(value, body, stack: &stack, scope: scope, into: &out) : true
            }
            if let bool = value as? Bool { return bool ? true : render(body, stack: &stack, scope: scope, into: &out) }
            if let null = value as? MustacheCustomRenderable, null.isNull { return render(body, stack: &stack, scope: scope, into: &out) }
            return true
        }
    }

    private static func isEmpty(_ sequence: some Sequence) -> Bool {
        var iterator = sequence.makeIterator()
        return iterator.next() == nil
    }

    private mutating func renderPushing(_ value: Any, _ body: TemplatePlan.Body, stack: inout [Any], scope: Scope, into out: inout String) -> Bool {
        stack.append(value)
        defer { stack.removeLast() }
        return render(body, stack: &stack, scope: Scope(sequence: nil, indentation: scope.indentation, escaper: scope.escaper), into: &out)
    }

    /// swift-mustache's `MustacheSequence.renderSection`: each element pushed, with its position.
    private mutating func renderEach(_ sequence: some Sequence, _ body: TemplatePlan.Body, stack: inout [Any], scope: Scope, into out: inout String) -> Bool {
        var iterator = sequence.makeIterator()
        guard var current = iterator.next() else { return true }
        var position = SequencePosition()
        var inner = Scope(sequence: position, indentation: scope.indentation, escaper: scope.escaper)
        // Each element's text kept for the next rendering, when it can depend on the element alone.
        var kept: (fragments: TemplateFragments, escaper: Int)?
        if let fragments, scope.indentation?.isEmpty ?? true, let tag = escaperTag(scope.escaper) { kept = (fragments, tag) }
        // Where each element is on the stack: a lookup that reads below it reads what is around the list.
        let base = stack.count
        while true {
            let next = iterator.next()
            if next == nil { position.last = true }
            inner.sequence = position
            var key: TemplateFragments.Key?
            if let (fragments, tag) = kept, ObjectIdentifier(type(of: current)) == Self.dictionaryType {
                let found = TemplateFragments.Key(body: ObjectIdentifier(body), element: TemplateFragments.identity(current as! [String: Any]), escaper: tag)
                if let kept = fragments.text(found), absent(kept.misses, below: base, in: stack) {
                    for name in kept.misses where !misses.contains(name) { misses.append(name) }
                    out += kept.text
                    guard let next else { return true }
                    current = next
                    position.first = false
                    position.index += 1
                    continue
                }
                key = found
            }
            let start = out.utf8.count, outer = reach, outerMisses = misses
            reach = Int.max
            misses = []
            stack.append(current)
            let rendered = render(body, stack: &stack, scope: inner, into: &out)
            stack.removeLast()
            guard rendered else { return false }
            let elementOnly = reach >= base
            reach = min(outer, reach)
            if elementOnly, let key, let (fragments, _) = kept {
                let utf8 = out.utf8
                fragments.keep(String(utf8[utf8.index(utf8.startIndex, offsetBy: start)...])!, misses: misses, for: key,
                               element: current as! [String: Any], body: body)
            }
            let own = misses
            misses = outerMisses
            for name in own where !misses.contains(name) { misses.append(name) }
            guard let next else { return true }
            current = next
            position.first = false
            position.index += 1
        }
    }
}
