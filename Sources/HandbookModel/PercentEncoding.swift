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
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case _ where kept(byte):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
