/// Text as a CSS string literal, quotes included, safe to put unescaped inside a `<style>` element: a
/// quote, a backslash, `<`, `>`, `&` and every control character become hex escapes (`\3C `), so the text
/// can neither end the string nor the element. (HTML escaping does not apply inside `<style>`.)
public enum CSSText {
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", ">", "&", "'":
                out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
