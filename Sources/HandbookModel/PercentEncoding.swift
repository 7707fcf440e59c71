/// Percent-encoding (RFC 3986) for what goes into a link: a query or `mailto:` field, a path segment.
public enum PercentEncoding {
    /// Everything but the unreserved characters encoded: for a query value or a `mailto:` field.
    public static func component(_ text: String) -> String {
        encode(text) { _ in false }
    }

    /// A path of `/`-separated segments: each segment encoded, the slashes kept (`policies/клієнт.md`).
    public static func path(_ text: String) -> String {
        encode(text) { $0 == UInt8(ascii: "/") }
    }

    private static func encode(_ text: String, keeping kept: (UInt8) -> Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where kept(byte):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
