import Foundation
import HandbookModel
import HandbookRender
import HandbookTheme
@testable import HandbookSearch
import Testing
@testable import HandbookSite
import HandbookTestSupport
@testable import HandbookLive
@testable import HandbookOutput

/// The preview server's engine: after every kind of edit, the site in memory is exactly what a clean
/// build of the same files gives, and only what depends on the edit was rendered again.
@Suite struct LiveBuildTests {
    /// A fixture handbook with a theme folder beside its content, and its live build.
    final class Live {
        let folder: TempFolder
        let live: LiveBuild
        var content: String { "\(folder.path)/content" }
        var theme: String { "\(folder.path)/theme" }

        init(theme files: [String: String] = [:]) throws {
            folder = try TempFolder()
            try folder.write(Fixture.handbook, under: "content")
            try folder.write(files, under: "theme")
            live = LiveBuild(options: Live.options(folder.path))
            let update = live.rebuildAll()
            #expect(update.published)
        }

        static func options(_ root: String) -> BuildOptions {
            BuildOptions(content: "\(root)/content", theme: "\(root)/theme", output: "\(root)/Public", includeDrafts: true,
                         today: Day(year: 2026, month: 1, day: 1), history: false, fingerprintAssets: false)
        }

        /// Writes (or removes, for nil) files, then updates the live build with them.
        func edit(_ files: [String: String?], in folder: LiveChange.Folder = .content) throws -> LiveBuild.Update {
            let base = folder == .content ? "content" : "theme"
            for (path, text) in files {
                if let text { try self.folder.write(Array(text.utf8), to: "\(base)/\(path)") } else {
                    try FileManager.default.removeItem(atPath: "\(self.folder.path)/\(base)/\(path)")
                }
            }
            var update = live.apply(files.keys.map { LiveChange(folder, $0) })
            update.changed.formUnion(live.refreshSearch())
            return update
        }

