import Foundation

/// Splits text into normalised word forms, exactly as `theme/assets/search.js` does in the browser:
/// NFKC, lowercase, `ё`→`е`; words are runs of letters, marks and digits; an apostrophe (`'`, `’`, `ʼ`) between
/// two word characters is dropped (`сім'я` → `сімя`); a hyphen between two word characters joins a compound,
/// which yields the joined form and then each part (`інтернет-магазин` → `інтернетмагазин`, `інтернет`,
/// `магазин`); `.` or `,` between two digits stays in a number as `.` (`1,5` → `1.5`). Forms longer than
/// `maximumLength` UTF-16 units are left out.
public enum SearchTokenizer {
    public static let maximumLength = 48

    /// The forms of `text`, in order; `compounds` adds each part of a hyphenated word after the whole.
    public static func forms(_ text: String, compounds: Bool = true) -> [[UInt16]] {
        var forms: [[UInt16]] = []
        scan(text, compounds: compounds) { forms.append(Array($0)) }
        return forms
    }

    /// Calls `emit` with each form (valid only during the call). Text of ASCII, basic Cyrillic and common
    /// punctuation is read straight from its UTF-8 bytes; anything else is normalised first (NFKC, lowercase).
    public static func scan(_ text: String, compounds: Bool = true, _ emit: (UnsafeBufferPointer<UInt16>) -> Void) {
        var text = text
        let fast = text.withUTF8 { bytes -> Bool in
            guard isStable(bytes) else { return false }
            var scanner = Scanner(compounds: compounds)
            defer { scanner.release() }
            var current: Unicode.Scalar? = nil
            var previous: Unicode.Scalar = " "
            var index = 0
            while let (next, length) = decode(bytes, at: index) {
                if let current { scanner.feed(current, previous: previous, next: next, emit); previous = current }
                current = next
                index += length
            }
            if let current { scanner.feed(current, previous: previous, next: nil, emit) }
            scanner.finish(emit)
            return true
        }
        if fast { return }
        let normalized = text.precomposedStringWithCompatibilityMapping.lowercased()
        var scanner = Scanner(compounds: compounds)
        defer { scanner.release() }
        var previous: Unicode.Scalar = " "
        var current: Unicode.Scalar? = nil
        for next in normalized.unicodeScalars {
            if let current { scanner.feed(current, previous: previous, next: next, emit); previous = current }
            current = next
        }
        if let current { scanner.feed(current, previous: previous, next: nil, emit) }
        scanner.finish(emit)
    }

    /// The word state machine: a scalar, with the one before and the one after it. The word is kept in a
    /// buffer of its own (no copy-on-write checks per character).
    private struct Scanner {
        let compounds: Bool
        private var word: UnsafeMutablePointer<UInt16>
        private var capacity = 128
        private var length = 0
        private var partEnds: [Int] = []

        init(compounds: Bool) {
            self.compounds = compounds
            word = .allocate(capacity: capacity)
        }

        func release() { word.deallocate() }

        @inline(__always)
        mutating func feed(_ raw: Unicode.Scalar, previous: Unicode.Scalar, next: Unicode.Scalar?, _ emit: (UnsafeBufferPointer<UInt16>) -> Void) {
            // Lowercase for the fast path, `ё` as `е`; text from the slow path is lowercase already.
            let scalar = fastLowercase(raw)
            if isWordCharacter(scalar) && !isApostrophe(scalar) {
                append(scalar)
            } else if length > 0, let next, isWordCharacter(next), !isApostrophe(next) {
                if isApostrophe(scalar) {
                    // joined: nothing to add
                } else if isHyphen(scalar) {
                    partEnds.append(length)
                } else if (scalar == "." || scalar == ","), isDigit(previous), isDigit(next) {
                    append(".")
                } else {
                    finish(emit)
                }
            } else if length > 0 {
                finish(emit)
            }
        }

        @inline(__always)
        private mutating func append(_ scalar: Unicode.Scalar) {
            if length + 2 > capacity {
                let larger = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity * 2)
                larger.update(from: word, count: length)
                word.deallocate()
                word = larger
                capacity *= 2
            }
            if scalar.value < 0x10000 {
                word[length] = UInt16(truncatingIfNeeded: scalar.value)
                length += 1
            } else {
                let value = scalar.value - 0x10000
                word[length] = UInt16(0xD800 + (value >> 10)); word[length + 1] = UInt16(0xDC00 + (value & 0x3FF))
                length += 2
            }
        }

        mutating func finish(_ emit: (UnsafeBufferPointer<UInt16>) -> Void) {
            guard length > 0 else { partEnds.removeAll(keepingCapacity: true); return }
            if length <= maximumLength { emit(UnsafeBufferPointer(start: word, count: length)) }
            if compounds, !partEnds.isEmpty {
                var start = 0
                for end in partEnds + [length] {
                    if end - start <= maximumLength { emit(UnsafeBufferPointer(start: word + start, count: end - start)) }
                    start = end
                }
            }
            length = 0
            partEnds.removeAll(keepingCapacity: true)
        }
    }

    /// Whether every character of UTF-8 text is in the set the fast path handles, checked byte by byte.
    private static func isStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            if (byte == 0xD0 || byte == 0xD1), index + 1 < count {
                // U+0400–U+047F: stable up to U+045F
                let value = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                if value <= 0x45F { index += 2; continue }
            }
            guard let (scalar, length) = decode(bytes, at: index), isStable(scalar) else { return false }
            index += length
        }
        return true
    }

    /// The scalar at a UTF-8 offset and its length in bytes; nil at the end or on a malformed sequence.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count else { return nil }
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        if lead >= 0xC2, lead < 0xE0, index + 1 < bytes.count {
            return Unicode.Scalar(((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F)).map { ($0, 2) }
        }
        if lead >= 0xE0, lead < 0xF0, index + 2 < bytes.count {
            return Unicode.Scalar(((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F)).map { ($0, 3) }
        }
        if lead >= 0xF0, index + 3 < bytes.count {
            return Unicode.Scalar(((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12) | ((UInt32(bytes[index + 2]) & 0x3F) << 6)
                                  | (UInt32(bytes[index + 3]) & 0x3F)).map { ($0, 4) }
        }
        return nil
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{02BC}"
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? (scalar.value >= 48 && scalar.value <= 57) : scalar.properties.generalCategory == .decimalNumber
    }

    /// Letters, marks and decimal digits (`\p{L}\p{M}\p{Nd}`).
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 {
            return (value >= 97 && value <= 122) || (value >= 65 && value <= 90) || (value >= 48 && value <= 57)
        }
        if value >= 0x0400 && value <= 0x045F { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to units: inout [UInt16]) {
        if scalar.value < 0x10000 {
            units.append(UInt16(scalar.value))
        } else {
            units.append(contentsOf: UTF16.encode(scalar)!)
        }
    }

    /// Unchanged by NFKC whatever its neighbours, and lowercased by `fastLowercase`.
    private static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80, 0x0400...0x045F, 0x0490, 0x0491, 0x00A0, 0x00AB, 0x00BB, 0x02BC, 0x2013, 0x2014, 0x2019, 0x201C, 0x201D, 0x201E:
            true
        default:
            false
        }
    }

    static func fastLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        switch value {
        case 65...90, 0x0410...0x042F: return Unicode.Scalar(value + 0x20)!
        case 0x0400...0x040F: return value == 0x0401 ? "е" : Unicode.Scalar(value + 0x50)!
        case 0x0451: return "е"
        case 0x0490: return "ґ"
        default: return scalar
        }
    }
}
