import Foundation
import HandbookModel

/// Renders the `layout` template once per page shape, not once per page.
///
/// For a shape first seen, the layout is rendered twice with marker texts in the page's slots (markers of
/// two lengths), and the output is cut at the markers into fixed text and slots (escaped or not, as the
/// marker came out). The cut is used only if both renderings agree, every marker came out whole, and
/// filling it with the first page's texts gives exactly what the template engine gives for that page.
/// A layout that transforms or measures a slot's text (`uppercased(title)`, a count) fails one of these
/// checks, and its pages are rendered by the engine one by one, as before.
final class LayoutCache: @unchecked Sendable {
    private enum Entry {
        case cut(MarkedRendering)
        case engine
    }

    private let lock = NSLock()
    private var entries: [LayoutFrame.Shape: Entry] = [:]
    private let escape: (String) -> String
    private let enabled: Bool

    init(escape: @escaping (String) -> String, enabled: Bool = true) {
        self.escape = escape
        self.enabled = enabled
    }

    /// How many shapes are filled in from a cut (tests).
    var cutShapes: Int {
        lock.withLock { entries.values.count { if case .cut = $0 { true } else { false } } }
    }

    /// - Parameter engine: renders a frame with the template engine.
    func render(_ frame: LayoutFrame, engine: (LayoutFrame) -> String) -> String {
        guard enabled else { return engine(frame) }
        let shape = frame.shape
        switch lock.withLock({ entries[shape] }) {
        case .cut(let rendering):
            return rendering.fill(frame.slots, escape: escape)
        case .engine:
            return engine(frame)
        case nil:
            let real = engine(frame)
            let slots = frame.slots
            var entry = Entry.engine
            if let rendering = MarkedRendering.make(slots: slots.count, render: { engine(frame.replacingSlots($0)) }),
               rendering.fill(slots, escape: escape) == real {
                entry = .cut(rendering)
            }
            lock.withLock { entries[shape] = entry }
            return real
        }
    }
}
