import HandbookModel

/// Everything the page contexts need, computed once per build and shared read-only by all workers.
public struct SiteContext: @unchecked Sendable {
    public let settings: Settings
    public let urls: SiteURLs
    public let relations: Relations
    public let theme: Theme
    public let people: [String: Person]
    public let peopleOrder: [Person]
    /// The acknowledgement ledger.
    public let acknowledgements: [Acknowledgement]
    /// A git author's name or address, lower-cased → the person's id (`git:`, `email` and `name` in people.yml).
    public let authors: [String: String]
    public let localizations: [String: Localization]
    /// Month names per language, split once.
    public let months: [String: [String]]
    /// The search script's strings per language, as JSON (made once, put on every page).
    public let searchStringsByLanguage: [String: String]
    public let today: Day
    /// The folders of plain pages named `history`, whose address a history page must leave to them.
    public let historyNamedPageFolders: Set<String>
    /// Pages whose files have changes not yet committed (the preview server marks them).
    public let unpublished: Set<String>
    /// The layout, cut once per page shape.
    let layouts: LayoutCache
    /// The page templates in `templatesCutByShape`, cut once per context shape.
    let templates: TemplateCache
    /// Page templates cut like the layout: the history page's (half of all pages; a small context of few
    /// shapes). The others' contexts are large and varied: measured on the 10,000-page corpus, walking them
    /// cost about what it saved, and the cuts raised the peak memory.
    public static let templatesCutByShape: Set<String> = ["history"]

    /// `settings.repositoryForge`, parsed once (every page's actions and every history entry use it).
    public let repositoryForge: Forge?
    /// The entries of lists and A–Z kept from an earlier state (the preview server's), or none.
    let memo: PageValueMemo

