/// Heading anchors by GitHub's rule: lower-case, drop punctuation, keep letters of every script,
/// marks, digits, `-` and `_`, turn each space into `-`; a repeated anchor gets `-1`, `-2`, …
struct Slugger {
    private var seen: [String: Int]

    /// The ids the default theme gives its own parts of a page (the skip link's `main`, the generated
    /// sections): a heading with that text gets `-1`, so ids stay unique on the page.
    static let reserved = ["asked", "bad-examples", "better", "escalation", "exceptions", "facilitated", "good-examples", "illustrates",
                           "latest-briefings", "main", "owned-policies", "owned-principles", "policies-overview", "principles",
                           "q", "search-filters", "search-query", "search-results", "search-status"]

    init() {
        seen = Dictionary(uniqueKeysWithValues: Slugger.reserved.map { ($0, 0) })
    }

    static func slug(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            // Fast paths without the Unicode tables: ASCII, and the Cyrillic block (all letters and marks
            // but U+0482, a symbol). Same result as the general rule below.
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x61...0x7A, 0x30...0x39, 0x5F, 0x2D: result.append(scalar)
                case 0x20: result.append("-")
                default: break
                }
                continue
            }
            if (0x0400...0x04FF).contains(value), value != 0x0482 {
                result.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                result.append(scalar)
            case .spaceSeparator where scalar == " ":
                result.append("-")
            case .dashPunctuation where scalar == "-":
                result.append(scalar)
            default:
                continue
            }
        }
        return String(result)
    }

    /// An id written for a heading (`{#id}`): kept as written when it is free, else made unique as any anchor.
    mutating func explicit(_ id: String) -> String {
        guard seen[id] != nil else {
            seen[id] = 0
            return id
        }
        var next = 1
        while seen["\(id)-\(next)"] != nil { next += 1 }
        seen["\(id)-\(next)"] = 0
        return "\(id)-\(next)"
    }

    /// The anchor for the next heading with this text, unique within the page.
    mutating func anchor(for text: String) -> String {
        let base = Slugger.slug(text)
        guard let count = seen[base] else {
            seen[base] = 0
            return base
        }
        var next = count + 1
        while seen["\(base)-\(next)"] != nil { next += 1 }
        seen[base] = next
        seen["\(base)-\(next)"] = 0
        return "\(base)-\(next)"
    }
}
