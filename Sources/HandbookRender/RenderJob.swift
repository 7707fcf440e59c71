import HandbookModel

/// One output page to render; jobs are independent and run in parallel.
public enum RenderJob: Sendable {
    case page(Page)
    case list(Kind, language: String)
    case home(language: String)
    case versions(language: String)
    case people(language: String)
    case person(String, language: String)
    case history(Page)
    case changes(language: String)
    case search(language: String)
    case allPages(language: String)
    /// A policy's briefing pack and its self-check, in the policy's language.
    case briefingPack(Page)
    case selfCheck(Page)
    /// The acknowledgements page and its CSV, and the audience pages ("who must read what").
    case acknowledgements(language: String)
    case notFound
}

/// Renders jobs to `(output path, text)` files.
struct JobRenderer {
    let site: SiteContext
    let homeIntros: [String: Page]
    let history: HistoryPages
    let pages: [Page]

    /// The files a job writes.
    func paths(of job: RenderJob) -> [String] {
        let urls = site.urls
        switch job {
        case .page(let page): return [urls.folder(kind: page.kind, id: page.id, language: page.language) + "index.html"]
        case .history(let page):
            let folder = urls.folder(kind: page.kind, id: page.id, language: page.language)
            return [history.historyFolder(page) + "index.html", folder + "history.json"]
        case .list(let kind, let language): return [urls.languagePrefix(language) + "\(kind.folder ?? "")/index.html"]
        case .home(let language): return [urls.languagePrefix(language) + "index.html"]
        case .versions(let language): return [urls.languagePrefix(language) + "versions.json"]
        case .people(let language): return [urls.languagePrefix(language) + "people/index.html", urls.languagePrefix(language) + "reviews-due/index.html"]
        case .person(let id, let language): return site.people[id] == nil ? [] : [urls.languagePrefix(language) + "people/\(id)/index.html"]
        case .changes(let language): return [urls.languagePrefix(language) + "changes/index.html", urls.languagePrefix(language) + "feed.xml"]
        case .search(let language): return [urls.languagePrefix(language) + "search/index.html"]
        case .allPages(let language): return [urls.languagePrefix(language) + "a-z/index.html"]
        case .briefingPack(let policy): return [urls.languagePrefix(policy.language) + "briefing/\(policy.id)/index.html"]
        case .selfCheck(let policy): return [urls.languagePrefix(policy.language) + "self-check/\(policy.id)/index.html"]
        case .acknowledgements(let language):
            let pages = AcknowledgementPages(site: site, history: history.history), prefix = urls.languagePrefix(language)
            var paths = pages.policies(language: language).isEmpty && pages.audiences.isEmpty ? [] : [prefix + "acknowledgements/index.html", prefix + "acknowledgements.csv"]
            paths += pages.audiences.map { prefix + "audiences/\($0)/index.html" }
            return paths
        case .notFound: return ["404.html"]
        }
    }