    public init(handbook: Handbook, pages: [Page], theme: Theme, today: Day, relations: Relations? = nil, unpublished: Set<String> = [],
         cutTemplates: Bool = true, memo: PageValueMemo? = nil) {
        self.memo = memo ?? PageValueMemo(enabled: false)
        self.unpublished = unpublished
        settings = handbook.settings
        urls = SiteURLs(settings: handbook.settings)
        self.relations = relations ?? Relations(pages: pages, defaultLanguage: handbook.settings.defaultLanguage)
        self.theme = theme
        people = Dictionary(handbook.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        peopleOrder = handbook.people
        acknowledgements = handbook.acknowledgements
        var authors: [String: String] = [:]
        // Explicit `git:` entries win over an address, an address over a name.
        for person in handbook.people.reversed() { authors[person.name.lowercased()] = person.id }
        for person in handbook.people.reversed() { if let email = person.email { authors[email.lowercased()] = person.id } }
        for person in handbook.people.reversed() { for identity in person.git { authors[identity.lowercased()] = person.id } }
        self.authors = authors
        var localizations: [String: Localization] = [:]
        for language in handbook.settings.languages { localizations[language] = theme.localization(language) }
        self.localizations = localizations
        var months: [String: [String]] = [:]
        for (language, localization) in localizations {
            months[language] = localization["months"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        self.months = months
        searchStringsByLanguage = localizations.mapValues(SiteContext.searchStrings)
        self.today = today
        historyNamedPageFolders = urls.historyNamedPageFolders(pages)
        layouts = LayoutCache(escape: HTMLEscaping.attribute, enabled: cutTemplates)
        repositoryForge = handbook.settings.repositoryForge
        templates = TemplateCache(escape: HTMLEscaping.attribute, enabled: cutTemplates)
    }

    public func t(_ language: String) -> Localization { localizations[language] ?? theme.localization(language) }

    public func asset(_ name: String) -> String { urls.url(theme.assetPaths[name] ?? "assets/\(name)") }

    public static let languageNames = ["uk": "Українська", "ru": "Русский", "en": "English", "de": "Deutsch", "pl": "Polski", "fr": "Français"]

    public func languageName(_ code: String) -> String { SiteContext.languageNames[code] ?? code }

    /// `2025-03-01` as `1 березня 2025` (month names from the theme's strings).
    public func humanDate(_ day: Day, language: String) -> String {
        guard let months = months[language], months.count == 12 else { return day.description }
        return "\(day.day) \(months[day.month - 1]) \(day.year)"
    }

    public func dateContext(_ day: Day, language: String) -> [String: Any] {
        ["iso": day.description, "text": humanDate(day, language: language)]
    }

    public func personContext(_ id: String, language: String) -> [String: Any] {
        // Every key is always set (false when absent), so a template never picks up an outer value of the same name.
        guard let person = people[id] else {
            return ["name": id, "id": id, "unknown": true, "url": false, "role": false, "email": false, "team": false, "initials": String(id.prefix(2)).uppercased(),
                    "lang": false]
        }
        // people.yml is written in the default language: on a page in another, names and roles say so (WCAG 3.1.2).
        var context: [String: Any] = ["id": id, "name": person.name, "url": urls.person(id, language: language), "team": person.isTeam,
                                      "unknown": false, "role": person.role ?? false, "email": person.email ?? false,
                                      "lang": language == settings.defaultLanguage ? false : settings.defaultLanguage]
        context["initials"] = String(person.name.split(separator: " ").prefix(2).compactMap(\.first))
        return context
    }

    /// Who made a change, as readers know them: the person of people.yml the git author maps to (with a
    /// link to their page, and their name's language), else the git author's name.
    public func authorContext(name: String, email: String, language: String) -> [String: Any] {
        guard let id = authors[email.lowercased()] ?? authors[name.lowercased()], let person = people[id] else {
            return ["name": name, "url": false, "lang": false]
        }
        return ["name": person.name, "url": urls.person(id, language: language),
                "lang": language == settings.defaultLanguage ? false : settings.defaultLanguage]
    }

    /// A link to an entity in a language (falling back to the default language).
    public func linkContext(_ key: PageKey, language: String) -> [String: Any]? {
        relations.page(key, language: language).map { linkContext(of: $0, language: language) }
    }

    /// The link context of the page that stands for its entity in `language` (`relations.page`).
    func linkContext(of page: Page, language: String) -> [String: Any] {
        memo.link(page, language: language) { makeLinkContext(page, language: language) }
    }

    private func makeLinkContext(_ page: Page, language: String) -> [String: Any] {
        let key = page.key
        // Every key is always set (false when absent), so a template never picks up an outer value of the same name.
        var context: [String: Any] = ["title": page.title, "url": urls.page(page), "id": key.id, "kind": key.kind.rawValue,
                                      "summary": PageExcerpt.of(page) ?? false, "lang": page.language != language ? page.language : false,
                                      "verdict": false, "status": false, "statusText": false, "date": false, "owner": false, "better": false]
        switch page.frontMatter.fields {
        case .example(let fields):
            if let verdict = fields.verdict { context["verdict"] = verdictContext(verdict, language: language) }
            if fields.verdict == .bad, let better = fields.better?.value, !better.isEmpty { context["better"] = better }
        case .policy(let fields):
            context["status"] = fields.status.rawValue
            context["statusText"] = t(language)["status_\(fields.status.rawValue)"]
        case .faq(let fields):
            if let date = fields.date { context["date"] = dateContext(date.value, language: language) }
        default: break
        }
        return context
    }

    public func verdictContext(_ verdict: Verdict, language: String) -> [String: Any] {
        ["good": verdict == .good, "bad": verdict == .bad, "name": verdict.rawValue,
         "text": t(language)["verdict_\(verdict.rawValue)"], "icon": verdict == .good ? "✓" : "✗"]
    }

    /// The UI strings the page's scripts (search.js, versions.js) need, as a JSON object (the layout puts it in an attribute, escaped).
    public func searchStrings(_ language: String) -> String { searchStringsByLanguage[language] ?? Self.searchStrings(t(language)) }

    public static func searchStrings(_ t: Localization) -> String {
        let keys = ["kind_policy", "kind_principle", "verdict_good", "verdict_bad", "kind_faq", "kind_page", "search_no_results",
                    "search_results", "search_all", "search_any_owner", "search_any_policy", "search_failed", "search_see_all", "search_more",
                    "search_other_languages", "search_did_you_mean", "kind_person",
                    // versions.js: versions, comparisons, `?at=`, "changed since", acknowledgements.
                    "version", "word_forms", "words_added", "words_removed", "inserted", "deleted", "no_text_change", "compare_same",
                    "compare_between", "history_failed", "changed_since_read", "changed_since_read_detail", "show_changes", "at_notice",
                    "at_current", "at_not_current", "at_show_current", "at_before", "at_changes_since", "at_bad_date", "since_visit",
                    "since_visit_read", "since_visit_new", "ack_copied", "ack_done", "ack_outdated", "ack_what_changed", "ack_name_needed",
                    "ack_receipt", "at_no_text", "compare_not_found"]
        return "{" + keys.map { "\(JSONText.quote($0)):\(JSONText.quote(t[$0]))" }.joined(separator: ",") + "}"
    }

    public func kindTitle(_ kind: Kind, language: String) -> String { t(language)["kind_\(kind.rawValue)_plural"] }
}

import Foundation
import HandbookTheme
