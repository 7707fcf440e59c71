import HandbookModel
import HandbookValidation

/// Builds the template context of each kind of page. Values are plain text; templates escape them.
/// Only `html` (the rendered Markdown) and `main` (a rendered inner template) are inserted unescaped.
struct PageContexts {
    let site: SiteContext

    func page(_ page: Page) -> (template: String, context: [String: Any]) {
        let language = page.language
        var context: [String: Any] = [
            "title": page.title, "html": page.body.html, "id": page.id, "kind": page.kind.rawValue,
            "kindText": site.t(language)["kind_\(page.kind.rawValue)"],
        ]
        if let summary = page.frontMatter.summary?.value { context["summary"] = summary }
        if !page.frontMatter.extra.isEmpty { context["extra"] = page.frontMatter.extra }
        let template: String
        switch page.frontMatter.fields {
        case .policy(let fields):
            template = "policy"
            policy(fields, page: page, into: &context)
        case .principle(let fields):
            template = "principle"
            principle(fields, page: page, into: &context)
        case .example(let fields):
            template = "example"
            if let verdict = fields.verdict { context["verdict"] = site.verdictContext(verdict, language: language) }
            if let source = fields.source { context["source"] = source }
            if fields.verdict == .bad, let better = fields.better?.value, !better.isEmpty { context["better"] = better }
            context["principles"] = Set(fields.principles.map(\.value)).sorted().compactMap { site.linkContext(PageKey(kind: .principle, id: $0), language: language) }
        case .faq(let fields):
            template = "faq"
            if let date = fields.date { context["date"] = site.dateContext(date.value, language: language) }
            if let facilitator = fields.facilitator { context["facilitator"] = site.personContext(facilitator.value, language: language) }
            context["questions"] = page.body.headings.filter { $0.level == 2 }.map { ["text": $0.text, "anchor": $0.anchor] }
            context.removeValue(forKey: "toc")
            let packs = briefingPacks(of: page)
            if !packs.isEmpty { context["packs"] = packs }
        case .page:
            template = "page"
        }
        if page.kind != .faq {
            let toc = tableOfContents(page, context: context)
            if toc.count >= 2 { context["toc"] = toc }
        }
        return (template, context)
    }

    /// The page's headings, then the sections its template adds, in reading order: what the table of
    /// contents lists. Each generated section is listed only when the page shows it.
    private func tableOfContents(_ page: Page, context: [String: Any]) -> [[String: Any]] {
        let t = site.t(page.language)
        var toc = page.body.headings.filter { (2...3).contains($0.level) }.map { heading -> [String: Any] in
            ["text": heading.text, "anchor": heading.anchor, "sub": heading.level == 3]
        }
        let generated: [(key: String, anchor: String, text: String)]
        switch page.kind {
        case .policy:
            generated = [("exceptions", "exceptions", t["exceptions"]), ("escalation", "escalation", t["escalation"]),
                         ("principles", "principles", t["principles_of_policy"])]
        case .principle:
            // Both example groups are always shown (an empty one says so); the questions only when asked.
            generated = [("", "good-examples", t["good_examples"]), ("", "bad-examples", t["bad_examples"]), ("questions", "asked", t["asked_at_briefings"])]
        default:
            generated = []
        }
        for section in generated where section.key.isEmpty || context[section.key] != nil {
            toc.append(["text": section.text, "anchor": section.anchor, "sub": false])
        }
        return toc
    }

    private func policy(_ fields: PolicyFields, page: Page, into context: inout [String: Any]) {
        let language = page.language
        let t = site.t(language)
        if let owner = fields.owner { context["owner"] = site.personContext(owner.value, language: language) }
        context["status"] = ["name": fields.status.rawValue, "text": t["status_\(fields.status.rawValue)"], "active": fields.status == .active]
        if let effective = fields.effective { context["effective"] = site.dateContext(effective.value, language: language) }
        if let due = ReviewSchedule.reviewBy(fields, settings: site.settings) {
            context["reviewBy"] = site.dateContext(due.value, language: language)
            if due.value < site.today, fields.status != .retired { context["reviewOverdue"] = true }
        }
        if !fields.appliesTo.isEmpty {
            context["appliesTo"] = fields.appliesTo.map { audience -> [String: Any] in
                ["text": t["audience_\(audience)"] == "audience_\(audience)" ? audience : t["audience_\(audience)"],
                 "url": SafeName.problem(audience) == nil ? site.urls.url(site.urls.languagePrefix(page.language) + "audiences/\(audience)/") : false]
            }
        }
        if !fields.exceptions.isEmpty {
            context["exceptions"] = fields.exceptions.map { ["who": $0.who, "may": $0.may, "limit": $0.limit] }
        }
        if !fields.escalation.isEmpty {
            context["escalation"] = fields.escalation.enumerated().map { ["step": $0.offset + 1, "role": $0.element] }
        }
        let principles = (site.relations.principlesByPolicy[page.id] ?? []).compactMap { id -> [String: Any]? in
            guard var link = site.linkContext(PageKey(kind: .principle, id: id), language: language),
                  let principle = site.relations.page(PageKey(kind: .principle, id: id), language: language) else { return nil }
            if let owner = principle.frontMatter.fields.owner { link["owner"] = site.personContext(owner.value, language: language) }
            return link
        }
        if !principles.isEmpty { context["principles"] = principles }
        let prefix = site.urls.languagePrefix(language)
        context["packURL"] = site.urls.url(prefix + "briefing/\(page.id)/")
        context["selfCheckURL"] = site.urls.url(prefix + "self-check/\(page.id)/")
    }

