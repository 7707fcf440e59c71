/// Text for XML 1.0 documents (the Atom feed, the sitemap): `& < > " '` escaped, and every character
/// XML 1.0 forbids (control characters other than tab and line breaks, U+FFFE, U+FFFF) replaced by
/// U+FFFD, so the document is well-formed whatever a title, a name or a commit subject holds.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        let escaped = HTMLEscaping.attribute(text)
        guard escaped.unicodeScalars.contains(where: { !isAllowed($0) }) else { return escaped }
        var out = String.UnicodeScalarView()
        for scalar in escaped.unicodeScalars { out.append(isAllowed(scalar) ? scalar : "\u{FFFD}") }
        return String(out)
    }

    /// XML 1.0's `Char` production.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
