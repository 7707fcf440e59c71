import Foundation

/// Renders a page template once per shape of context (see `ContextShape`) and fills in the texts of
/// every other page of that shape, with the checks of `LayoutCache`: two renderings with markers of
/// different lengths must agree, and the first page filled in must be what the engine gives. Used for
/// the templates of many pages with small contexts of few shapes (the history pages); a template whose
/// contexts seldom share a shape stops being cut after a trial.
final class TemplateCache: @unchecked Sendable {
    private enum Entry {
        case cut(MarkedRendering)
        case engine
    }

    private struct Key: Hashable {
        var template: String
        var language: String
        var shape: [UInt8]
    }

    /// After this many shapes of a template, it stays cut only if most of its pages were filled in.
    static let trial = 64

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var uses: [String: Int] = [:]
    private var shapes: [String: Int] = [:]
    private var filled: [String: Int] = [:]
    private var off: Set<String> = []
    private let escape: (String) -> String
    private let enabled: Bool

    init(escape: @escaping (String) -> String, enabled: Bool = true) {
        self.escape = escape
        self.enabled = enabled
    }

    /// How many renderings of a template were filled in from a cut (tests).
    func filledCount(_ template: String) -> Int { lock.withLock { filled[template] ?? 0 } }

    /// - Parameters:
    ///   - context: the page's context; what `engine` adds to it (the UI strings) must be the same for
    ///     every page of the language.
    ///   - engine: renders a context with the template engine.
    func render(_ context: [String: Any], template: String, language: String, engine: ([String: Any]) -> String) -> String {
        if !enabled || lock.withLock({ off.contains(template) }) { return engine(context) }
        var shape: [UInt8] = [], slots: [String] = []
        guard ContextShape.describe(context, shape: &shape, slots: &slots) else { return engine(context) }
        let key = Key(template: template, language: language, shape: shape)
        let known = lock.withLock { () -> Entry? in
            uses[template, default: 0] += 1
            let entry = entries[key]
            if case .cut = entry { filled[template, default: 0] += 1 }
            return entry
        }
        switch known {
        case .cut(let rendering):
            return rendering.fill(slots, escape: escape)
        case .engine:
            return engine(context)
        case nil:
            let real = engine(context)
            var entry = Entry.engine
            if let rendering = MarkedRendering.make(slots: slots.count, render: { texts in
                var next = 0
                return engine(ContextShape.replacing(context, with: texts, next: &next) as? [String: Any] ?? [:])
            }), rendering.fill(slots, escape: escape) == real {
                entry = .cut(rendering)
            }
            lock.withLock {
                entries[key] = entry
                shapes[template, default: 0] += 1
                let count = shapes[template] ?? 0
                if count >= Self.trial, count * 2 > uses[template] ?? 0 {
                    off.insert(template)
                    entries = entries.filter { $0.key.template != template }
                }
            }
            return real
        }
    }
}
