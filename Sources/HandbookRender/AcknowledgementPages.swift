import HandbookContent
import HandbookHistory
import HandbookModel

/// Acknowledgements without a server: the section of a policy that asks for one (the reader's receipt is
/// made by `versions.js`; without JavaScript a `mailto:` link carries all but the name, which the sender's
/// address gives), the acknowledgements page and its CSV (per policy and person: current, outdated or
/// missing), and one page per audience of `applies_to` (which policies apply, their versions, who has
/// acknowledged).
struct AcknowledgementPages {
    let site: SiteContext
    let history: SiteHistory

    enum Status: String {
        case current, outdated, missing
    }

    /// One row of the table: a person (or a name the ledger gave) and their newest acknowledgement of a policy.
    struct Row {
        var policy: Page
        var person: Person?
        var name: String
        var status: Status
        var entry: Acknowledgement?
    }

    /// The policies that ask for acknowledgement, in a language (each in the language, else the default one's).
    func policies(language: String) -> [Page] {
        site.relations.keys(of: .policy).compactMap { key -> Page? in
            guard let page = site.relations.page(key, language: language), case .policy(let fields) = page.frontMatter.fields, fields.acknowledge else { return nil }
            return page
        }
    }

    /// The `audiences` of `applies_to` across the policies in every language (a translation may name its
    /// own), in the order of the policies, each once: every language gets a page for each.
    var audiences: [String] {
        var seen: [String] = []
        for key in site.relations.keys(of: .policy) {
            for language in site.settings.languages {
                guard let page = site.relations.translations[key]?[language], case .policy(let fields) = page.frontMatter.fields else { continue }
                for audience in fields.appliesTo where !seen.contains(audience) && SafeName.problem(audience) == nil { seen.append(audience) }
            }
        }
        return seen
    }

    static func mailto(_ address: String, subject: String, body: String) -> String {
        "mailto:\(address)?subject=\(percent(subject))&body=\(percent(body))"
    }

    static func percent(_ text: String) -> String { PercentEncoding.component(text) }

    func subject(_ policy: Page, version: String) -> String {
        "\(site.t(policy.language)["ack_title"]): \(policy.title) (\(version))"
    }

    /// The section of a policy page (false when it asks for none, or has no committed version to name).
    func section(_ policy: Page) -> Any {
        guard case .policy(let fields) = policy.frontMatter.fields, fields.acknowledge,
              let version = history.history.version(policy.path) else { return false }
        let t = site.t(policy.language), settings = site.settings
        let receipt = Receipt(policy: policy.id, title: policy.title, language: policy.language, version: version.id)
        let folder = site.urls.folder(kind: .policy, id: policy.id, language: policy.language)
        var context: [String: Any] = [
            "policy": policy.id, "language": policy.language, "version": version.id, "title": policy.title,
            "button": t["ack_button"].replacingOccurrences(of: "{version}", with: version.id),
            "subject": subject(policy, version: version.id), "mailbox": settings.acknowledgementMailbox ?? false,
            "form": settings.acknowledgementForm ?? false, "block": receipt.block,
            "jsonURL": site.urls.url(folder + "history.json"), "historyURL": site.urls.url(folder + "history/"),
            "people": site.peopleOrder.filter { !$0.isTeam }.map(\.name),
            "pageURL": site.urls.url(site.urls.languagePrefix(policy.language) + "acknowledgements/"),
        ]
        if let mailbox = settings.acknowledgementMailbox {
            context["mailto"] = Self.mailto(mailbox, subject: subject(policy, version: version.id), body: receipt.block + "\n")
        }
        return context
    }

    /// Every person the policy applies to (by `audiences` in people.yml) and everyone the ledger names
    /// for it, with their newest acknowledgement in the policy's language.
    func rows(_ policy: Page) -> [Row] {
        let appliesTo: [String] = if case .policy(let fields) = policy.frontMatter.fields { fields.appliesTo } else { [] }
        let current = history.history.version(policy.path)?.id
        let entries = site.acknowledgements.filter { $0.policy == policy.id && $0.language == policy.language }
        var byPerson: [String: Acknowledgement] = [:], byName: [String: Acknowledgement] = [:]
        let names = Acknowledgement.peopleByName(site.peopleOrder)
        func newer(_ a: Acknowledgement, than b: Acknowledgement?) -> Bool {
            guard let b else { return true }
            if (a.version == current) != (b.version == current) { return a.version == current }
            return (a.day ?? Day(year: 1970, month: 1, day: 1)) > (b.day ?? Day(year: 1970, month: 1, day: 1))
        }
        for entry in entries {
            if let id = entry.person(among: site.people, byName: names)?.id {
                if newer(entry, than: byPerson[id]) { byPerson[id] = entry }
            } else if newer(entry, than: byName[entry.name]) {
                byName[entry.name] = entry
            }
        }
        func status(_ entry: Acknowledgement?) -> Status {
            guard let entry else { return .missing }
            return entry.version == current ? .current : .outdated
        }
        var rows: [Row] = []
        for person in site.peopleOrder where !person.isTeam {
            let entry = byPerson[person.id]
            guard entry != nil || !Set(person.audiences).isDisjoint(with: appliesTo) else { continue }
            rows.append(Row(policy: policy, person: person, name: person.name, status: status(entry), entry: entry))
        }
        for (name, entry) in byName.sorted(by: { $0.key < $1.key }) {
            rows.append(Row(policy: policy, person: nil, name: name.isEmpty ? entry.from ?? "?" : name, status: status(entry), entry: entry))
        }
        return rows
    }

