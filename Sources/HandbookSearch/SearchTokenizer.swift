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
        scan(text, compounds: compounds) { forms.append($0) }
        return forms
    }

    public static func scan(_ text: String, compounds: Bool = true, _ emit: ([UInt16]) -> Void) {
        let scalars = normalizedScalars(text)
        var word: [UInt16] = []
        var parts: [[UInt16]] = []
        var part: [UInt16] = []
        func finish() {
            if !part.isEmpty { parts.append(part) }
            if !word.isEmpty, word.count <= maximumLength { emit(word) }
            if compounds, parts.count > 1 {
                for piece in parts where piece.count <= maximumLength { emit(piece) }
            }
            word.removeAll(keepingCapacity: true)
            part.removeAll(keepingCapacity: true)
            parts.removeAll(keepingCapacity: true)
        }
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if isWordCharacter(scalar) && !isApostrophe(scalar) {
                append(scalar, to: &word)
                append(scalar, to: &part)
            } else if !word.isEmpty, index + 1 < count, isWordCharacter(scalars[index + 1]), !isApostrophe(scalars[index + 1]) {
                let previous = scalars[index - 1]
                if isApostrophe(scalar) {
                    // joined: nothing to add
                } else if isHyphen(scalar) {
                    parts.append(part)
                    part.removeAll(keepingCapacity: true)
                } else if (scalar == "." || scalar == ","), isDigit(previous), isDigit(scalars[index + 1]) {
                    word.append(46)
                    part.append(46)
                } else {
                    finish()
                }
            } else if !word.isEmpty {
                finish()
            }
            index += 1
        }
        finish()
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

    /// NFKC, lowercased, `ё` as `е`. Text of ASCII, basic Cyrillic and common punctuation needs no
    /// normalisation, so it takes a fast path that gives the same result.
    static func normalizedScalars(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        var needsNormalization = false
        for scalar in text.unicodeScalars {
            if !isStable(scalar) { needsNormalization = true; break }
            scalars.append(fastLowercase(scalar))
        }
        guard needsNormalization else { return scalars }
        scalars.removeAll(keepingCapacity: true)
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            scalars.append(scalar == "ё" ? "е" : scalar)
        }
        return scalars
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

    private static func fastLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
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