    private func principle(_ fields: PrincipleFields, page: Page, into context: inout [String: Any]) {
        let language = page.language
        if let owner = fields.owner { context["owner"] = site.personContext(owner.value, language: language) }
        if let policy = fields.policy, let link = site.linkContext(PageKey(kind: .policy, id: policy.value), language: language) {
            context["policy"] = link
        }
        if !fields.tags.isEmpty { context["tags"] = fields.tags }
        let good = (site.relations.goodExamples[page.id] ?? []).compactMap { site.linkContext(PageKey(kind: .example, id: $0), language: language) }
        let bad = (site.relations.badExamples[page.id] ?? []).compactMap { site.linkContext(PageKey(kind: .example, id: $0), language: language) }
        if !good.isEmpty { context["goodExamples"] = good }
        if !bad.isEmpty { context["badExamples"] = bad }
        let questions = (site.relations.questionsByPrinciple[page.id] ?? []).compactMap { ref -> [String: Any]? in
            guard let faq = site.relations.page(ref.faq, language: language) else { return nil }
            // Questions come from the default language's briefing; the briefing's title from the one shown.
            return ["question": ref.question, "url": site.urls.page(faq) + "#" + ref.anchor, "briefing": faq.title,
                    "questionLang": language == site.settings.defaultLanguage ? false : site.settings.defaultLanguage,
                    "briefingLang": faq.language == language ? false : faq.language]
        }
        if !questions.isEmpty { context["questions"] = questions }
    }

    /// The briefing packs of the policies a briefing's questions are about (those of the principles they link to).
    private func briefingPacks(of faq: Page) -> [[String: Any]] {
        let relations = site.relations, language = faq.language
        var policies: [String] = []
        // The principles it asks about, then sorted (sorting every principle's questions first cost 3% of a page added on 10,000 pages).
        let asked = relations.questionsByPrinciple.compactMap { principle, refs in refs.contains { $0.faq == faq.key } ? principle : nil }
        for principle in asked.sorted() {
            guard case .principle(let fields) = relations.page(PageKey(kind: .principle, id: principle), language: language)?.frontMatter.fields,
                  let policy = fields.policy?.value, !policies.contains(policy) else { continue }
            policies.append(policy)
        }
        return policies.compactMap { id -> [String: Any]? in
            guard let policy = relations.page(PageKey(kind: .policy, id: id), language: language) else { return nil }
            let prefix = site.urls.languagePrefix(policy.language)
            return ["title": policy.title, "url": site.urls.url(prefix + "briefing/\(id)/"), "lang": policy.language == language ? false : policy.language]
        }
    }