        /// What a clean build of the same files gives; its findings must be the live build's (which checks
        /// again only what an edit can change the findings of, and reuses its tables otherwise).
        func cleanBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: [UInt8]] {
            let builder = SiteBuilder(options: Live.options(folder.path))
            let (handbook, findings) = try builder.check()
            #expect(findings.errorCount == 0)
            #expect(live.findings == findings, "the findings differ from a clean check's: \(Set(live.findings).symmetricDifference(findings).map(\.message))",
                    sourceLocation: sourceLocation)
            let sink = MemorySink()
            _ = try builder.render(handbook, to: sink)
            return sink.files
        }

        /// Every file byte for byte, but the search bundles: the live index keeps BM25's averages and its
        /// shards' ranges from its start and numbers an added page after the others, so those are compared
        /// by what they hold (`SearchBundle`: each term's documents, each document's fragment, filters and kind).
        func expectSameAsCleanBuild(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let clean = try cleanBuild(sourceLocation: sourceLocation)
            let isSearch = { (path: String) in path.hasPrefix("search/") && !path.hasSuffix(".html") }
            let differing = Set(clean.keys).union(live.files.keys).filter { !isSearch($0) && clean[$0] != live.files[$0] }.sorted()
            #expect(differing.isEmpty, "differs from a clean build: \(differing.prefix(10))", sourceLocation: sourceLocation)
            for language in ["uk", "en"] {
                let folder = "search/\(language)/"
                let liveBundle = try SearchBundle(live.files, folder: folder), cleanBundle = try SearchBundle(clean, folder: folder)
                #expect(liveBundle == cleanBundle, "the \(language) search bundle holds something else", sourceLocation: sourceLocation)
            }
        }

        func text(_ path: String) -> String { String(decoding: live.files[path] ?? [], as: UTF8.self) }

        deinit { folder.remove() }
    }

    @Test func editingABodyRendersThatPageAloneAndItsLanguagesSearch() throws {
        let site = try Live()
        let edited = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "Текст.", with: "Слухаємо до кінця, не перебиваючи.")
        let update = try site.edit(["principles/listen.md": edited])
        #expect(update.published && !update.everything)
        let pages = update.changed.filter { $0.hasSuffix(".html") }
        // The page, and its policy's briefing pack, which prints the principle's text.
        #expect(pages == ["principles/listen/index.html", "briefing/service/index.html"])
        #expect(update.changed.contains { $0.hasPrefix("search/uk/") })
        #expect(!update.changed.contains { $0.hasPrefix("search/en/") })
        #expect(site.text("principles/listen/index.html").contains("не перебиваючи"))
        try site.expectSameAsCleanBuild()
    }

    @Test func aBrokenLinkInABodyEditIsFoundAndItsFixPublished() throws {
        let site = try Live()
        let base = Fixture.handbook["principles/listen.md"]!
        var update = try site.edit(["principles/listen.md": base + "\n\nДив. [ціни](../policies/prices.md).\n"])
        #expect(!update.published)
        #expect(update.findings.contains { $0.rule == .brokenLink && $0.location.file == "principles/listen.md" && $0.location.line == 9 })
        update = try site.edit(["principles/listen.md": base + "\n\nДив. [політику](../policies/service.md).\n"])
        #expect(update.published && update.findings.errorCount == 0)
        try site.expectSameAsCleanBuild()
    }

    @Test func retitlingAnExampleRendersThePagesThatShowIt() throws {
        let site = try Live()
        let edited = Fixture.handbook["examples/taxi.md"]!.replacingOccurrences(of: "Таксі вночі", with: "Таксі о третій ночі")
        let update = try site.edit(["examples/taxi.md": edited])
        #expect(update.published && !update.everything)
        #expect(update.changed.isSuperset(of: ["examples/taxi/index.html", "principles/help-first/index.html", "examples/index.html", "a-z/index.html"]))
        // The English principle shows the Ukrainian example (it has no translation).
        #expect(update.changed.contains("en/principles/help-first/index.html"))
        #expect(!update.changed.contains("principles/listen/index.html"))
        #expect(site.text("principles/help-first/index.html").contains("Таксі о третій ночі"))
        try site.expectSameAsCleanBuild()
    }

    @Test func aNewOwnerReachesBothPeoplesPagesAndNoOtherList() throws {
        let site = try Live()
        let edited = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "owner: leads", with: "owner: olena")
        let update = try site.edit(["principles/listen.md": edited])
        #expect(!update.everything)
        #expect(update.changed.isSuperset(of: ["people/olena/index.html", "people/leads/index.html", "policies/service/index.html"]))
        #expect(!update.changed.contains("examples/index.html"))
        try site.expectSameAsCleanBuild()
    }

    /// Edits that keep a page's relations reuse the other pages' index entries (and the relations, unless an
    /// owner or facilitator changed); those that change them do not. One after another, each as a clean build.
    @Test func editsOfWhatRelatesAPageOneAfterAnotherEachMatchACleanBuild() throws {
        let site = try Live()
        var taxi = Fixture.handbook["examples/taxi.md"]!, listen = Fixture.handbook["principles/listen.md"]!
        var briefing = Fixture.handbook["faq/briefing.md"]!, heard = Fixture.handbook["examples/heard.md"]!
        var helpFirst = Fixture.handbook["principles/help-first.md"]!
        let edits: [(String, () -> (String, String))] = [
            // `listen` keeps only a bad example: a warning that checking with the last edit's tables would miss.
            ("an example moved to another principle", { heard = heard.replacingOccurrences(of: "[listen]", with: "[help-first]"); return ("examples/heard.md", heard) }),
            ("a summary", { taxi = taxi.replacingOccurrences(of: "source: дзвінок", with: "source: дзвінок\nsummary: Нове резюме."); return ("examples/taxi.md", taxi) }),
            ("a verdict", { taxi = taxi.replacingOccurrences(of: "verdict: good", with: "verdict: bad"); return ("examples/taxi.md", taxi) }),
            ("an example's principles", { taxi = taxi.replacingOccurrences(of: "[help-first]", with: "[help-first, listen]"); return ("examples/taxi.md", taxi) }),
            ("a retitle", { listen = listen.replacingOccurrences(of: "title: Вислухати", with: "title: Слухати до кінця"); return ("principles/listen.md", listen) }),
            ("an owner", { listen = listen.replacingOccurrences(of: "owner: leads", with: "owner: olena"); return ("principles/listen.md", listen) }),
            // Back to a list where it sorts between two others (the people pages list them in that order).
            ("an owner away", { helpFirst = helpFirst.replacingOccurrences(of: "owner: olena", with: "owner: leads"); return ("principles/help-first.md", helpFirst) }),
            ("an owner back", { helpFirst = helpFirst.replacingOccurrences(of: "owner: leads", with: "owner: olena"); return ("principles/help-first.md", helpFirst) }),
            ("a facilitator", { briefing = briefing.replacingOccurrences(of: "facilitator: olena", with: "facilitator: leads"); return ("faq/briefing.md", briefing) }),
            ("a question", { briefing = briefing.replacingOccurrences(of: "Чи покарають мене?", with: "Чи покарають мене за таксі?"); return ("faq/briefing.md", briefing) }),
            ("a link under a question", { briefing = briefing.replacingOccurrences(of: "../policies/service.md", with: "../principles/listen.md"); return ("faq/briefing.md", briefing) }),
            ("a text", { taxi += "\n\nІ дочекався, поки клієнт сяде.\n"; return ("examples/taxi.md", taxi) }),
        ]
        for (what, edit) in edits {
            let (path, text) = edit()
            let update = try site.edit([path: text])
            #expect(update.published && !update.everything, "\(what)")
            try site.expectSameAsCleanBuild()
        }
        #expect(site.text("principles/listen/index.html").contains("Слухати до кінця"))
        #expect(site.text("principles/listen/index.html").contains("Що робити з ескалацією?"))
        #expect(site.text("principles/help-first/index.html").contains("Чи покарають мене за таксі?"))
    }

    /// A language's lists and A–Z show an entity by its page in that language, else its default-language
    /// page: a translation's retitle renders its language's alone, and when it goes, the default page takes its place.
    @Test func listsAndAToZOfALanguageFollowThePageThatStandsForAnEntityThere() throws {
        let site = try Live()
        let english = Fixture.handbook["principles/help-first.en.md"]!
        let title = try #require(english.split(separator: "\n").first { $0.hasPrefix("title: ") })
        var update = try site.edit(["principles/help-first.en.md": english.replacingOccurrences(of: String(title), with: "title: Help before anything")])
        #expect(update.changed.isSuperset(of: ["en/a-z/index.html", "en/principles/index.html"]))
        #expect(!update.changed.contains("a-z/index.html") && !update.changed.contains("principles/index.html"))
        #expect(site.text("en/a-z/index.html").contains("Help before anything"))
        try site.expectSameAsCleanBuild()
        let ukrainian = Fixture.handbook["principles/help-first.md"]!
        update = try site.edit(["principles/help-first.md": ukrainian.replacingOccurrences(of: "title: Спершу допомогти", with: "title: Спершу допоможіть")])
        #expect(update.changed.contains("a-z/index.html") && !update.changed.contains("en/a-z/index.html"))
        try site.expectSameAsCleanBuild()
        update = try site.edit(["principles/help-first.en.md": nil])
        #expect(update.changed.contains("en/a-z/index.html"))
        #expect(site.text("en/a-z/index.html").contains("Спершу допоможіть"))
        try site.expectSameAsCleanBuild()
    }

    /// A translation's index entry names its default-language page's owner too: after that owner changes,
    /// removing the translation reaches the new owner's pages (an edit that kept its entry said the old owner).
    @Test func aNewOwnerOfTheDefaultPageReachesItsTranslationsEntries() throws {
        let site = try Live()
        let edited = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "owner: leads", with: "owner: olena")
        _ = try site.edit(["principles/listen.md": edited])
        try site.expectSameAsCleanBuild()
        let update = try site.edit(["principles/listen.en.md": nil])
        #expect(update.changed.contains("en/people/olena/index.html"))
        try site.expectSameAsCleanBuild()
    }

    @Test func aBriefingsNewQuestionReachesThePrincipleItLinksTo() throws {
        let site = try Live()
        let edited = Fixture.handbook["faq/briefing.md"]! + "\n\n## А якщо клієнт кричить?\n\nДив. [вислухати](../principles/listen.md).\n"
        let update = try site.edit(["faq/briefing.md": edited])
        #expect(update.changed.contains("principles/listen/index.html"))
        #expect(site.text("principles/listen/index.html").contains("А якщо клієнт кричить?"))
        try site.expectSameAsCleanBuild()
    }

    @Test func pagesAddedAndRemovedRenderWhatShowsThemAndPeopleRebuildEverything() throws {
        let site = try Live()
        let added = """
            ---
            title: Дякувати
            owner: olena
            policy: service
            ---

            Текст.
            """
        var update = try site.edit(["principles/thank.md": added, "examples/thanked.md": """
            ---
            title: Подякувала
            verdict: good
            principles: [thank]
            ---

            Історія.
            """])
        #expect(update.published && !update.everything)
        #expect(site.live.files["principles/thank/index.html"] != nil)
        #expect(update.changed.isSuperset(of: ["principles/thank/index.html", "examples/thanked/index.html", "policies/service/index.html",
                                               "principles/index.html", "examples/index.html", "a-z/index.html", "sitemap.xml"]))
        #expect(!update.changed.contains("principles/listen/index.html"))
        // The two pages join the search in place: their two fragments are written, no other page's moves.
        let fragments = update.changed.filter { $0.hasPrefix("search/uk/f.") }
        #expect(fragments.count == 2, "\(fragments.sorted())")
        #expect(!update.changed.contains { $0.hasPrefix("search/en/") })
        try site.expectSameAsCleanBuild()

        update = try site.edit(["examples/heard.md": nil, "examples/callback.md": nil])
        // `listen` has no example left: the check fails and the last good build stays.
        #expect(!update.published)
        #expect(update.findings.contains { $0.rule == .principleExample })
        #expect(site.live.files["examples/heard/index.html"] != nil)
        update = try site.edit(["principles/listen.md": nil, "principles/listen.en.md": nil])
        #expect(update.published && update.findings.errorCount == 0)
        #expect(site.live.files["examples/heard/index.html"] == nil)
        #expect(site.live.files["principles/listen/index.html"] == nil && site.live.files["en/principles/listen/index.html"] == nil)
        try site.expectSameAsCleanBuild()

        update = try site.edit(["people.yml": Fixture.handbook["people.yml"]!.replacingOccurrences(of: "Олена Коваль", with: "Олена Коваль-Шевчук")])
        #expect(update.everything)
        #expect(site.text("policies/service/index.html").contains("Олена Коваль-Шевчук"))
        try site.expectSameAsCleanBuild()
    }

    /// The pages open in a browser are rendered first when an update renders them and more: they are
    /// published (the files hold them, the other pages as they were) and handed over before the rest is
    /// rendered; when the update is done, the files are a clean build's. Nothing open among the pages an
    /// update renders, or only open ones: one part.
    @Test func theOpenPagesAreRenderedFirst() throws {
        let site = try Live()
        let principle = "principles/help-first/index.html"
        try site.folder.write(Array("---\ntitle: Подякувала\nverdict: good\nprinciples: [help-first]\n---\n\nІсторія.\n".utf8),
                              to: "content/examples/thanked.md")
        var first: LiveBuild.Update?
        var aToZ = ""
        var update = site.live.apply([LiveChange(.content, "examples/thanked.md")], open: [principle, "a-z/missing.html"]) { shown in
            first = shown
            aToZ = site.text("a-z/index.html")
            #expect(site.text(principle).contains("Подякувала"))
        }
        update.changed.formUnion(site.live.refreshSearch())
        #expect(first?.changed == [principle] && first?.published == true)
        #expect(!aToZ.contains("Подякувала"), "A–Z was rendered with the open page")
        #expect(update.published && update.changedFirst == [principle])
        #expect(update.changed.isSuperset(of: ["a-z/index.html", "examples/thanked/index.html", "examples/index.html"]) && !update.changed.contains(principle))
        try site.expectSameAsCleanBuild()
        // An open page the update does not render: one part.
        first = nil
        try site.folder.write(Array("---\ntitle: Подякувала ще раз\nverdict: good\nprinciples: [help-first]\n---\n\nІсторія.\n".utf8),
                              to: "content/examples/thanked.md")
        let retitled = site.live.apply([LiveChange(.content, "examples/thanked.md")], open: ["policies/service/index.html"]) { first = $0 }
        _ = site.live.refreshSearch()
        #expect(first == nil && retitled.published && retitled.changedFirst.isEmpty)
        try site.expectSameAsCleanBuild()
    }

    /// A page that comes or goes makes again the index entries of the pages that show it, and keeps the
    /// others: after every page of the fixture is removed and put back, one by one, and after pages of every
    /// kind are added (a briefing whose question links to a principle reaches that principle's policy too),
    /// the live index is the one a state made whole from the same files has.
    @Test func theIndexAfterPagesCameOrWentIsTheOneMadeWhole() throws {
        let site = try Live()
        func expectWholeIndex(_ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let served = site.live.servedIndex, whole = site.live.indexMadeWhole()
            #expect(served != nil && served == whole, "\(what): \(Self.differingEntries(served, whole))", sourceLocation: sourceLocation)
            // The relations, updated for the pages that came or went, are the ones made from every page.
            let relations = site.live.servedRelations
            let wholeRelations = site.live.relationsMadeWhole()
            #expect(relations != nil && relations == wholeRelations, "\(what): the relations differ", sourceLocation: sourceLocation)
        }
        let pages = Fixture.handbook.keys.filter { $0.hasSuffix(".md") }.sorted()
        var published = 0
        for path in pages {
            let update = try site.edit([path: nil])
            if update.published {
                published += 1
                expectWholeIndex("\(path) removed")
            }
            #expect(try site.edit([path: Fixture.handbook[path]!]).published, "\(path) put back")
            expectWholeIndex("\(path) put back")
        }
        #expect(published >= 6, "only \(published) removals were published")
        let added: KeyValuePairs<String, String> = [
            "principles/thank.md": "---\ntitle: Дякувати\nowner: olena\npolicy: service\n---\n\nТекст.\n",
            "faq/second.md": "---\ntitle: Другий брифінг\ndate: 2025-04-01\nfacilitator: leads\n---\n\n## Як слухати?\n\nДив. [принцип](../principles/listen.md).\n",
            "examples/thanked.md": "---\ntitle: Подякувала\nverdict: good\nprinciples: [thank, listen]\n---\n\nІсторія.\n",
            "examples/taxi.en.md": "---\ntitle: A night taxi\nverdict: good\nprinciples: [help-first, listen]\nsource: call\n---\n\nA taxi.\n",
        ]
        // A principle comes with its one example.
        for paths in [["principles/thank.md", "examples/thanked.md"], ["faq/second.md"], ["examples/taxi.en.md"]] {
            let update = try site.edit(Dictionary(uniqueKeysWithValues: paths.map { path in (path, added.first { $0.key == path }?.value) }))
            #expect(update.published, "\(paths) added: \(update.findings.map(\.message))")
            expectWholeIndex("\(paths) added")
        }
        // An example moved to another principle, and a briefing's link to another principle: relations changed by an edit.
        let text = Dictionary(uniqueKeysWithValues: added.map { ($0.key, $0.value) })
        let moved = text["examples/thanked.md"]!.replacingOccurrences(of: "[thank, listen]", with: "[thank, help-first]")
        let relinked = text["faq/second.md"]!.replacingOccurrences(of: "listen.md", with: "thank.md")
        #expect(try site.edit(["examples/thanked.md": moved, "faq/second.md": relinked]).published)
        expectWholeIndex("relations edited")
        try site.expectSameAsCleanBuild()
        // A principle goes with its one example.
        for paths in [["examples/taxi.en.md"], ["faq/second.md"], ["examples/thanked.md", "principles/thank.md"]] {
            let update = try site.edit(Dictionary(uniqueKeysWithValues: paths.map { ($0, String?.none) }))
            #expect(update.published, "\(paths) removed: \(update.findings.map(\.message))")
            expectWholeIndex("\(paths) removed again")
        }
        try site.expectSameAsCleanBuild()
    }

    private static func differingEntries(_ one: SiteIndex?, _ other: SiteIndex?) -> [String] {
        guard let one, let other else { return ["no index"] }
        let paths = Set(one.pages.keys).union(other.pages.keys)
        let differing = paths.filter { one.pages[$0] != other.pages[$0] }.sorted()
        return differing.isEmpty ? ["the entries are equal; another field differs"] : differing
    }

    /// The live build checks an added page's output claims against the others' alone (`OutputClaims.Memo`):
    /// every kind of collision it can meet is still found, as a clean check finds it, and goes with the page.
    @Test func anAddedPageThatTakesAnotherAddressIsFoundAsACleanCheckFindsIt() throws {
        let site = try Live()
        func page(_ title: String) -> String { "---\ntitle: \(title)\n---\n\nТекст.\n" }
        func expectCollision(_ file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let (_, findings) = try SiteBuilder(options: Live.options(site.folder.path)).check()
            #expect(site.live.findings == findings, "the findings differ from a clean check's: \(Set(site.live.findings).symmetricDifference(findings).map(\.message))",
                    sourceLocation: sourceLocation)
            #expect(findings.contains { $0.rule == .outputCollision }, "no collision for \(file): \(findings.map(\.message))", sourceLocation: sourceLocation)
        }
        // Nothing collides: the claims of `notes.md` join the others'.
        #expect(try site.edit(["notes.md": page("Нотатки")]).published)
        try site.expectSameAsCleanBuild()
        let cases: [(file: String, why: String)] = [
            ("notes/index.md", "the same address as notes.md"),
            ("feed.xml.md", "a folder where the site writes its feed"),
            ("notes/index.html.md", "a folder where notes.md writes its page"),
            ("briefing/extra.md", "inside the folder of the briefing packs"),
        ]
        for (file, why) in cases {
            let update = try site.edit([file: page("Зайва")])
            #expect(!update.published, "\(file): \(why)")
            try expectCollision(file)
            #expect(try site.edit([file: nil]).published)
            try site.expectSameAsCleanBuild()
        }
        // A page folder that another page's later file needs: `deep/index.html.md` first, then `deep.md`.
        #expect(try site.edit(["deep/index.html.md": page("Глибока")]).published)
        #expect(!(try site.edit(["deep.md": page("Мілка")]).published))
        try expectCollision("deep.md")
        // Both gone, then `notes.md` too: the site is as a clean build of what is left.
        #expect(try site.edit(["deep/index.html.md": nil, "deep.md": nil, "notes.md": nil]).published)
        try site.expectSameAsCleanBuild()
    }

    @Test func errorsKeepTheLastGoodBuildAndEditsMadeMeanwhileArePublishedWithTheFix() throws {
        let site = try Live()
        let before = site.live.files
        let broken = Fixture.handbook["principles/listen.md"]!.replacingOccurrences(of: "owner: leads", with: "owner: ghost")
        var update = try site.edit(["principles/listen.md": broken])
        #expect(!update.published)
        #expect(update.findings.map(\.location.file).contains("principles/listen.md"))
        #expect(update.findings.contains { $0.rule == .principleOwner && $0.location.line == 3 })
        // Meanwhile another page is edited: nothing is published yet.
        let taxi = Fixture.handbook["examples/taxi.md"]!.replacingOccurrences(of: "замовив таксі", with: "замовив таксі й дочекався його")
        update = try site.edit(["examples/taxi.md": taxi])
        #expect(!update.published)
        #expect(site.live.files == before)
        // The fix publishes both edits.
        update = try site.edit(["principles/listen.md": Fixture.handbook["principles/listen.md"]!])
        #expect(update.published && update.findings.errorCount == 0)
        #expect(update.changed.contains("examples/taxi/index.html"))
        #expect(site.text("examples/taxi/index.html").contains("дочекався"))
        try site.expectSameAsCleanBuild()
    }

    @Test func aTemplateRendersEveryPageAndAStylesheetIsSwappedAlone() throws {
        let site = try Live(theme: ["templates/404.mustache": "<h1>{{title}}</h1>", "assets/style.css": "body { color: black; }"])
        var update = try site.edit(["templates/404.mustache": "<h1 class=\"lost\">{{title}}</h1>"], in: .theme)
        #expect(update.published && update.everything)
        #expect(site.text("404.html").contains("class=\"lost\""))
        try site.expectSameAsCleanBuild()

        update = try site.edit(["assets/style.css": "body { color: navy; }"], in: .theme)
        #expect(update.changed == ["assets/style.css"])
        #expect(update.stylesheetsOnly)
        #expect(site.text("assets/style.css") == "body { color: navy; }")
        try site.expectSameAsCleanBuild()

        // An asset added to the theme folder, then removed: it comes and goes.
        update = try site.edit(["assets/extra.css": "p { margin: 0; }"], in: .theme)
        #expect(site.text("assets/extra.css") == "p { margin: 0; }")
        update = try site.edit(["assets/extra.css": nil], in: .theme)
        #expect(update.changed.contains("assets/extra.css") && site.live.files["assets/extra.css"] == nil)
        try site.expectSameAsCleanBuild()

        // A template that does not compile is a finding; the last good build stays.
        update = try site.edit(["templates/404.mustache": "<h1>{{#title}}</h1>{{/lost}}"], in: .theme)
        #expect(!update.published)
        #expect(update.findings.contains { $0.rule == .theme && $0.location.file.hasSuffix("404.mustache") })
        #expect(site.text("404.html").contains("class=\"lost\""))
        update = try site.edit(["templates/404.mustache": "<h1>{{title}}!</h1>"], in: .theme)
        #expect(update.published && update.findings.isEmpty)
        try site.expectSameAsCleanBuild()
    }

    /// The list and A–Z entries kept from edit to edit (`PageValueMemo`) are made again when what they are
    /// made with changes: the theme's strings (an entry's kind), the settings (every address).
    @Test func keptEntriesFollowTheStringsAndTheSettings() throws {
        let strings = try #require(DefaultTheme.text("strings/uk.yml"))
        let site = try Live(theme: ["strings/uk.yml": strings])
        var update = try site.edit(["strings/uk.yml": strings.replacingOccurrences(of: "kind_principle: Принцип", with: "kind_principle: Правило")], in: .theme)
        #expect(update.published)
        #expect(site.text("a-z/index.html").contains("<span class=\"meta\">Правило</span>"))
        try site.expectSameAsCleanBuild()
        let settings = try #require(Fixture.handbook["handbook.yml"])
        update = try site.edit(["handbook.yml": settings.replacingOccurrences(of: "base_url: /", with: "base_url: /docs/")])
        #expect(update.published)
        #expect(site.text("a-z/index.html").contains("href=\"/docs/principles/listen/\""))
        try site.expectSameAsCleanBuild()
    }

    /// The home page shows the policies, not the principles: a principle's new title leaves it alone (the
    /// versions list, A–Z and the list follow), a policy's reaches it.
    @Test func theHomePageFollowsWhatItShows() throws {
        let site = try Live()
        let listen = Fixture.handbook["principles/listen.md"]!, service = Fixture.handbook["policies/service.md"]!
        var update = try site.edit(["principles/listen.md": listen.replacingOccurrences(of: "title: Вислухати", with: "title: Слухати до кінця")])
        var jobs: Set<JobID> = if case .only(let jobs) = update.plan?.pages { jobs } else { [] }
        #expect(!jobs.contains(.home(language: "uk")) && !jobs.contains(.home(language: "en")))
        #expect(jobs.isSuperset(of: [.versions(language: "uk"), .allPages(language: "uk"), .list(.principle, language: "uk")]))
        try site.expectSameAsCleanBuild()
        update = try site.edit(["policies/service.md": service.replacingOccurrences(of: "title: Політика обслуговування", with: "title: Політика сервісу")])
        jobs = if case .only(let jobs) = update.plan?.pages { jobs } else { [] }
        #expect(jobs.contains(.home(language: "uk")))
        #expect(site.text("index.html").contains("Політика сервісу"))
        try site.expectSameAsCleanBuild()
    }

    @Test func aNewPageMakesTheLinksToItResolve() throws {
        let site = try Live()
        // A link to a page that does not exist yet: an error, and the last good build stays.
        let linking = Fixture.handbook["principles/listen.md"]! + "\n\nДив. [вибачення](../principles/apologise.md).\n"
        var update = try site.edit(["principles/listen.md": linking])
        #expect(!update.published && update.findings.contains { $0.rule == .brokenLink })
        update = try site.edit(["principles/apologise.md": "---\ntitle: Вибачатися\nowner: olena\npolicy: service\n---\n\nТекст.\n",
                                "examples/sorry.md": "---\ntitle: Вибачилась\nverdict: good\nprinciples: [apologise]\n---\n\nІсторія.\n"])
        #expect(update.published && !update.everything)
        #expect(site.text("principles/listen/index.html").contains("href=\"/principles/apologise/\""))
        try site.expectSameAsCleanBuild()
    }

    @Test func pagesWithUncommittedChangesAreMarkedNotYetPublished() throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        try repo.commit("Handbook", author: "Olena", date: "2025-06-01T10:00:00", files: Fixture.handbook.mapValues { $0 })
        // Changed before the preview starts, and not committed.
        try repo.folder.write(["principles/listen.md": Fixture.handbook["principles/listen.md"]! + "\nЩе не в коміті.\n"])
        var options = BuildOptions(content: repo.path, output: "\(repo.path)/../Public-unused", includeDrafts: true, today: Day(year: 2026, month: 1, day: 1),
                                   history: true, fingerprintAssets: false)
        options.theme = nil
        let live = LiveBuild(options: options)
        #expect(live.rebuildAll().published)
        let banner = "class=\"draft-banner unpublished-banner\""
        let text = { (path: String) in String(decoding: live.files[path] ?? [], as: UTF8.self) }
        #expect(text("principles/listen/index.html").contains(banner))
        #expect(!text("principles/help-first/index.html").contains(banner))
        // A page saved while serving is marked too.
        try repo.folder.write(["examples/taxi.md": Fixture.handbook["examples/taxi.md"]! + "\nЗміна.\n"])
        #expect(live.apply([LiveChange(.content, "examples/taxi.md")]).published)
        #expect(text("examples/taxi/index.html").contains(banner))
        // A build never shows it.
        let sink = MemorySink()
        let builder = SiteBuilder(options: options)
        _ = try builder.render(try builder.check().0, to: sink)
        #expect(!(sink.text("principles/listen/index.html") ?? banner).contains(banner))
    }

    @Test func contentFilesAreCopiedAndRemoved() throws {
        let site = try Live()
        var update = try site.edit(["img/map.svg": "<svg/>"])
        #expect(update.changed == ["img/map.svg"])
        #expect(site.text("img/map.svg") == "<svg/>")
        try site.expectSameAsCleanBuild()
        update = try site.edit(["img/map.svg": nil])
        #expect(update.changed == ["img/map.svg"])
        #expect(site.live.files["img/map.svg"] == nil)
        try site.expectSameAsCleanBuild()
    }

    /// A link to a file that is not there holds the build back until the file comes, and again when it goes.
    @Test func aFileLinkedToThatComesOrGoesIsFoundAgain() throws {
        let site = try Live()
        let linking = Fixture.handbook["principles/listen.md"]! + "\n\n![Мапа](../img/map.svg)\n"
        var update = try site.edit(["principles/listen.md": linking])
        #expect(!update.published && update.findings.contains { $0.rule == .brokenLink }, "\(update.findings.map(\.message))")
        update = try site.edit(["img/map.svg": "<svg/>"])
        #expect(update.published, "the file came: \(update.findings.map(\.message))")
        try site.expectSameAsCleanBuild()
        update = try site.edit(["img/map.svg": nil])
        #expect(!update.published && update.findings.contains { $0.rule == .brokenLink }, "the file went: \(update.findings.map(\.message))")
    }
}
