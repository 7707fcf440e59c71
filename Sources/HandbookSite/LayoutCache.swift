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
    enum Piece: Equatable {
        case text(String)
        case slot(Int, escaped: Bool)
    }

    private enum Entry {
        case cut([Piece])
        case engine
    }

    private let lock = NSLock()
    private var entries: [LayoutFrame.Shape: Entry] = [:]
    private let escape: (String) -> String

    init(escape: @escaping (String) -> String) {
        self.escape = escape
    }

    /// How many shapes are filled in from a cut (tests).
    var cutShapes: Int {
        lock.withLock { entries.values.count { if case .cut = $0 { true } else { false } } }
    }

    /// - Parameter engine: renders a frame with the template engine.
    func render(_ frame: LayoutFrame, engine: (LayoutFrame) -> String) -> String {
        let shape = frame.shape
        switch lock.withLock({ entries[shape] }) {
        case .cut(let pieces):
            return fill(pieces, frame.slots)
        case .engine:
            return engine(frame)
        case nil:
            let real = engine(frame)
            let slots = frame.slots
            var entry = Entry.engine
            if let first = Self.cut(engine(frame.replacingSlots(Self.markers(slots.count, padding: 1))), slots: slots.count),
               let second = Self.cut(engine(frame.replacingSlots(Self.markers(slots.count, padding: 4))), slots: slots.count),
               first == second, fill(first, slots) == real {
                entry = .cut(first)
            }
            lock.withLock { entries[shape] = entry }
            return real
        }
    }

    private func fill(_ pieces: [Piece], _ slots: [String]) -> String {
        var output = ""
        output.reserveCapacity(slots[0].utf8.count + 8192)
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .slot(let index, let escaped): output += escaped ? escape(slots[index]) : slots[index]
            }
        }
        return output
    }

    static let open: Character = "\u{E000}", close: Character = "\u{E001}"

    /// `U+E000 x… N < U+E001`: the `<` comes out as `&lt;` where the template escapes the slot.
    static func markers(_ count: Int, padding: Int) -> [String] {
        (0..<count).map { "\(open)\(String(repeating: "x", count: padding))\($0)<\(close)" }
    }

    /// Cuts a rendering with markers into pieces; nil when a marker is not whole or a slot number is unknown.
    static func cut(_ rendered: String, slots: Int) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = rendered[...]
        while let start = rest.firstIndex(of: open) {
            if start > rest.startIndex { pieces.append(.text(String(rest[..<start]))) }
            guard let end = rest[start...].firstIndex(of: close) else { return nil }
            var marker = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            guard marker.first == "x" else { return nil }
            marker = marker.drop { $0 == "x" }
            let escaped: Bool
            if marker.hasSuffix("&lt;") { escaped = true; marker = marker.dropLast(4) } else if marker.hasSuffix("<") {
                escaped = false; marker = marker.dropLast()
            } else { return nil }
            guard let index = Int(marker), index >= 0, index < slots else { return nil }
            pieces.append(.slot(index, escaped: escaped))
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
