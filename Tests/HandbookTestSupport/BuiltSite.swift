import Foundation

/// Reads a built site in tests.
public struct BuiltSite: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func html(_ relative: String) -> String {
        guard let data = FileManager.default.contents(atPath: "\(root)/\(relative)") else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: "\(root)/\(relative)") }

    /// The `href` values of every link in a page.
    public func hrefs(_ relative: String) -> [String] {
        let text = html(relative)
        var result: [String] = []
        var rest = text[...]
        while let range = rest.range(of: "href=\"") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]))
            rest = after[end...]
        }
        return result
    }

    /// The text between the first occurrence of `start` and the next `end` after it.
    public func section(_ relative: String, from start: String, to end: String) -> String {
        let text = html(relative)
        guard let lower = text.range(of: start) else { return "" }
        let after = text[lower.upperBound...]
        guard let upper = after.range(of: end) else { return String(after) }
        return String(after[..<upper.lowerBound])
    }
}
