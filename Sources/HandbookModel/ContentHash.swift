/// A fast 64-bit hash of file contents, for telling whether a file changed between builds (not for
/// security). Eight bytes at a time, each word mixed by a full-width multiply; stable across runs and machines.
public enum ContentHash {
    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let multiplier: UInt64 = 0xA076_1D64_78BD_642F
    private static let tail: UInt64 = 0xE703_7ED1_A0B4_28DB

    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    public static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    public static func of(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        var hash = seed ^ UInt64(buffer.count)
        var offset = 0
        let count = buffer.count
        while offset + 8 <= count {
            let word = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = mix(hash ^ word, multiplier)
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(buffer[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = mix(hash ^ word, tail)
        }
        return mix(hash, multiplier)
    }

    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
}
