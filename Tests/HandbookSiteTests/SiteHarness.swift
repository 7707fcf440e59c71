import HandbookModel
import HandbookSite
import HandbookTestSupport

/// A handbook written into a temporary folder and built into `Public/` beside it.
struct SiteHarness {
    let folder: TempFolder
    var content: String { "\(folder.path)/content" }
    var output: String { "\(folder.path)/Public" }
    var site: BuiltSite { BuiltSite(root: output) }

    init(_ files: [String: String]) throws {
        folder = try TempFolder()
        try folder.write(files, under: "content")
    }

    func options(baseURL: String? = nil, drafts: Bool = false, theme: String? = nil) -> BuildOptions {
        BuildOptions(content: content, theme: theme, output: output, baseURL: baseURL, includeDrafts: drafts, today: Day(year: 2026, month: 1, day: 1))
    }

    @discardableResult
    func build(baseURL: String? = nil, drafts: Bool = false, theme: String? = nil) throws -> BuildReport {
        try SiteBuilder(options: options(baseURL: baseURL, drafts: drafts, theme: theme)).build()
    }

    func remove() { folder.remove() }
}
