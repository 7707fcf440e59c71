/// Parses a link destination written in a page and resolves it against the page's folder.
struct LinkTarget: Equatable {
    enum Kind: Equatable {
        /// Another page's `.md` file (or this page for a bare `#anchor`).
        case page(path: String)
        /// A relative link to a non-Markdown file (an image, an attachment).
        case file(path: String)
    }

    var kind: Kind
    var anchor: String?
    var escapesContent: Bool

    /// nil for external links (`https:`, `mailto:`), site-absolute paths (`/x`) and empty destinations.
    static func parse(_ destination: String, from pagePath: String) -> LinkTarget? {
        if destination.isEmpty || destination.hasPrefix("/") || hasScheme(destination) { return nil }
        var pathPart = Substring(destination)
        var anchor: String?
        if let hash = destination.firstIndex(of: "#") {
            pathPart = destination[..<hash]
            anchor = String(destination[destination.index(after: hash)...]).removingPercentEncodingOrSelf
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        if pathPart.isEmpty {
            return LinkTarget(kind: .page(path: pagePath), anchor: anchor, escapesContent: false)
        }
        let decoded = String(pathPart).removingPercentEncodingOrSelf
        let (resolved, escapes) = resolve(decoded, from: pagePath)
        let kind: Kind = resolved.lowercased().hasSuffix(".md") ? .page(path: resolved) : .file(path: resolved)
        return LinkTarget(kind: kind, anchor: anchor, escapesContent: escapes)
    }

    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." } && !scheme.contains("/")
    }

    /// Joins a relative path to the folder of `pagePath` and removes `.` and `..`.
    static func resolve(_ relative: String, from pagePath: String) -> (String, escapes: Bool) {
        var parts = pagePath.split(separator: "/").dropLast().map(String.init)
        var escapes = false
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { escapes = true } else { parts.removeLast() }
                continue
            }
            parts.append(String(part))
        }
        return (parts.joined(separator: "/"), escapes)
    }
}

extension String {
    var removingPercentEncodingOrSelf: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
