/// Numbers written in groups of three (`1 500`, `10 000`, with a space, a no-break or a narrow/thin space)
/// as one number too, so an agent who types `1500` finds the limit written `1 500 грн`. The grouped form
/// stays indexed as it is (`1 500` finds it word by word). Hand-written: the tokenizer splits at spaces, and
/// this is the one place a space is inside a word. Scans UTF-8 bytes (digits and these spaces are fixed
/// byte sequences), so a text without grouped numbers costs one pass and no allocation.
enum NumberGroups {
    /// The grouped numbers of `text`, joined, separated by spaces (empty when there are none).
    static func joined(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            let count = bytes.count
            func isDigit(_ i: Int) -> Bool { i >= 0 && i < count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
            /// The length of the space at `i` (0 when there is none).
            func space(_ i: Int) -> Int {
                guard i < count else { return 0 }
                if bytes[i] == 0x20 { return 1 }
                if bytes[i] == 0xC2, i + 1 < count, bytes[i + 1] == 0xA0 { return 2 }
                if bytes[i] == 0xE2, i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF || bytes[i + 2] == 0x89 { return 3 }
                return 0
            }
            var index = 0
            while index < count {
                guard isDigit(index), !isDigit(index - 1) else { index += 1; continue }
                var end = index
                while isDigit(end) { end += 1 }
                guard end - index <= 3 else { index = end; continue }
                var number = Array(bytes[index..<end])
                var groups = 0
                while true {
                    let gap = space(end)
                    let start = end + gap
                    guard gap > 0, isDigit(start), isDigit(start + 1), isDigit(start + 2), !isDigit(start + 3) else { break }
                    number += bytes[start..<(start + 3)]
                    end = start + 3
                    groups += 1
                }
                if groups > 0 {
                    if !out.isEmpty { out.append(0x20) }
                    out += number
                }
                index = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
