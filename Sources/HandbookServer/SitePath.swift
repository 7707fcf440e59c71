import Foundation

/// Maps a request path to a file of the build held in memory. Only names in the build can be
/// answered, so nothing outside it is ever served; on top of that, a path with a `.` or `..` segment
/// (written plainly or percent-encoded), a NUL or a backslash is refused before any lookup.
struct SitePath: Sendable {
    enum Target: Equatable {
        case file(String)
        case redirect(String)
        case notFound
        case refused
    }

    /// The path the site is served under, `/` or `/handbook/`.
    let base: String

    init(base: String) {
        var base = base.hasPrefix("/") ? base : "/" + base
        if !base.hasSuffix("/") { base += "/" }
        self.base = base
    }

    /// - Parameters:
    ///   - raw: the request's path as sent (percent-encoded, without the query).
    ///   - exists: whether the build has a file at a relative path.
    func resolve(_ raw: String, exists: (String) -> Bool) -> Target {
        guard let decoded = raw.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .refused }
        guard decoded.hasPrefix(base) else {
            return decoded == "/" || decoded + "/" == base ? .redirect(base) : .notFound
        }
        let relative = String(decoded.dropFirst(base.count)).split(separator: "/").joined(separator: "/")
        if decoded.hasSuffix("/") || relative.isEmpty {
            let index = relative.isEmpty ? "index.html" : relative + "/index.html"
            return exists(index) ? .file(index) : .notFound
        }
        if exists(relative) { return .file(relative) }
        if exists(relative + "/index.html") { return .redirect(raw + "/") }
        return .notFound
    }

    /// A request path for a file of the build (for tests and messages).
    func url(_ file: String) -> String {
        base + (file.hasSuffix("index.html") ? String(file.dropLast("index.html".count)) : file)
    }
}
