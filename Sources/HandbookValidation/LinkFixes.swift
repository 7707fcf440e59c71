import HandbookModel

/// What `handbook check --fix` may rewrite: the broken links that have exactly one right answer.
/// - an anchor that differs from one heading's anchor only in case or punctuation (`#Cloud-Gov` for `#cloudgov`);
/// - a link to a page or file that is not there, when exactly one page or file of the handbook has its name (it
///   was moved).
/// Anything with two candidates or none is left for the author; so is an anchor whose target is itself missing.
public enum LinkFixes {
    public struct Fix: Sendable, Hashable {
        /// The page's file (content-relative) and where the link is in it.
        public var location: SourceLocation
        public var old: String
        public var new: String
        public var reason: String
    }

    public static func find(in handbook: Handbook) -> [Fix] {
        let pagesByPath = Dictionary(handbook.pages.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let pagesByName = Dictionary(grouping: handbook.pages.map(\.path), by: fileName)
        let assetsByName = Dictionary(grouping: handbook.assets, by: fileName)
        let assets = Set(handbook.assets)
        var fixes: [Fix] = []
        for page in handbook.pages {
            for link in page.body.links {
                guard let targetPath = link.targetPath, !link.escapesContent else { continue }
                if let target = pagesByPath[targetPath] {
                    guard let anchor = link.anchor, !anchor.isEmpty, !target.body.headings.contains(where: { $0.anchor == anchor }),
                          let fixed = onlyAnchor(like: anchor, in: target), let hash = link.destination.lastIndex(of: "#") else { continue }
                    fixes.append(Fix(location: link.location, old: link.destination, new: link.destination[..<hash] + "#" + fixed,
                                     reason: "the anchor differs from '#\(fixed)' only in case or punctuation"))
                } else if !isGeneric(fileName(targetPath)), let candidates = pagesByName[fileName(targetPath)], candidates.count == 1 {
                    let moved = written(LinkRules.relative(candidates[0], from: page.path))
                    fixes.append(Fix(location: link.location, old: link.destination, new: moved + fragment(of: link.destination),
                                     reason: "\(targetPath) is not there; the only page of that name is \(candidates[0])"))
                }
            }
            for link in page.body.files {
                guard let targetPath = link.targetPath, !link.escapesContent, !assets.contains(targetPath), pagesByPath[targetPath] == nil,
                      fileName(targetPath).contains("."), !isGeneric(fileName(targetPath)),
                      let candidates = assetsByName[fileName(targetPath)], candidates.count == 1 else { continue }
                let moved = written(LinkRules.relative(candidates[0], from: page.path))
                fixes.append(Fix(location: link.location, old: link.destination, new: moved + fragment(of: link.destination),
                                 reason: "\(targetPath) is not there; the only file of that name is \(candidates[0])"))
            }
        }
        return fixes.sorted { ($0.location, $0.old) < ($1.location, $1.old) }
    }

    /// The one heading anchor that equals `anchor` once both are lower-cased and stripped of all but letters and digits.
    static func onlyAnchor(like anchor: String, in page: Page) -> String? {
        let wanted = key(anchor)
        guard !wanted.isEmpty else { return nil }
        let matches = Set(page.body.headings.map(\.anchor).filter { key($0) == wanted })
        return matches.count == 1 ? matches.first : nil
    }

    static func key(_ anchor: String) -> String {
        String(String.UnicodeScalarView((anchor.removingPercentEncodingIfValid ?? anchor).lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    static func fileName(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }

    /// Names that many folders have (`index.md`, `README.md`): one of them found elsewhere is not where the link meant.
    static func isGeneric(_ name: String) -> Bool {
        let stem = name.lowercased().split(separator: ".").first.map(String.init) ?? ""
        return ["index", "_index", "readme"].contains(stem)
    }

    /// A path as a link destination: the characters Markdown or a URL would read otherwise (space, parentheses,
    /// angle brackets, `#`, `%`, `\`, controls) percent-encoded; letters of every script kept.
    static func written(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar.value < 0x21 || scalar.value == 0x7F || " ()<>#%\\\"'[]".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func fragment(of destination: String) -> String {
        destination.lastIndex(of: "#").map { String(destination[$0...]) } ?? ""
    }
}

private extension String {
    /// `%D0%BA` → `к`, or nil when the escapes are not valid UTF-8 (then the text is compared as written).
    var removingPercentEncodingIfValid: String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = [], index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
               let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(index, offsetBy: 3)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
