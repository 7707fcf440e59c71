/// JSON written straight as UTF-8 bytes (the search bundle is large: no `String` building in its loops).
/// Strings are escaped as `JSONText` does (`<` too, so JSON is safe inside HTML).
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func string(_ text: String) {
        bytes.append(34)
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for index in 0..<utf8.count where Self.needsEscape(utf8[index]) {
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                escaped(utf8[index])
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(34)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 32 || byte == 34 || byte == 92 || byte == 60
    }

    /// A string given as UTF-16 code units (the term tables' form); a lone surrogate becomes U+FFFD.
    mutating func string(units: ArraySlice<UInt16>) {
        bytes.append(34)
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        loop: while true {
            let scalar: Unicode.Scalar
            switch decoder.decode(&iterator) {
            case .scalarValue(let value): scalar = value
            case .error: scalar = "\u{FFFD}"
            case .emptyInput: break loop
            }
            if scalar.value < 0x80 { escaped(UInt8(scalar.value)) } else { bytes.append(contentsOf: UTF8.encode(scalar)!) }
        }
        bytes.append(34)
    }

    private mutating func escaped(_ byte: UInt8) {
        switch byte {
        case 34: bytes.append(92); bytes.append(34)
        case 92: bytes.append(92); bytes.append(92)
        case 10: bytes.append(92); bytes.append(110)
        case 13: bytes.append(92); bytes.append(114)
        case 9: bytes.append(92); bytes.append(116)
        case 60: bytes.append(contentsOf: [92, 117, 48, 48, 51, 99]) // \u003c
        case 0..<32:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        default: bytes.append(byte)
        }
    }
}