    func render(_ job: RenderJob) -> [(path: String, text: String)] {
        switch job {
        case .history(let page):
            let context = history.context(page)
            let main = renderMain(context, "history", page.language)
            let urls = site.urls
            var crumbs = [Layout.Crumb(title: site.t(page.language)["home"], url: urls.home(page.language))]
            if page.kind != .page {
                crumbs.append(Layout.Crumb(title: site.kindTitle(page.kind, language: page.language), url: urls.list(page.kind, language: page.language)))
            }
            crumbs.append(Layout.Crumb(title: page.title, url: urls.page(page)))
            crumbs.append(Layout.Crumb(title: site.t(page.language)["history"], url: urls.url(history.historyFolder(page))))
            var alternates: [String: String] = [:]
            for (language, translation) in site.relations.translations[page.key] ?? [:] { alternates[language] = urls.url(history.historyFolder(translation)) }
            let html = Layout(site: site).wrap(main: main, title: "\(site.t(page.language)["history"]): \(page.title)", language: page.language,
                                               section: page.kind == .page ? nil : page.kind, crumbs: crumbs, alternates: alternates, bodyClass: "page-history")
            return Array(zip(paths(of: job), [html, history.json(page)]))
        case .changes(let language):
            let changes = history.recentChanges(pages: pages, language: language)
            let context = history.changesContext(changes, language: language)
            let title = context["title"] as? String ?? ""
            let main = renderMain(context, "changes", language)
            let urls = site.urls
            let html = Layout(site: site).wrap(main: main, title: title, language: language, section: nil,
                                               crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.url(urls.languagePrefix(language) + "changes/"))],
                                               alternates: allLanguages { urls.url(urls.languagePrefix($0) + "changes/") }, bodyClass: "page-changes")
            let feed = AtomFeed.xml(changes: changes, site: site, language: language)
            return Array(zip(paths(of: job), [html, feed]))
        case .acknowledgements(let language):
            let paths = paths(of: job)
            guard paths.count >= 2 else { return [] }
            let pages = AcknowledgementPages(site: site, history: history.history), t = site.t(language), urls = site.urls
            let home = Layout.Crumb(title: t["home"], url: urls.home(language))
            let ackURL = urls.url(urls.languagePrefix(language) + "acknowledgements/")
            let layout = Layout(site: site)
            let page = layout.wrap(main: renderMain(pages.page(language: language), "acknowledgements", language), title: t["acknowledgements"],
                                   language: language, section: nil, crumbs: [home, .init(title: t["acknowledgements"], url: ackURL)],
                                   alternates: allLanguages { urls.url(urls.languagePrefix($0) + "acknowledgements/") }, bodyClass: "page-acknowledgements")
            var files = [(paths[0], page), (paths[1], pages.csv(language: language))]
            for (audience, path) in zip(pages.audiences, paths.dropFirst(2)) {
                let context = pages.audience(audience, language: language)
                let title = context["title"] as? String ?? audience
                files.append((path, layout.wrap(main: renderMain(context, "audience", language), title: title, language: language, section: nil,
                                                crumbs: [home, .init(title: t["acknowledgements"], url: ackURL), .init(title: title, url: pages.audienceURL(audience, language: language))],
                                                alternates: allLanguages { pages.audienceURL(audience, language: $0) }, bodyClass: "page-audience")))
            }
            return files
        case .people(let language):
            // The people page, and the reviews due by owner (both change with the owners and the policies' dates).
            guard let html = renderPage(job) else { return [] }
            let context = PageContexts(site: site).reviews(language: language)
            let title = context["title"] as? String ?? ""
            let reviews = Layout(site: site).wrap(main: renderMain(context, "reviews", language), title: title, language: language, section: nil,
                                                  crumbs: [.init(title: site.t(language)["home"], url: site.urls.home(language)),
                                                           .init(title: site.t(language)["people"], url: site.urls.people(language)),
                                                           .init(title: title, url: site.urls.reviews(language))],
                                                  alternates: allLanguages { site.urls.reviews($0) }, bodyClass: "page-reviews")
            return Array(zip(paths(of: job), [html, reviews]))
        case .versions(let language):
            return Array(zip(paths(of: job), [history.versionsJSON(language: language)]))
        default:
            guard let path = paths(of: job).first, let html = renderPage(job) else { return [] }
            return [(path, html)]
        }
    }

    private func renderPage(_ job: RenderJob) -> String? {
        let contexts = PageContexts(site: site)
        let layout = Layout(site: site)
        let urls = site.urls
        switch job {
        case .page(let page):
            var (template, context) = contexts.page(page)
            context["lastChanged"] = history.lastChanged(page)
            context["pageActions"] = PageActions(site: site, history: history.history).context(page)
            if page.kind == .policy { context["acknowledge"] = AcknowledgementPages(site: site, history: history.history).section(page) }
            let main = renderMain(context, template, page.language)
            var alternates: [String: String] = [:]
            for (language, translation) in site.relations.translations[page.key] ?? [:] { alternates[language] = urls.page(translation) }
            var crumbs = [Layout.Crumb(title: site.t(page.language)["home"], url: urls.home(page.language))]
            if page.kind != .page {
                crumbs.append(Layout.Crumb(title: site.kindTitle(page.kind, language: page.language), url: urls.list(page.kind, language: page.language)))
            }
            crumbs.append(Layout.Crumb(title: page.title, url: urls.page(page)))
            let html = layout.wrap(main: main, title: page.title, language: page.language, section: page.kind == .page ? nil : page.kind,
                                   crumbs: crumbs, alternates: alternates, draft: page.isDraft,
                                   unpublished: site.unpublished.contains(page.path), bodyClass: "page-\(page.kind.rawValue)")
            return html
        case .list(let kind, let language):
            let context = contexts.list(kind, language: language)
            let title = context["title"] as? String ?? ""
            let main = renderMain(context, "list", language)
            let html = layout.wrap(main: main, title: title, language: language, section: kind,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.list(kind, language: language))],
                                   alternates: allLanguages { urls.list(kind, language: $0) }, bodyClass: "page-list page-list-\(kind.rawValue)")
            return html
        case .home(let language):
            let intro = homeIntros[language] ?? homeIntros[site.settings.defaultLanguage]
            var context = contexts.home(language: language, intro: intro)
            context["pageActions"] = intro.map { PageActions(site: site, history: history.history).context($0) } ?? false
            let main = renderMain(context, "home", language)
            let html = layout.wrap(main: main, title: site.settings.title, language: language, section: nil, crumbs: [],
                                   alternates: allLanguages { urls.home($0) }, bodyClass: "page-home")
            return html
        case .people(let language):
            let context = contexts.people(language: language)
            let title = context["title"] as? String ?? ""
            let main = renderMain(context, "people", language)
            let html = layout.wrap(main: main, title: title, language: language, section: nil,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.people(language))],
                                   alternates: allLanguages { urls.people($0) }, bodyClass: "page-people")
            return html
        case .person(let id, let language):
            guard let person = site.people[id] else { return nil }
            let context = contexts.person(person, language: language)
            let main = renderMain(context, "person", language)
            let html = layout.wrap(main: main, title: person.name, language: language, section: nil,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)),
                                            .init(title: site.t(language)["people"], url: urls.people(language)),
                                            .init(title: person.name, url: urls.person(id, language: language),
                                                  lang: language == site.settings.defaultLanguage ? nil : site.settings.defaultLanguage)],
                                   alternates: allLanguages { urls.person(id, language: $0) }, bodyClass: "page-person")
            return html
        case .search(let language):
            let t = site.t(language)
            let main = renderMain(["allPagesURL": urls.allPages(language)], "search", language)
            let html = layout.wrap(main: main, title: t["search"], language: language, section: nil,
                                   crumbs: [.init(title: t["home"], url: urls.home(language)), .init(title: t["search"], url: urls.search(language))],
                                   alternates: allLanguages { urls.search($0) }, bodyClass: "page-search")
            return html
        case .allPages(let language):
            let context = contexts.allPages(language: language)
            let title = site.t(language)["all_pages"]
            let main = renderMain(context, "all-pages", language)
            let html = layout.wrap(main: main, title: title, language: language, section: nil,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.allPages(language))],
                                   alternates: allLanguages { urls.allPages($0) }, bodyClass: "page-all-pages")
            return html
        case .briefingPack(let policy):
            let briefing = BriefingContexts(site: site, history: history.history)
            let context = briefing.pack(policy, policyContext: contexts.page(policy).context)
            let title = context["packTitle"] as? String ?? policy.title
            return layout.wrap(main: renderMain(context, "briefing-pack", policy.language), title: title, language: policy.language, section: .policy,
                               crumbs: policyCrumbs(policy, last: .init(title: site.t(policy.language)["briefing_pack"], url: briefing.packURL(policy))),
                               alternates: translations(of: policy) { briefing.packURL($0) }, bodyClass: "page-briefing-pack")
        case .selfCheck(let policy):
            let briefing = BriefingContexts(site: site, history: history.history)
            let context = briefing.selfCheck(policy)
            return layout.wrap(main: renderMain(context, "self-check", policy.language), title: context["title"] as? String ?? policy.title,
                               language: policy.language, section: .policy,
                               crumbs: policyCrumbs(policy, last: .init(title: site.t(policy.language)["self_check"], url: briefing.selfCheckURL(policy))),
                               alternates: translations(of: policy) { briefing.selfCheckURL($0) }, bodyClass: "page-self-check")
        case .notFound:
            let language = site.settings.defaultLanguage
            let title = site.t(language)["not_found_title"]
            // One page for the whole site (a server has one 404 page): its message in every language, each
            // marked with its language, with a search box and the A–Z.
            let versions = site.settings.languages.map { code -> [String: Any] in
                let t = site.t(code)
                return ["lang": code, "other": code != language, "title": t["not_found_title"], "text": t["not_found_text"],
                        "backHome": t["back_home"], "homeURL": urls.home(code), "searchURL": urls.search(code), "search": t["search"],
                        "placeholder": t["search_placeholder"], "allPagesURL": urls.allPages(code), "allPages": t["all_pages"],
                        "field": "q-404-\(code)"]
            }
            let main = renderMain(["title": title, "homeURL": urls.home(language), "versions": versions], "404", language)
            // The language switch leads to each language's home page (the message is here in every language).
            let html = layout.wrap(main: main, title: title, language: language, section: nil, crumbs: [],
                                   alternates: allLanguages { urls.home($0) }, bodyClass: "page-not-found")
            return html
        case .history, .changes, .acknowledgements, .versions:
            return nil
        }
    }

    /// Renders a page's own template with the UI strings of its language as `t`.
    private func renderMain(_ context: [String: Any], _ template: String, _ language: String) -> String {
        let strings = site.t(language).strings
        func engine(_ context: [String: Any]) -> String {
            var context = context
            context["t"] = strings
            return site.theme.render(context, template: template, fragments: site.memo.fragments)
        }
        return SiteContext.templatesCutByShape.contains(template)
            ? site.templates.render(context, template: template, language: language, engine: engine) : engine(context)
    }

    /// Home › Policies › the policy › `last`.
    private func policyCrumbs(_ policy: Page, last: Layout.Crumb) -> [Layout.Crumb] {
        let urls = site.urls, language = policy.language
        return [Layout.Crumb(title: site.t(language)["home"], url: urls.home(language)),
                Layout.Crumb(title: site.kindTitle(.policy, language: language), url: urls.list(.policy, language: language)),
                Layout.Crumb(title: policy.title, url: urls.page(policy)), last]
    }

    /// The same page of each translation of a policy.
    private func translations(of policy: Page, _ url: (Page) -> String) -> [String: String] {
        (site.relations.translations[policy.key] ?? [:]).mapValues(url)
    }

    private func allLanguages(_ url: (String) -> String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: site.settings.languages.map { ($0, url($0)) })
    }
}