    func rowContext(_ row: Row, language: String) -> [String: Any] {
        let t = site.t(language)
        var context: [String: Any] = ["name": row.name, "status": row.status.rawValue, "statusText": t["ack_status_\(row.status.rawValue)"],
                                      "version": row.entry?.version ?? false, "date": row.entry?.day.map { site.dateContext($0, language: language) } ?? false,
                                      "url": row.person.map { site.urls.person($0.id, language: language) } ?? false,
                                      "nameLang": row.person != nil && language != site.settings.defaultLanguage ? site.settings.defaultLanguage : false,
                                      "diffURL": false]
        // From the newest revision of the version they acknowledged to the newest revision, as the page's script compares.
        let revisions = history.history.revisions[row.policy.path] ?? []
        if row.status == .outdated, let entry = row.entry, let newest = revisions.first,
           let then = history.history.versions(of: revisions).first(where: { $0.version.id == entry.version }) {
            let folder = site.urls.folder(kind: .policy, id: row.policy.id, language: row.policy.language)
            context["diffURL"] = site.urls.url(folder + "history/") + "?from=\(then.revision.shortCommit)&to=\(newest.shortCommit)#compare"
        }
        return context
    }

    func policyContext(_ policy: Page, language: String) -> [String: Any] {
        let rows = rows(policy)
        let done = rows.count { $0.status == .current }
        let t = site.t(language)
        return ["title": policy.title, "url": site.urls.page(policy), "id": policy.id, "version": history.history.version(policy.path)?.id ?? false,
                "lang": policy.language == language ? false : policy.language, "rows": rows.map { rowContext($0, language: language) },
                "count": t["ack_count"].replacingOccurrences(of: "{done}", with: "\(done)").replacingOccurrences(of: "{total}", with: "\(rows.count)"),
                "empty": rows.isEmpty]
    }

    func page(language: String) -> [String: Any] {
        let t = site.t(language)
        return ["title": t["acknowledgements"], "policies": policies(language: language).map { policyContext($0, language: language) },
                "csvURL": site.urls.url(site.urls.languagePrefix(language) + "acknowledgements.csv"),
                "audiences": audiences.map { ["name": audienceName($0, language: language), "url": audienceURL($0, language: language)] as [String: Any] }]
    }

    func audienceURL(_ audience: String, language: String) -> String {
        site.urls.url(site.urls.languagePrefix(language) + "audiences/\(audience)/")
    }

    /// An audience's name: the UI string `audience_ID` when the theme has one, else the id.
    func audienceName(_ audience: String, language: String) -> String {
        let name = site.t(language)["audience_\(audience)"]
        return name == "audience_\(audience)" ? audience : name
    }

    func audience(_ audience: String, language: String) -> [String: Any] {
        let t = site.t(language)
        let policies = site.relations.keys(of: .policy).compactMap { key -> [String: Any]? in
            guard let page = site.relations.page(key, language: language), case .policy(let fields) = page.frontMatter.fields,
                  fields.appliesTo.contains(audience) else { return nil }
            var context: [String: Any] = ["title": page.title, "url": site.urls.page(page), "lang": page.language == language ? false : page.language,
                                          "version": false, "date": false, "acknowledge": fields.acknowledge]
            if let version = history.history.version(page.path) {
                context["version"] = version.id
                context["date"] = site.dateContext(version.date, language: language)
            }
            if fields.acknowledge { context["acks"] = policyContext(page, language: language) }
            return context
        }
        let name = audienceName(audience, language: language)
        return ["title": t["audience_of"].replacingOccurrences(of: "{audience}", with: name), "audience": name, "policies": policies,
                "empty": policies.isEmpty, "acknowledgementsURL": site.urls.url(site.urls.languagePrefix(language) + "acknowledgements/")]
    }

    /// The table as CSV (RFC 4180), one row per policy and person. A cell that a spreadsheet would take
    /// for a formula (`=`, `+`, `-`, `@`, tab) starts with `'`.
    func csv(language: String) -> String {
        var lines = ["policy,title,language,person,name,status,acknowledged_version,date,current_version"]
        for policy in policies(language: language) {
            let current = history.history.version(policy.path)?.id ?? ""
            for row in rows(policy) {
                lines.append([policy.id, policy.title, policy.language, row.person?.id ?? "", row.name, row.status.rawValue,
                              row.entry?.version ?? "", row.entry?.day?.description ?? "", current].map(Self.cell).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = String(value.unicodeScalars.filter { !SafeName.isForbidden($0) || $0 == "\t" }.map(Character.init))
        if let first = text.unicodeScalars.first, "=+-@\t".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
