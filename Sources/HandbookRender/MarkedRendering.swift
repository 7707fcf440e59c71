/// A template's output cut at marker texts put where a page's own texts go, so other pages whose contexts
/// have the same shape can be filled in instead of rendered (see `LayoutCache` and `TemplateCache`).
struct MarkedRendering: Equatable {
    enum Piece: Equatable {
        case text(String)
        case slot(Int, escaped: Bool)
    }

    let pieces: [Piece]

    static let open: Character = "\u{E000}", close: Character = "\u{E001}"

    /// `U+E000 x… N < U+E001`: the `<` comes out as `&lt;` where the template escapes the slot, and the
    /// padding tells two renderings apart (a template that measures a text gives different outputs).
    static func markers(_ count: Int, padding: Int) -> [String] {
        (0..<count).map { "\(open)\(String(repeating: "x", count: padding))\($0)<\(close)" }
    }

    /// Renders twice with markers of two lengths; nil unless both cut the same way with every marker whole.
    /// - Parameter render: renders the template with the given texts in the slots.
    static func make(slots: Int, render: ([String]) -> String) -> MarkedRendering? {
        guard let first = cut(render(markers(slots, padding: 1)), slots: slots),
              let second = cut(render(markers(slots, padding: 4)), slots: slots), first == second else { return nil }
        return first
    }

    /// Cuts a rendering with markers into pieces; nil when a marker is not whole or a slot number is unknown.
    static func cut(_ rendered: String, slots: Int) -> MarkedRendering? {
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
        return MarkedRendering(pieces: pieces)
    }

    /// The output with these texts in the slots.
    func fill(_ slots: [String], escape: (String) -> String) -> String {
        var output = ""
        output.reserveCapacity(8192)
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .slot(let index, let escaped): output += escaped ? escape(slots[index]) : slots[index]
            }
        }
        return output
    }
}
