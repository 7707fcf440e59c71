/// Minimal JSON string quoting for the few JSON files and outputs the tool writes by hand.
public enum JSONText {
    /// The text as a JSON string. Besides `"` and `\`, control characters, DEL and C1, `<` and the line and
    /// paragraph separators are escaped, so the text is also a YAML double-quoted scalar (the
    /// acknowledgement ledger) and safe in a script. Works on UTF-8 bytes (every escaped character is
    /// ASCII or a fixed two- or three-byte sequence), which the history pages' JSON needs to be fast.
    public static func quote(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(0x22)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x3C: unicode(0x3C, into: &out)
                case 0x00..<0x20, 0x7F: unicode(UInt32(byte), into: &out)
                case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                    unicode(UInt32(bytes[index + 1]), into: &out)
                    index += 1
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    unicode(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            out.append(0x22)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `\u` and four lowercase hex digits.
    private static func unicode(_ value: UInt32, into out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out.append(0x5C); out.append(0x75)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
