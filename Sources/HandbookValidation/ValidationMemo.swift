import HandbookModel

/// A validation kept for the next one (the preview server validates after every save): each page's own
/// findings, the lookup tables, and which pages refer to which paths and ids. The next validation checks
/// again only the pages a change can affect (`PageChecks`); the rules about the whole site run every time.
/// On 10,000 pages, the nine rules over every page were half of a text edit's rebuild.
public struct ValidationMemo: Sendable {
    /// What every page's findings may depend on besides the pages: any change of it checks every page again.
    struct Environment: Equatable, Sendable {
        var settings: Settings
        var people: [Person]
        var unreadableFiles: Set<String>
        var settingsMissing: Bool
        var refusedPeople: Set<String>
        var today: Day

        init(_ handbook: Handbook, today: Day) {
            settings = handbook.settings
            people = handbook.people
            unreadableFiles = handbook.unreadableFiles
            settingsMissing = handbook.settingsMissing
            refusedPeople = handbook.refusedPeople
            self.today = today
        }
    }

    let environment: Environment
    /// The pages validated, sorted by path (shared with the handbook they came from, not copied).
    var pages: [Page]
    var assets: [String]
    var tables: ValidationContext.Tables
    /// Each page's own findings by path (pages without any are left out).
    var pageFindings: [String: [Diagnostic]]
    /// What the rules about the whole site found.
    var siteFindings: SiteFindings
    /// For each path or entity a page refers to (`PageReferences`), the pages that do.
    var referrers: [String: Set<String>]
}

/// What the rules about the whole site found: `self-check-size` apart (said only of content without errors).
struct SiteFindings: Sendable {
    var size: [Diagnostic]
    var others: [Diagnostic]
}

/// What the rules about the whole site read of a page beyond the tables (`ValidationContext.Tables`):
/// while every edited page keeps its facts and the tables hold, their findings hold.
struct SiteFacts: Equatable {
    var openingLine: Int?
    var verdict: Verdict?
    var principles: [String] = []
    var askable = false
    var policy: String?

    init(_ page: Page) {
        openingLine = page.frontMatter.openingLine
        switch page.frontMatter.fields {
        case .example(let fields):
            verdict = fields.verdict
            principles = fields.principles.map(\.value)
            askable = page.situation != nil
        case .principle(let fields):
            policy = fields.policy?.value
        default:
            break
        }
    }
}

/// How the pages of two validations differ, found by walking both lists in path order; nil when a list
/// is not sorted by path (then everything is checked again).
struct PageSetChange {
    var edited: [(old: Page, new: Page)] = []
    var added: [Page] = []
    var removed: [Page] = []

    var count: Int { edited.count + added.count + removed.count }

    init?(from old: [Page], to new: [Page]) {
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if j > 0, j < new.count, new[j - 1].path >= new[j].path { return nil }
            if i > 0, i < old.count, old[i - 1].path >= old[i].path { return nil }
            if j == new.count || (i < old.count && old[i].path < new[j].path) {
                removed.append(old[i]); i += 1
            } else if i == old.count || new[j].path < old[i].path {
                added.append(new[j]); j += 1
            } else {
                if old[i] != new[j] { edited.append((old[i], new[j])) }
                i += 1; j += 1
            }
        }
    }
}
