import HandbookModel

/// Gives each `<hN>` of cmark's HTML its anchor as `id`. In safe mode raw HTML is omitted and code is escaped,
/// so every `<hN>` in the output is a heading, in document order.
enum HeadingAnchors {
    static func insert(_ anchors: [String], into html: String) -> String {
        guard !anchors.isEmpty else { return html }
        var html = html
        return html.withUTF8 { bytes in
            var output = [UInt8]()
            output.reserveCapacity(bytes.count + anchors.count * 32)
            var next = 0, copied = 0, index = 0
            let end = bytes.count - 3
            while index < end, next < anchors.count {
                if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "h"),
                   bytes[index + 2] >= UInt8(ascii: "1"), bytes[index + 2] <= UInt8(ascii: "6"), bytes[index + 3] == UInt8(ascii: ">") {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index + 3]))
                    output.append(contentsOf: " id=\"".utf8)
                    output.append(contentsOf: HTMLEscaping.attribute(anchors[next]).utf8)
                    output.append(contentsOf: "\">".utf8)
                    next += 1
                    index += 4
                    copied = index
                    continue
                }
                index += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
