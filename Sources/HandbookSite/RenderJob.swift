import HandbookModel

/// One output page to render; jobs are independent and run in parallel.
enum RenderJob: Sendable {
    case page(Page)
    case list(Kind, language: String)
    case home(language: String)
    case people(language: String)
    case person(String, language: String)
    case notFound
}

/// Renders jobs to `(output path, HTML)`.
struct JobRenderer {
    let site: SiteContext
    let homeIntros: [String: Page]

    func render(_ job: RenderJob) -> (path: String, html: String) {
        let contexts = PageContexts(site: site)
        let layout = Layout(site: site)
        let urls = site.urls
        switch job {
        case .page(let page):
            let (template, context) = contexts.page(page)
            let main = renderMain(context, template, page.language)
            var alternates: [String: String] = [:]
            for (language, translation) in site.relations.translations[page.key] ?? [:] { alternates[language] = urls.page(translation) }
            var crumbs = [Layout.Crumb(title: site.t(page.language)["home"], url: urls.home(page.language))]
            if page.kind != .page {
                crumbs.append(Layout.Crumb(title: site.kindTitle(page.kind, language: page.language), url: urls.list(page.kind, language: page.language)))
            }
            crumbs.append(Layout.Crumb(title: page.title, url: urls.page(page)))
            let html = layout.wrap(main: main, title: page.title, language: page.language, section: page.kind == .page ? nil : page.kind,
                                   crumbs: crumbs, alternates: alternates, draft: page.isDraft, bodyClass: "kind-\(page.kind.rawValue)")
            return (urls.folder(kind: page.kind, id: page.id, language: page.language) + "index.html", html)
        case .list(let kind, let language):
            let context = contexts.list(kind, language: language)
            let title = context["title"] as? String ?? ""
            let main = renderMain(context, "list", language)
            let html = layout.wrap(main: main, title: title, language: language, section: kind,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.list(kind, language: language))],
                                   alternates: allLanguages { urls.list(kind, language: $0) }, bodyClass: "list list-\(kind.rawValue)")
            return (urls.languagePrefix(language) + "\(kind.folder ?? "")/index.html", html)
        case .home(let language):
            let context = contexts.home(language: language, intro: homeIntros[language] ?? homeIntros[site.settings.defaultLanguage])
            let main = renderMain(context, "home", language)
            let html = layout.wrap(main: main, title: site.settings.title, language: language, section: nil, crumbs: [],
                                   alternates: allLanguages { urls.home($0) }, bodyClass: "home")
            return (urls.languagePrefix(language) + "index.html", html)
        case .people(let language):
            let context = contexts.people(language: language)
            let title = context["title"] as? String ?? ""
            let main = renderMain(context, "people", language)
            let html = layout.wrap(main: main, title: title, language: language, section: nil,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)), .init(title: title, url: urls.people(language))],
                                   alternates: allLanguages { urls.people($0) }, bodyClass: "people")
            return (urls.languagePrefix(language) + "people/index.html", html)
        case .person(let id, let language):
            guard let person = site.people[id] else { return ("", "") }
            let context = contexts.person(person, language: language)
            let main = renderMain(context, "person", language)
            let html = layout.wrap(main: main, title: person.name, language: language, section: nil,
                                   crumbs: [.init(title: site.t(language)["home"], url: urls.home(language)),
                                            .init(title: site.t(language)["people"], url: urls.people(language)),
                                            .init(title: person.name, url: urls.person(id, language: language))],
                                   alternates: allLanguages { urls.person(id, language: $0) }, bodyClass: "person")
            return (urls.languagePrefix(language) + "people/\(id)/index.html", html)
        case .notFound:
            let language = site.settings.defaultLanguage
            let title = site.t(language)["not_found_title"]
            let main = renderMain(["title": title, "homeURL": urls.home(language)], "404", language)
            let html = layout.wrap(main: main, title: title, language: language, section: nil, crumbs: [], alternates: [:], bodyClass: "not-found")
            return ("404.html", html)
        }
    }

    /// Renders a page's own template with the UI strings of its language as `t`.
    private func renderMain(_ context: [String: Any], _ template: String, _ language: String) -> String {
        var context = context
        context["t"] = site.t(language).strings
        return site.theme.render(context, template: template)
    }

    private func allLanguages(_ url: (String) -> String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: site.settings.languages.map { ($0, url($0)) })
    }
}
