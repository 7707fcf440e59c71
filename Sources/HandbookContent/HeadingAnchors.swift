/// Gives each `<hN>` of cmark's HTML its anchor as `id`. In safe mode raw HTML is omitted and code is escaped,
/// so every `<hN>` in the output is a heading, in document order.
import HandbookModel

enum HeadingAnchors {
    static func insert(_ anchors: [String], into html: String) -> String {
        guard !anchors.isEmpty else { return html }
        var output = [UInt8]()
        let bytes = Array(html.utf8)
        output.reserveCapacity(bytes.count + anchors.count * 24)
        var next = 0
        var index = 0
        while index < bytes.count {
            if next < anchors.count, bytes[index] == UInt8(ascii: "<"), index + 3 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]),
               bytes[index + 3] == UInt8(ascii: ">") {
                output.append(contentsOf: bytes[index..<index + 3])
                output.append(contentsOf: " id=\"".utf8)
                output.append(contentsOf: HTMLEscaping.attribute(anchors[next]).utf8)
                output.append(contentsOf: "\">".utf8)
                next += 1
                index += 4
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
