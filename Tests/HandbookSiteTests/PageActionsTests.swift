import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// "Edit this page", "Propose a change" and "Ask the owner" under each forge's URL form.
@Suite struct PageActionsTests {
    @Test func eachForgeGivesItsOwnAddressesForAFile() throws {
        let file = "docs/handbook/principles/клієнт перш за все.md"
        let encoded = "docs/handbook/principles/%D0%BA%D0%BB%D1%96%D1%94%D0%BD%D1%82%20%D0%BF%D0%B5%D1%80%D1%88%20%D0%B7%D0%B0%20%D0%B2%D1%81%D0%B5.md"
        let github = try #require(Forge(repository: "https://github.com/acme/handbook.git/"))
        #expect(github.kind == .github && github.base == "https://github.com/acme/handbook")
        #expect(github.editURL(file) == "https://github.com/acme/handbook/edit/main/\(encoded)")
        #expect(github.viewURL("a.md") == "https://github.com/acme/handbook/blob/main/a.md")
        #expect(github.newIssueURL(title: "A & B", body: "x=1\n#2") == "https://github.com/acme/handbook/issues/new?title=A%20%26%20B&body=x%3D1%0A%232")
        #expect(github.commitURL("abc") == "https://github.com/acme/handbook/commit/abc")
        #expect(Forge(repository: "https://github.acme.com/cx/handbook")?.kind == .github, "GitHub Enterprise")

        let gitlab = try #require(Forge(repository: "https://gitlab.com/acme/cx/handbook", branch: "release/2026"))
        #expect(gitlab.kind == .gitlab)
        #expect(gitlab.editURL("content/a.md") == "https://gitlab.com/acme/cx/handbook/-/edit/release/2026/content/a.md", "nested groups, a branch with a slash")
        #expect(gitlab.viewURL("content/a.md") == "https://gitlab.com/acme/cx/handbook/-/blob/release/2026/content/a.md")
        #expect(gitlab.newIssueURL(title: "T", body: "B") == "https://gitlab.com/acme/cx/handbook/-/issues/new?issue%5Btitle%5D=T&issue%5Bdescription%5D=B")
        #expect(gitlab.commitURL("abc") == "https://gitlab.com/acme/cx/handbook/-/commit/abc")
        #expect(Forge(repository: "https://gitlab.acme.internal/cx/handbook")?.kind == .gitlab, "self-hosted GitLab")

        let codeberg = try #require(Forge(repository: "https://codeberg.org/acme/handbook"))
        #expect(codeberg.kind == .gitea)
        #expect(codeberg.editURL("content/a.md") == "https://codeberg.org/acme/handbook/_edit/main/content/a.md")
        #expect(codeberg.viewURL("content/a.md") == "https://codeberg.org/acme/handbook/src/branch/main/content/a.md")
        #expect(codeberg.newIssueURL(title: "T", body: "B") == "https://codeberg.org/acme/handbook/issues/new?title=T&body=B")
        #expect(Forge(repository: "https://forgejo.acme.com/cx/handbook")?.kind == .gitea)

        // A host that does not say: only with `forge:`; never an address that is not a repository's.
        #expect(Forge(repository: "https://git.acme.com/cx/handbook") == nil)
        #expect(Forge(repository: "https://git.acme.com/cx/handbook", kind: .gitea)?.editURL("a.md") == "https://git.acme.com/cx/handbook/_edit/main/a.md")
        #expect(Forge(repository: "javascript:alert(1)//github.com/a/b") == nil)
        #expect(Forge(repository: "https://github.com/") == nil)
        #expect(Forge(repository: "https://github.com/acme") == nil)
        #expect(Forge(repository: "https://github.com/acme/handbook?x=1") == nil)
        #expect(Forge(repository: "https://evil.example#.github.com/a/b") == nil, "the host ends at '#'")
        #expect(Forge(repository: "https://evil.example?.github.com/a/b") == nil)
        #expect(Forge(repository: "https://github.com/acme/handbook/tree/dev")?.base == "https://github.com/acme/handbook", "a page of the repository")
        #expect(Forge(repository: "https://gitlab.com/acme/cx/handbook/-/tree/main")?.base == "https://gitlab.com/acme/cx/handbook")
        #expect(Forge.problem("https://git.acme.com/cx/handbook", kind: nil)?.contains("forge: github") == true)
        #expect(Forge.problem("https://github.com/acme", kind: nil)?.contains("names no repository") == true)
    }

