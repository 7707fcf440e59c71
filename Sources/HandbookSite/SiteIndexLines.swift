import HandbookModel

/// The build cache's text form of a `SiteIndex`: one line per fact, fields split by tabs, lists by U+001F
/// (neither can be in a path the cache keeps: `InputSnapshot.cacheable`). `decode` gives nil for any line
/// it cannot read: a damaged index is no index.
enum SiteIndexLines {
    private static let list = "\u{1F}"

    static func encode(_ index: SiteIndex) -> [UInt8] {
        func join(_ items: [String]) -> String { items.joined(separator: list) }
        var text = "languages\t\(join(index.languages))\npeople\t\(join(index.people))\n"
        text += "history\t\(index.hasHistory ? 1 : 0)\nfingerprinted\t\(index.fingerprinted ? 1 : 0)\n"
        text += "theme-assets\t\(join(index.themeAssets.sorted()))\ncontent-assets\t\(join(index.contentAssets.sorted()))\n"
        for (path, entry) in index.pages.sorted(by: { $0.key < $1.key }) {
            let fields = [
                "page", path, String(entry.signature, radix: 16), entry.key.kind.rawValue, entry.key.id, entry.language, entry.isHomeIntro ? "1" : "0",
                join(entry.related.map { "\($0.kind.rawValue)/\($0.id)" }), join(entry.people), join(entry.links), join(entry.outputs),
                String(entry.history, radix: 16),
            ]
            text += fields.joined(separator: "\t") + "\n"
        }
        return Array(text.utf8)
    }

    /// Reads bytes, not characters: splitting the text by `Character` cost a tenth of a second on 5,000 pages.
    static func decode(_ bytes: ArraySlice<UInt8>) -> SiteIndex? {
        var facts: [String: [String]] = [:]
        var pages: [String: SiteIndex.Entry] = [:]
        func text(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
        func items(_ field: ArraySlice<UInt8>) -> [String] { field.isEmpty ? [] : field.split(separator: 0x1F, omittingEmptySubsequences: false).map(text) }
        for line in bytes.split(separator: 10) {
            let fields = line.split(separator: 9, omittingEmptySubsequences: false)
            if text(fields[0]) == "page" {
                guard fields.count == 12, let signature = UInt64(text(fields[2]), radix: 16), let kind = Kind(rawValue: text(fields[3])),
                      let history = UInt64(text(fields[11]), radix: 16) else { return nil }
                var related: [PageKey] = []
                for item in items(fields[7]) {
                    guard let slash = item.firstIndex(of: "/"), let kind = Kind(rawValue: String(item[..<slash])) else { return nil }
                    related.append(PageKey(kind: kind, id: String(item[item.index(after: slash)...])))
                }
                let outputs = items(fields[10])
                // The publisher removes what an index names: every path must be inside the output.
                guard outputs.allSatisfy(OutputPath.isInside) else { return nil }
                pages[text(fields[1])] = SiteIndex.Entry(signature: signature, key: PageKey(kind: kind, id: text(fields[4])), language: text(fields[5]),
                                                         isHomeIntro: text(fields[6]) == "1", related: related, people: items(fields[8]),
                                                         links: items(fields[9]), outputs: outputs, history: history)
            } else {
                guard fields.count == 2 else { return nil }
                facts[text(fields[0])] = items(fields[1])
            }
        }
        guard let languages = facts["languages"], let people = facts["people"], let history = facts["history"], let fingerprinted = facts["fingerprinted"],
              let theme = facts["theme-assets"], let content = facts["content-assets"],
              (theme + content).allSatisfy(OutputPath.isInside) else { return nil }
        return SiteIndex(pages: pages, languages: languages, people: people, hasHistory: history == ["1"], fingerprinted: fingerprinted == ["1"],
                         themeAssets: Set(theme), contentAssets: Set(content))
    }
}
