import HandbookHistory
import HandbookModel

/// The end of a content page: "Edit this page" (the forge's editor of its file, on `repository_branch`),
/// "Propose a change" (a new issue on the forge, with the page, its file and version filled in, for readers who
/// cannot edit) and "Ask the owner" (a `mailto:` to whoever answers for the page, with its title and version).
/// The owner: a policy's or principle's `owner`, an example's first principle's owner, a briefing's facilitator.
struct PageActions {
    let site: SiteContext
    let history: SiteHistory

    func context(_ page: Page) -> Any {
        let t = site.t(page.language)
        // A title written with a line break (`"A\nB"` in YAML) goes into a subject on one line.
        let title = page.title.split(whereSeparator: \.isNewline).joined(separator: " ")
        let version = history.history.version(page.path)?.id
        let address = site.settings.absoluteURL(site.urls.page(page)) ?? site.urls.page(page)
        var context: [String: Any] = ["editURL": false, "proposeURL": false, "askURL": false, "owner": false, "ownerLang": false]
        if let forge = site.repositoryForge {
            let file = repositoryPath(page)
            context["editURL"] = forge.editURL(file)
            let title = t["propose_title"].replacingOccurrences(of: "{title}", with: title)
            var body = "\(t["page_address"]): \(address)\n\(t["page_file"]): \(forge.viewURL(file))\n"
            if let version { body += "\(t["version"]): \(version)\n" }
            context["proposeURL"] = forge.newIssueURL(title: title, body: body + "\n\(t["propose_text"])\n")
        }
        if let id = ownerID(page), let person = site.people[id], let email = person.email, WebAddress.emailProblem(email) == nil {
            let subject = "\(t["ask_subject"]): \(title)" + (version.map { " (\(t["version"]) \($0))" } ?? "")
            let body = "\(title)\n\(address)\n" + (version.map { "\(t["version"]): \($0)\n" } ?? "") + "\n"
            let parts = email.split(separator: "@", maxSplits: 1).map { PercentEncoding.component(String($0)) }
            context["askURL"] = "mailto:\(parts.joined(separator: "@"))?subject=\(PercentEncoding.component(subject))&body=\(PercentEncoding.component(body))"
            context["owner"] = person.name
            // people.yml is written in the default language (WCAG 3.1.2 on other languages' pages).
            context["ownerLang"] = page.language == site.settings.defaultLanguage ? false : site.settings.defaultLanguage
        }
        return context["editURL"] is String || context["askURL"] is String ? context : false
    }

    /// The page's file from the repository's root: the content folder's place in the work tree (from git), or
    /// `content/` where git does not say (no repository yet, or a build without history).
    func repositoryPath(_ page: Page) -> String {
        if case .unavailable = history.history.state, history.history.prefix.isEmpty { return "content/" + page.path }
        return history.history.prefix + page.path
    }

    func ownerID(_ page: Page) -> String? {
        switch page.frontMatter.fields {
        case .policy(let fields): return fields.owner?.value
        case .principle(let fields): return fields.owner?.value
        case .faq(let fields): return fields.facilitator?.value
        case .example(let fields):
            guard let first = fields.principles.first?.value,
                  let principle = site.relations.page(PageKey(kind: .principle, id: first), language: page.language),
                  case .principle(let owner) = principle.frontMatter.fields else { return nil }
            return owner.owner?.value
        case .page: return nil
        }
    }
}