    /// A handbook in a subfolder of its repository on each forge: every kind of page links to its own file there, the
    /// issue names the page, file and version, and the owner's mail the title and version.
    @Test(arguments: [
        ("repository: https://github.com/acme/cx", "https://github.com/acme/cx/edit/main/docs/handbook/", "https://github.com/acme/cx/issues/new?title="),
        ("repository: https://gitlab.com/acme/cx/handbook\nrepository_branch: trunk", "https://gitlab.com/acme/cx/handbook/-/edit/trunk/docs/handbook/",
         "https://gitlab.com/acme/cx/handbook/-/issues/new?issue%5Btitle%5D="),
        ("repository: https://git.acme.com/cx/handbook\nforge: gitea", "https://git.acme.com/cx/handbook/_edit/main/docs/handbook/",
         "https://git.acme.com/cx/handbook/issues/new?title="),
    ])
    func everyPageLinksToItsFileOnTheForge(settings: String, edit: String, issue: String) throws {
        let repo = try GitRepo()
        defer { repo.remove() }
        var files: [String: String?] = [:]
        for (path, text) in Fixture.handbook { files["docs/handbook/\(path)"] = path == "handbook.yml" ? text + "\n" + settings + "\n" : text }
        try repo.commit("Start", author: "Olena Koval", date: "2025-10-01T09:00:00+03:00", files: files)
        let version = "2025-10-01-" + String(try repo.git(["rev-parse", "HEAD"]).prefix(7))
        let options = BuildOptions(content: "\(repo.path)/docs/handbook", output: "\(repo.path)/Public", today: Day(year: 2026, month: 1, day: 1))
        let report = try SiteBuilder(options: options, progress: SilentProgress()).build()
        #expect(report.published)
        #expect(!report.notes.contains { $0.contains("forge") })
        let site = BuiltSite(root: "\(repo.path)/Public")
        for (page, file) in [("policies/service/index.html", "policies/service.md"), ("en/policies/service/index.html", "policies/service.en.md"),
                             ("principles/help-first/index.html", "principles/help-first.md"), ("index.html", "index.md")] {
            let html = site.html(page)
            let actions = try #require(html.components(separatedBy: "class=\"page-actions\"").dropFirst().first, "\(page) has no page actions")
            #expect(actions.contains("href=\"\(edit)\(file)\""), "\(page): \(actions.prefix(400))")
            #expect(actions.contains("href=\"\(issue)"))
        }
        let policy = site.html("policies/service/index.html")
        let propose = try #require(Self.href(in: policy, before: "Запропонувати зміну"))
        let body = try #require(Self.query(propose, issue.contains("gitlab") ? "issue[description]" : "body"))
        #expect(body.contains("https://cx.example.com/policies/service/") && body.contains("docs/handbook/policies/service.md") && body.contains(version))
        let ask = try #require(Self.href(in: policy, before: "Запитати власника"))
        #expect(ask.hasPrefix("mailto:olena@example.org?subject="))
        let subject = try #require(Self.query(ask, "subject"))
        #expect(subject == "Питання щодо: Політика обслуговування (Версія \(version))")
        // An example asks its principle's owner; a page nobody owns has no "Ask the owner".
        let example = site.html("examples/taxi/index.html")
        let exampleAsk = try #require(Self.href(in: example, before: "Запитати власника"))
        #expect(exampleAsk.hasPrefix("mailto:olena@example.org?subject=") && Self.query(exampleAsk, "subject")?.contains("Таксі вночі") == true)
        #expect(!(site.html("index.html")).contains("Запитати власника"))
    }

    @Test func aRepositoryOnAnUnknownHostHasNoEditLinksAndTheBuildSaysWhy() throws {
        let harness = try SiteHarness(Fixture.with(["handbook.yml": Fixture.handbook["handbook.yml"]! + "\nrepository: https://git.acme.com/cx/handbook\n"]))
        defer { harness.remove() }
        let report = try harness.build()
        #expect(report.notes.contains { $0.contains("forge: github") })
        let html = harness.site.html("policies/service/index.html")
        #expect(!html.contains("Редагувати сторінку") && html.contains("Запитати власника"))
    }

    static func href(in html: String, before label: String) -> String? {
        guard let end = html.range(of: "\">\(label)</a>") else { return nil }
        guard let start = html[..<end.lowerBound].range(of: "href=\"", options: .backwards) else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func query(_ url: String, _ name: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
    }
}