    func list(_ kind: Kind, language: String) -> [String: Any] {
        let pages = site.relations.keys(of: kind).compactMap { site.relations.page($0, language: language) }
        var sorted: [[String: Any]]
        if kind == .faq {
            // Newest first, by each item's date read once (read in the comparison, it cost more than the list).
            var dated = pages.map { page -> (date: String, item: [String: Any]) in
                let item = site.linkContext(of: page, language: language)
                return ((item["date"] as? [String: Any])?["iso"] as? String ?? "", item)
            }
            dated.sort { $0.date > $1.date }
            sorted = dated.map(\.item)
        } else {
            // Sort by the title folded once per item (case and diacritics ignored), then by id for a stable order.
            // The folded title is compared as the UTF-8 of its NFC form: the order of Swift's `<` on strings
            // (NFC scalars), without its normalizing walk on every comparison of non-ASCII titles (most of
            // a list of 5,000 Ukrainian titles went there).
            let keyed = pages.map { page -> (key: [UInt8], id: String, item: [String: Any]) in
                let order = site.memo.listOrder(page, language: language) {
                    Array(page.title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).precomposedStringWithCanonicalMapping.utf8)
                }
                return (order, page.id, site.linkContext(of: page, language: language))
            }
            sorted = keyed.sorted { $0.key != $1.key ? $0.key.lexicographicallyPrecedes($1.key) : $0.id < $1.id }.map(\.item)
        }
        return ["title": site.kindTitle(kind, language: language), "items": sorted, "kind": kind.rawValue,
                "intro": site.t(language)["intro_\(kind.rawValue)"], "count": sorted.count]
    }

    /// Every entity's page in a language (else its default-language page), A to Z by the language's alphabet,
    /// grouped by first letter.
    func allPages(language: String) -> [String: Any] {
        let alphabet = AlphabeticalOrder(language: language)
        var items: [(id: String, entry: PageValueMemo.Entry)] = []
        for key in site.relations.translations.keys {
            guard !(key.kind == .page && key.id == "index"), let page = site.relations.page(key, language: language) else { continue }
            let entry = site.memo.entry(page, language: language) {
                var link = site.linkContext(of: page, language: language)
                let title = link["title"] as? String ?? key.id
                // An example is named by its verdict ("Добрий приклад"), as search names it.
                link["kindName"] = (link["verdict"] as? [String: Any])?["text"] as? String ?? site.t(language)["kind_\(key.kind.rawValue)"]
                return PageValueMemo.Entry(item: link, order: alphabet.key(title), letter: alphabet.initial(title))
            }
            items.append(("\(key.kind.rawValue)/\(key.id)", entry))
        }
        items.sort { $0.entry.order != $1.entry.order ? $0.entry.order.lexicographicallyPrecedes($1.entry.order) : $0.id < $1.id }
        // Each letter's items gathered in an array of their own (appending to the group's dictionary copied
        // the letter's list for every entry: quadratic).
        var letters: [(letter: String, items: [[String: Any]])] = []
        for (_, entry) in items {
            if letters.last?.letter == entry.letter {
                letters[letters.count - 1].items.append(entry.item)
            } else {
                letters.append((entry.letter, [entry.item]))
            }
        }
        let groups: [[String: Any]] = letters.map { ["letter": $0.letter, "items": $0.items] }
        return ["title": site.t(language)["all_pages"], "groups": groups, "count": items.count]
    }

    func home(language: String, intro: Page?) -> [String: Any] {
        let t = site.t(language)
        var context: [String: Any] = ["title": intro?.title ?? site.settings.title,
                                      "versionsURL": site.urls.url(site.urls.languagePrefix(language) + "versions.json")]
        if let intro { context["html"] = intro.body.html }
        // The home text of another language (no index.md in this one), or the site's title: marked with theirs.
        context["introLang"] = intro.map { $0.language == language ? false : $0.language } ?? (language == site.settings.defaultLanguage ? false : site.settings.defaultLanguage)
        context["policies"] = site.relations.keys(of: .policy).compactMap { key -> [String: Any]? in
            guard var link = site.linkContext(key, language: language) else { return nil }
            link["principleCount"] = site.relations.principlesByPolicy[key.id]?.count ?? 0
            return link
        }
        let exampleKeys = site.relations.keys(of: .example)
        let goodCount = exampleKeys.count { key in
            if case .example(let f) = site.relations.page(key, language: language)?.frontMatter.fields { return f.verdict == .good }
            return false
        }
        let faqKeys = site.relations.keys(of: .faq)
        let questionCount = faqKeys.reduce(0) { sum, key in
            sum + (site.relations.page(key, language: language)?.body.headings.count { $0.level == 2 } ?? 0)
        }
        context["counts"] = [
            ["value": site.relations.keys(of: .policy).count, "label": t["kind_policy_plural"], "url": site.urls.list(.policy, language: language)],
            ["value": site.relations.keys(of: .principle).count, "label": t["kind_principle_plural"], "url": site.urls.list(.principle, language: language)],
            ["value": goodCount, "label": t["count_good_examples"], "url": site.urls.list(.example, language: language)],
            ["value": exampleKeys.count - goodCount, "label": t["count_bad_examples"], "url": site.urls.list(.example, language: language)],
            ["value": questionCount, "label": t["count_questions"], "url": site.urls.list(.faq, language: language)],
        ]
        let briefings = list(.faq, language: language)["items"] as? [[String: Any]] ?? []
        if !briefings.isEmpty { context["briefings"] = Array(briefings.prefix(5)) }
        return context
    }

    func person(_ person: Person, language: String) -> [String: Any] {
        var context = site.personContext(person.id, language: language)
        context["title"] = person.name
        let owned = site.relations.ownedBy[person.id] ?? []
        // Reviews first: overdue ones, then by the day they are due.
        let policies = reviewOrder(owned.filter { $0.kind == .policy }).compactMap { key -> [String: Any]? in
            guard var link = site.linkContext(key, language: language) else { return nil }
            link["review"] = reviewContext(key, language: language) ?? false
            return link
        }
        let principles = owned.filter { $0.kind == .principle }.compactMap { site.linkContext($0, language: language) }
        let briefings = (site.relations.facilitatedBy[person.id] ?? []).compactMap { site.linkContext($0, language: language) }
        if !policies.isEmpty { context["policies"] = policies }
        if !principles.isEmpty { context["principles"] = principles }
        if !briefings.isEmpty { context["briefings"] = briefings }
        context["ownsNothing"] = policies.isEmpty && principles.isEmpty && briefings.isEmpty
        return context
    }

    /// When a policy is due for review (`review_by`, else `effective` + `review_interval_days`).
    /// Nil for a retired policy: it is never due.
    func reviewDay(_ key: PageKey) -> Day? {
        guard let page = site.relations.page(key, language: site.settings.defaultLanguage),
              case .policy(let fields) = page.frontMatter.fields, fields.status != .retired else { return nil }
        return ReviewSchedule.reviewBy(fields, settings: site.settings)?.value
    }

    /// Policies in the order an owner deals with them: the most overdue first, then by due day, undated last.
    func reviewOrder(_ keys: [PageKey]) -> [PageKey] {
        keys.map { ($0, reviewDay($0)) }.sorted { a, b in
            switch (a.1, b.1) {
            case let (x?, y?): return x != y ? x < y : a.0 < b.0
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.0 < b.0
            }
        }.map(\.0)
    }

    func reviewContext(_ key: PageKey, language: String) -> [String: Any]? {
        guard let day = reviewDay(key) else { return nil }
        let days = day.ordinal - site.today.ordinal
        return ["date": site.dateContext(day, language: language), "overdue": days < 0,
                "soon": days >= 0 && days <= site.settings.reviewsDueDays]
    }

    /// The reviews page: every policy due within `reviews_due_days` (overdue ones included), by owner.
    func reviews(language: String) -> [String: Any] {
        let t = site.t(language)
        let horizon = site.today.adding(days: site.settings.reviewsDueDays)
        var byOwner: [String: [PageKey]] = [:]
        for key in site.relations.keys(of: .policy) {
            guard let day = reviewDay(key), day <= horizon,
                  let page = site.relations.page(key, language: site.settings.defaultLanguage), case .policy(let fields) = page.frontMatter.fields else { continue }
            byOwner[fields.owner?.value ?? "", default: []].append(key)
        }
        // Owners in the order of people.yml; one whose id is unknown (a finding already) after them.
        let order = site.peopleOrder.map(\.id) + byOwner.keys.filter { site.people[$0] == nil }.sorted()
        let owners = order.compactMap { id -> [String: Any]? in
            guard let keys = byOwner[id] else { return nil }
            var owner = site.personContext(id, language: language)
            owner["policies"] = reviewOrder(keys).compactMap { key -> [String: Any]? in
                guard var link = site.linkContext(key, language: language) else { return nil }
                link["review"] = reviewContext(key, language: language) ?? false
                return link
            }
            return owner
        }
        let intro = t["reviews_intro"].replacingOccurrences(of: "{days}", with: String(site.settings.reviewsDueDays))
            .replacingOccurrences(of: "{date}", with: site.humanDate(horizon, language: language))
        return ["title": t["reviews_due"], "intro": intro, "owners": owners, "none": owners.isEmpty,
                "count": owners.reduce(0) { $0 + (($1["policies"] as? [Any])?.count ?? 0) }]
    }

    func people(language: String) -> [String: Any] {
        let items = site.peopleOrder.map { person -> [String: Any] in
            var context = site.personContext(person.id, language: language)
            context["count"] = site.relations.ownedBy[person.id]?.count ?? 0
            return context
        }
        return ["title": site.t(language)["people"], "items": items, "reviewsURL": site.urls.reviews(language)]
    }
}
