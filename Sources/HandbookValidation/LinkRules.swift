import HandbookModel

/// `broken-link`: every relative link to a `.md` file, every `#anchor`, and every relative link or image
/// to another file must exist inside the content folder. A missing anchor in a plain page (kind `page`,
/// often Markdown brought from elsewhere) is a warning; everywhere else, an error.
enum LinkRules {
    /// The links of one page (the targets it names are `PageReferences` of it).
    static func check(_ page: Page, _ context: ValidationContext, into findings: inout [Diagnostic]) {
        let files = context.assets
        for link in page.body.files {
            guard let targetPath = link.targetPath else { continue }
            if link.escapesContent {
                findings.append(Diagnostic(.brokenLink, at: link.location, "the link \(Quoted.text(link.destination, limit: 120)) climbs out of the content folder",
                                           hint: "put the file inside the content folder and link to it there"))
                continue
            }
            // A folder (`guides/`) or a path without an extension may be a page's address: only files are checked.
            let name = targetPath.split(separator: "/").last ?? ""
            guard !targetPath.hasSuffix("/"), name.contains("."), !files.contains(targetPath), context.page(atPath: targetPath) == nil else { continue }
            findings.append(Diagnostic(.brokenLink, at: link.location, "the link \(Quoted.text(link.destination, limit: 120)) points to \(targetPath), which does not exist",
                                       hint: fileSuggestion(for: targetPath, from: page.path, files: files)))
        }
        for link in page.body.links {
            guard let targetPath = link.targetPath else { continue }
            if link.escapesContent {
                findings.append(Diagnostic(.brokenLink, at: link.location, "the link '\(link.destination)' points outside the content folder",
                                           hint: "link to a page inside the handbook"))
                continue
            }
            guard let target = context.page(atPath: targetPath) else {
                findings.append(Diagnostic(.brokenLink, at: link.location, "the link '\(link.destination)' points to \(targetPath), which does not exist",
                                           hint: suggestion(for: targetPath, from: page.path, context: context)))
                continue
            }
            if let anchor = link.anchor, !anchor.isEmpty, !target.body.headings.contains(where: { $0.anchor == anchor }) {
                let anchors = target.body.headings.map(\.anchor)
                var hint = anchors.isEmpty ? "\(targetPath) has no headings to link to" : "anchors there: \(anchors.prefix(8).joined(separator: ", "))"
                if let close = Suggestion.closest(to: anchor, in: anchors) { hint = "did you mean '#\(close)'?" }
                findings.append(Diagnostic(.brokenLink, at: link.location, "the anchor '#\(anchor)' does not exist in \(targetPath)", hint: hint,
                                           severity: page.kind == .page ? .warning : nil))
            }
        }
    }

    private static func suggestion(for missing: String, from source: String, context: ValidationContext) -> String {
        let name = missing.split(separator: "/").last.map(String.init) ?? missing
        guard let close = Suggestion.closest(to: name, in: context.fileNames), let path = context.path(ofFileNamed: close) else {
            return "check the file name; links are relative to \(source)"
        }
        return "did you mean \(relative(path, from: source))?"
    }

    private static func fileSuggestion(for missing: String, from source: String, files: Set<String>) -> String {
        let name = String(missing.split(separator: "/").last ?? "")
        let byName = Dictionary(files.map { (String($0.split(separator: "/").last ?? ""), $0) }, uniquingKeysWith: { first, second in min(first, second) })
        guard let close = Suggestion.closest(to: name, in: byName.keys), let path = byName[close] else {
            return "add the file, or fix the name; links are relative to \(source)"
        }
        return "did you mean \(relative(path, from: source))?"
    }

    /// The relative link from one content file to another.
    static func relative(_ target: String, from source: String) -> String {
        let from = source.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[from.startIndex + common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}
