/// The shape of a template context: its structure, flags and numbers, with every text taken out as a slot.
/// Two contexts of the same shape differ only in their texts.
enum ContextShape {
    /// Appends the shape of a value to `shape` and its texts to `slots`, in a fixed order (keys sorted).
    /// - Returns: false for a value of a kind it does not know (the context is then rendered as it is).
    static func describe(_ value: Any, shape: inout [UInt8], slots: inout [String]) -> Bool {
        switch value {
        case let text as String:
            // Whether a text is empty is part of the shape: a template may test it.
            shape.append(text.isEmpty ? 0x73 : 0x53)
            slots.append(text)
        case let flag as Bool:
            shape.append(flag ? 0x54 : 0x46)
        case let number as Int:
            shape.append(0x69)
            shape.append(contentsOf: String(number).utf8)
            shape.append(0)
        case let object as [String: Any]:
            shape.append(0x7B)
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                shape.append(contentsOf: key.utf8)
                shape.append(0)
                guard describe(child, shape: &shape, slots: &slots) else { return false }
            }
            shape.append(0x7D)
        case let list as [Any]:
            shape.append(0x5B)
            for child in list {
                guard describe(child, shape: &shape, slots: &slots) else { return false }
            }
            shape.append(0x5D)
        default:
            return false
        }
        return true
    }

    /// The same value with its texts replaced, in the order `describe` listed them.
    static func replacing(_ value: Any, with texts: [String], next: inout Int) -> Any {
        switch value {
        case is String:
            defer { next += 1 }
            return next < texts.count ? texts[next] : ""
        case let object as [String: Any]:
            var copy: [String: Any] = [:]
            for (key, child) in object.sorted(by: { $0.key < $1.key }) { copy[key] = replacing(child, with: texts, next: &next) }
            return copy
        case let list as [Any]:
            return list.map { replacing($0, with: texts, next: &next) }
        default:
            return value
        }
    }
}
