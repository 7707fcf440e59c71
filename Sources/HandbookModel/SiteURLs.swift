/// Where every page of the site lives. One place decides every URL, so links never disagree.
public struct SiteURLs: Sendable {
    public let baseURL: String
    public let defaultLanguage: String

    public init(settings: Settings) {
        baseURL = settings.baseURL
        defaultLanguage = settings.defaultLanguage
    }

    /// The folder of a page under the output, without base URL: `principles/help-first/`, `en/principles/help-first/`,
    /// `` for the home page. Plain pages keep their path; an `index` page stands for its folder.
    /// Where a page's history page goes: `FOLDER/history/`, or `FOLDER/page-history/` when a plain page of the
    /// handbook has that address itself (`history.md` beside an `index.md`, as imported handbooks have).
    /// - Parameter pageFolders: the folders of the plain pages named `history`.
    public func historyFolder(kind: Kind, id: String, language: String, pageFolders: Set<String>) -> String {
        let folder = self.folder(kind: kind, id: id, language: language)
        return pageFolders.contains(folder + "history/") ? folder + "page-history/" : folder + "history/"
    }

    /// The folders of the plain pages whose address a history page would take (see `historyFolder`).
    public func historyNamedPageFolders(_ pages: [Page]) -> Set<String> {
        Set(pages.filter { $0.kind == .page && ($0.id == "history" || $0.id.hasSuffix("/history")) }
            .map { folder(kind: $0.kind, id: $0.id, language: $0.language) })
    }

    public func folder(kind: Kind, id: String, language: String) -> String {
        var path: String
        if let folder = kind.folder {
            path = "\(folder)/\(id)/"
        } else if id == "index" {
            path = ""
        } else if id.hasSuffix("/index") {
            path = String(id.dropLast("index".count))
        } else {
            path = "\(id)/"
        }
        return languagePrefix(language) + path
    }

    public func languagePrefix(_ language: String) -> String {
        language == defaultLanguage ? "" : "\(language)/"
    }

    /// Absolute URL (with base URL) of an output folder or file path.
    public func url(_ outputPath: String) -> String { baseURL + SiteURLs.encode(outputPath) }

    /// Percent-encodes what may not stand in a URL path (spaces, quotes, `#`, `?`, `%`, control characters);
    /// letters of every script stay as they are.
    public static func encode(_ path: String) -> String {
        guard path.utf8.contains(where: needsEncoding) else { return path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count + 8)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in path.utf8 {
            if needsEncoding(byte) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEncoding(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F, UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "^"),
             UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            true
        default:
            false
        }
    }

    public func page(kind: Kind, id: String, language: String) -> String {
        url(folder(kind: kind, id: id, language: language))
    }

    public func page(_ page: Page) -> String { self.page(kind: page.kind, id: page.id, language: page.language) }

    public func home(_ language: String) -> String { url(languagePrefix(language)) }

    public func list(_ kind: Kind, language: String) -> String {
        url(languagePrefix(language) + (kind.folder ?? "") + "/")
    }

    public func people(_ language: String) -> String { url(languagePrefix(language) + "people/") }
    public func reviews(_ language: String) -> String { url(languagePrefix(language) + "reviews-due/") }

    public func person(_ id: String, language: String) -> String { url(languagePrefix(language) + "people/\(id)/") }

    public func search(_ language: String) -> String { url(languagePrefix(language) + "search/") }

    /// The A–Z index of every page of a language (what the search page offers without JavaScript).
    public func allPages(_ language: String) -> String { url(languagePrefix(language) + "a-z/") }

    /// The folder of a language's search bundle under the output.
    public func searchIndexFolder(_ language: String) -> String { "search/\(language)/" }
}
