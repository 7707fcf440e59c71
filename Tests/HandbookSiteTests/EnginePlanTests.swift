import Foundation
import HandbookContent
import HandbookModel
import HandbookTheme
@testable import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookLive

/// The build cache and the preview server find the same input changes their own way (snapshots of the
/// input files; the watcher's events) and must come to the same plan: the one planner decides for both.
@Suite(.timeLimit(.minutes(20))) struct EnginePlanTests {
    /// One edit, as files written or removed and as the watcher reports it.
    struct Edit: CustomStringConvertible {
        var description: String
        var files: [String: String?]
        var watched: [LiveChange]
        /// Folders moved in (`from` outside the handbook → `to` inside) or out, as a whole.
        var moves: [(from: String, to: String)] = []
    }

    static func edits() -> [Edit] {
        let listen = Fixture.handbook["principles/listen.md"]!, taxi = Fixture.handbook["examples/taxi.md"]!
        let english = DefaultTheme.text("strings/en.yml")!, toc = DefaultTheme.text("templates/toc.mustache")!
        let extra = "---\ntitle: Ще один випадок\nverdict: good\nprinciples: [listen]\n---\n\nВислухали.\n"
        func ledger(_ name: String) -> String {
            let receipt = Receipt(policy: "service", language: "uk", version: "2025-01-01-abcdef0", name: name, date: "2025-12-01")
            return "- name: \(name)\n  language: uk\n  version: \(receipt.version)\n  date: \(receipt.date)\n  checksum: \(receipt.checksum)\n"
        }
        let service = Fixture.handbook["policies/service.md"]!
        return [
            Edit(description: "a page's text", files: ["content/principles/listen.md": listen.replacing("Текст.", with: "Новий текст.")],
                 watched: [LiveChange(.content, "principles/listen.md")]),
            Edit(description: "an example's title", files: ["content/examples/taxi.md": taxi.replacing("title: Таксі вночі", with: "title: Таксі опівночі")],
                 watched: [LiveChange(.content, "examples/taxi.md")]),
            Edit(description: "a principle's owner", files: ["content/principles/listen.md": listen.replacing("owner: leads", with: "owner: olena")],
                 watched: [LiveChange(.content, "principles/listen.md")]),
            Edit(description: "a page added", files: ["content/examples/again.md": extra], watched: [LiveChange(.content, "examples/again.md")]),
            Edit(description: "a page removed", files: ["content/examples/again.md": nil], watched: [LiveChange(.content, "examples/again.md")]),
            Edit(description: "a file added", files: ["content/files/form.txt": "form"], watched: [LiveChange(.content, "files/form.txt")]),
            Edit(description: "a file edited", files: ["content/files/form.txt": "form, v2"], watched: [LiveChange(.content, "files/form.txt")]),
            Edit(description: "a file removed", files: ["content/files/form.txt": nil], watched: [LiveChange(.content, "files/form.txt")]),
            Edit(description: "a template", files: ["theme/templates/toc.mustache": toc + "{{! ours }}"], watched: [LiveChange(.theme, "templates/toc.mustache")]),
            Edit(description: "UI strings", files: ["theme/strings/en.yml": english.replacing("Search", with: "Find")],
                 watched: [LiveChange(.theme, "strings/en.yml")]),
            Edit(description: "a theme asset", files: ["theme/assets/print.css": "/* theirs */"], watched: [LiveChange(.theme, "assets/print.css")]),
            Edit(description: "the settings", files: ["content/handbook.yml": Fixture.handbook["handbook.yml"]!.replacing("Test handbook", with: "Our handbook")],
                 watched: [LiveChange(.content, "handbook.yml")]),
            Edit(description: "the people", files: ["content/people.yml": Fixture.handbook["people.yml"]!.replacing("Head of CX", with: "Head of care")],
                 watched: [LiveChange(.content, "people.yml")]),
            Edit(description: "a ledger added", files: ["content/acknowledgements/service.yml": ledger("Олена Коваль")],
                 watched: [LiveChange(.content, "acknowledgements/service.yml")]),
            Edit(description: "a ledger edited", files: ["content/acknowledgements/service.yml": ledger("Олена Коваль") + ledger("Stranger")],
                 watched: [LiveChange(.content, "acknowledgements/service.yml")]),
            Edit(description: "a policy asks for acknowledgement", files: ["content/policies/service.md": service.replacing("applies_to: [staff, management]", with: "applies_to: [staff, partners]\nacknowledge: required")],
                 watched: [LiveChange(.content, "policies/service.md")]),
            Edit(description: "a folder moved in", files: ["outside/more/case.md": "# Ще одна сторінка\n\nТекст.\n"],
                 watched: [LiveChange(.content, "more/")], moves: [("outside/more", "content/more")]),
            Edit(description: "a folder moved out", files: [:], watched: [LiveChange(.content, "more/")], moves: [("content/more", "outside/more")]),
            // One batch (a checkout): the theme's folder must not be lost with the content's, which becomes its pages.
            Edit(description: "a content folder moved in and the theme's strings folder out, together",
                 files: [:], watched: [LiveChange(.content, "more/"), LiveChange(.theme, "strings/")],
                 moves: [("outside/more", "content/more"), ("theme/strings", "outside/strings")]),
        ]
    }

    @Test(arguments: [false, true])
    func theCacheAndTheServerPlanEveryKindOfChangeAlike(fingerprinted: Bool) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        try folder.write(["assets/print.css": "/* ours */"], under: "theme")
        let options = BuildOptions(content: "\(folder.path)/content", theme: "\(folder.path)/theme", output: "\(folder.path)/Public",
                                   today: Day(year: 2026, month: 1, day: 1), history: false, fingerprintAssets: fingerprinted, cache: true)
        #expect(try SiteBuilder(options: options).build().published)
        let live = LiveBuild(options: options)
        #expect(live.rebuildAll().published)
        var kinds: Set<String> = []
        for edit in Self.edits() {
            for (path, text) in edit.files {
                if let text { try folder.write(Array(text.utf8), to: path) } else { try FileManager.default.removeItem(atPath: "\(folder.path)/\(path)") }
            }
            for move in edit.moves { try FileManager.default.moveItem(atPath: "\(folder.path)/\(move.from)", toPath: "\(folder.path)/\(move.to)") }
            let report = try SiteBuilder(options: options).build()
            let update = live.apply(edit.watched)
            #expect(report.published && update.published, "\(edit)")
            let cached = try #require(report.plan, "\(edit): the cache made no plan")
            #expect(update.plan == cached, "\(edit): the cache planned \(cached.summary), the server \(update.plan?.summary ?? "nothing")")
            kinds.insert(cached.isEverything ? "everything" : "part")
        }
        // The table reaches both answers.
        #expect(kinds == ["everything", "part"])
    }

    /// A template that does not compile is one finding, at its file, line and column, in `build` and in `serve`.
    @Test func aBrokenTemplateIsTheSameFindingInABuildAndInServe() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(Fixture.handbook, under: "content")
        try folder.write(["templates/toc.mustache": "<nav>\n  <ul>\n  {{#items}}<li>{{title}}</li>{{/item}}\n</nav>\n"], under: "theme")
        let options = BuildOptions(content: "\(folder.path)/content", theme: "\(folder.path)/theme", output: "\(folder.path)/Public",
                                   today: Day(year: 2026, month: 1, day: 1), history: false)
        var built: Diagnostic?
        do { _ = try SiteBuilder(options: options).build() } catch let error as BuildError { built = error.diagnostic }
        let finding = try #require(built, "the build stops")
        #expect(finding.rule == .theme && finding.location.file == "theme/templates/toc.mustache" && finding.location.line == 3, "\(finding)")
        #expect(!folder.exists("Public"))
        let served = try #require(LiveBuild(options: options).rebuildAll().findings.first { $0.rule == .theme })
        #expect(served.location == finding.location && served.message == finding.message)
    }
}
