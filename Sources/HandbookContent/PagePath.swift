import HandbookModel

/// What a content-relative Markdown path says: kind from the top folder, id, and language from the suffix.
public struct PagePath: Sendable, Hashable {
    public var kind: Kind
    public var id: String
    public var language: String

    /// `principles/help-first.en.md` → principle `help-first` in `en`; `about.md` → page `about` in the default language.
    public init(_ path: String, languages: [String]) {
        var components = path.split(separator: "/").map(String.init)
        let top = components.count > 1 ? components[0] : ""
        kind = Kind(folder: top)
        if kind != .page { components.removeFirst() }
        var name = components.removeLast()
        if name.lowercased().hasSuffix(".md") { name = String(name.dropLast(3)) }
        language = languages.first ?? "en"
        if let dot = name.lastIndex(of: "."), languages.contains(String(name[name.index(after: dot)...])) {
            language = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        id = (components + [name]).joined(separator: "/")
    }
}
