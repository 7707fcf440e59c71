import HandbookModel

/// Wraps a rendered page body in the `layout` template: head, header, navigation, breadcrumbs,
/// language switcher with `hreflang` alternates, footer.
struct Layout {
    let site: SiteContext

    struct Crumb {
        var title: String
        var url: String
        /// The title's language when it is not the page's (a person's name on an English page).
        var lang: String? = nil
    }

    /// - Parameters:
    ///   - alternates: the same page in each language that has it (language → URL).
    func wrap(main: String, title: String, language: String, section: Kind?, crumbs: [Crumb], alternates: [String: String],
              draft: Bool = false, unpublished: Bool = false, bodyClass: String = "") -> String {
        let frame = LayoutFrame(main: main, title: title, fullTitle: title == site.settings.title ? title : "\(title) · \(site.settings.title)",
                                language: language, section: section, crumbs: crumbs, alternates: alternates, draft: draft,
                                unpublished: unpublished, bodyClass: bodyClass, isAllPages: bodyClass == "page-all-pages")
        return site.layouts.render(frame) { render($0) }
    }

    /// The layout rendered by the template engine.
    func render(_ frame: LayoutFrame) -> String {
        let language = frame.language, alternates = frame.alternates, crumbs = frame.crumbs
        let t = site.t(language)
        var context: [String: Any] = [
            "lang": language, "title": frame.title, "siteTitle": site.settings.title, "main": frame.main,
            // handbook.yml is written in the default language.
            "siteTitleLang": language == site.settings.defaultLanguage ? false : site.settings.defaultLanguage,
            "fullTitle": frame.fullTitle,
            "homeURL": site.urls.home(language), "baseURL": site.urls.baseURL,
            "cssURL": site.asset("style.css"), "printCSSURL": site.asset("print.css"),
            "searchURL": site.urls.search(language), "draft": frame.draft, "unpublished": frame.unpublished,
            "searchIndexURL": site.urls.url(site.urls.searchIndexFolder(language)), "searchJSURL": site.asset("search.js"), "versionsJSURL": site.asset("versions.js"),
            "searchStrings": site.searchStrings(language),
            "changesURL": site.urls.url(site.urls.languagePrefix(language) + "changes/"),
            "feedURL": site.urls.url(site.urls.languagePrefix(language) + "feed.xml"), "bodyClass": frame.bodyClass, "t": t.strings,
        ]
        context["nav"] = Kind.structured.map { kind -> [String: Any] in
            ["title": site.kindTitle(kind, language: language), "url": site.urls.list(kind, language: language), "current": kind == frame.section]
        } + [["title": t["people"], "url": site.urls.people(language), "current": false],
             ["title": t["all_pages_short"], "url": site.urls.allPages(language), "current": frame.isAllPages]]
        if !crumbs.isEmpty {
            context["breadcrumbs"] = crumbs.enumerated().map { index, crumb in
                ["title": crumb.title, "url": crumb.url, "last": index == crumbs.count - 1, "crumbLang": crumb.lang ?? false] as [String: Any]
            }
        }
        let languages = site.settings.languages
        if languages.count > 1 {
            context["languages"] = languages.map { code -> [String: Any] in
                var item: [String: Any] = ["code": code, "name": site.languageName(code), "current": code == language]
                item["url"] = alternates[code] ?? false
                return item
            }
        }
        context["alternates"] = languages.compactMap { code in alternates[code].map { ["lang": code, "url": $0] } }
        // With two languages the header's switcher says it all; the list at the foot is for three or more.
        if languages.count > 2, let translations = Optional(alternates.filter { $0.key != language }), !translations.isEmpty {
            context["translations"] = languages.compactMap { code -> [String: Any]? in
                guard code != language, let url = alternates[code] else { return nil }
                return ["lang": code, "name": site.languageName(code), "url": url]
            }
        }
        return site.theme.render(context, template: "layout")
    }
}
