import Foundation
import HandbookTestSupport
import Testing
import Yams

/// `handbook init`: a new handbook that passes `check` and builds, with CI files GitHub and GitLab accept.
@Suite struct InitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["uk", "ru", "en"])
    func aNewHandbookPassesCheckAndBuilds(language: String) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let started = try CLIRunner.run(["init", "new-handbook", "--lang", language], in: folder.path)
        #expect(started.status == 0, "\(started.stderr)")
        let root = "\(folder.path)/new-handbook"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { !$0.hasSuffix("/") }.sorted()
        for expected in [".gitignore", ".github/workflows/handbook.yml", ".gitlab-ci.yml", "README.md", "content/handbook.yml", "content/people.yml",
                         "content/policies/client-first.md", "content/principles/solve-dont-pass-on.md", "content/principles/say-when-and-keep-it.md",
                         "content/examples/taxi-home.md", "content/examples/not-my-department.md", "content/faq/first-briefing.md"] {
            #expect(files.contains(expected), "\(expected) not written: \(files)")
        }
        let settings = try String(contentsOfFile: "\(root)/content/handbook.yml", encoding: .utf8)
        #expect(settings.contains("languages: [\(language)]"))
        // Dates are today's (HANDBOOK_TODAY in the runner) and a year on; no placeholder is left anywhere.
        let policy = try String(contentsOfFile: "\(root)/content/policies/client-first.md", encoding: .utf8)
        #expect(policy.contains("effective: 2026-01-01") && policy.contains("review_by: 2027-01-01"))
        for file in files where !file.hasPrefix(".github") {
            let text = (try? String(contentsOfFile: "\(root)/\(file)", encoding: .utf8)) ?? ""
            #expect(!text.contains("{{"), "a placeholder left in \(file)")
        }

        let check = try CLIRunner.run(["check"], in: root)
        #expect(check.status == 0 && check.stdout == "no problems found\n", "\(check.stdout)\(check.stderr)")
        let strict = try CLIRunner.run(["check", "--strict"], in: root)
        #expect(strict.status == 0)

        _ = try GitRepo.run(["init", "-q", "-b", "main"], in: root)
        _ = try GitRepo.run(["add", "-A"], in: root)
        _ = try GitRepo.run(["commit", "-q", "-m", "Start the handbook"], in: root, author: "Author", date: "2026-01-01T09:00:00+02:00")
        let build = try CLIRunner.run(["build"], in: root)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOfFile: "\(root)/Public/principles/solve-dont-pass-on/index.html", encoding: .utf8)
        #expect(page.contains("examples/taxi-home/") && page.contains("examples/not-my-department/"))
        // The built site is what .gitignore leaves out.
        let status = try GitRepo.run(["status", "--porcelain"], in: root)
        #expect(status.isEmpty, "after a build git sees: \(status)")
    }

    @Test func itRefusesAFolderThatIsNotEmptyUnlessAskedAndThenKeepsWhatIsThere() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["README.md": "Our own README\n"])
        let refused = try CLIRunner.run(["init", "--lang", "en"], in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is not empty") && refused.stderr.contains("--force"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["README.md"])

        let forced = try CLIRunner.run(["init", "--lang", "en", "--force"], in: folder.path)
        #expect(forced.status == 0)
        #expect(folder.read("README.md") == "Our own README\n")
        #expect(forced.stderr.contains("kept README.md"))
        #expect(folder.exists("content/policies/client-first.md"))

        let file = try CLIRunner.run(["init", "README.md"], in: folder.path)
        #expect(file.status == 2 && file.stderr.contains("is a file"))
        let language = try CLIRunner.run(["init", "x", "--lang", "de"], in: folder.path)
        #expect(language.status != 0 && language.stderr.contains("uk, ru, en"))
    }

    @Test func theLanguageComesFromTheLocaleWhenNotGiven() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        for (locale, expected) in [("uk_UA.UTF-8", "uk"), ("ru_RU.UTF-8", "ru"), ("de_DE.UTF-8", "en"), ("C.UTF-8", "en")] {
            let result = try CLIRunner.run(["init", locale], in: folder.path, environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": locale])
            #expect(result.status == 0)
            #expect(folder.read("\(locale)/content/handbook.yml")?.contains("languages: [\(expected)]") == true, "\(locale)")
        }
    }

    /// The workflow files parse as YAML and have what GitHub Actions and GitLab CI require; the action they name is
    /// this repository's `action.yml`, with every input they pass declared.
    @Test func theCIFilesAreWhatGitHubAndGitLabAccept() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect(try CLIRunner.run(["init", "--lang", "en"], in: folder.path).status == 0)
        let version = try #require(try CLIRunner.run(["--version"], in: folder.path).stdout.split(separator: " ").dropFirst().first)

        let action = try #require(try Yams.compose(yaml: String(contentsOf: Self.repository.appendingPathComponent("action.yml"), encoding: .utf8)))
        #expect(action["name"]?.string == "Handbook" && action["description"]?.string?.isEmpty == false)
        #expect(action["runs"]?["using"]?.string == "composite")
        let inputs = Set(try #require(action["inputs"]?.mapping).keys.compactMap(\.string))
        for step in try #require(action["runs"]?["steps"]?.sequence) {
            #expect(step["run"] == nil || step["shell"]?.string == "bash", "a composite action's run step needs a shell")
        }

        let githubText = try #require(folder.read(".github/workflows/handbook.yml"))
        let github = try #require(try Yams.compose(yaml: githubText))
        #expect(github["name"]?.string == "Handbook")
        #expect(github["on"]?["push"]?["branches"]?.sequence?.compactMap(\.string) == ["main"])
        #expect(github["on"]?["pull_request"] != nil)
        let jobs = try #require(github["jobs"]?.mapping)
        #expect(Set(jobs.keys.compactMap(\.string)) == ["check", "publish"])
        var commands: [String] = []
        for (_, job) in jobs {
            #expect(job["runs-on"]?.string == "ubuntu-latest")
            let steps = try #require(job["steps"]?.sequence)
            #expect(!steps.isEmpty)
            for step in steps {
                #expect((step["uses"] == nil) != (step["run"] == nil), "a step has exactly one of uses and run")
                guard let uses = step["uses"]?.string else { continue }
                if uses.hasPrefix("actions/checkout@") { #expect(step["with"]?["fetch-depth"]?.int == 0, "the whole history") }
                if uses.hasPrefix("handbook-tool/handbook@") {
                    #expect(uses == "handbook-tool/handbook@v\(version)", "the released tool of this version")
                    let given = Set(try #require(step["with"]?.mapping).keys.compactMap(\.string))
                    #expect(given.isSubset(of: inputs), "inputs the action does not declare: \(given.subtracting(inputs))")
                    commands.append(step["with"]?["command"]?.string ?? "")
                }
            }
        }
        #expect(commands.sorted() == ["build", "check"])
        #expect(jobs["publish"]?["needs"]?.string == "check")
        #expect(jobs["publish"]?["permissions"]?["pages"]?.string == "write" && jobs["publish"]?["permissions"]?["id-token"]?.string == "write")

        let gitlabText = try #require(folder.read(".gitlab-ci.yml"))
        let gitlab = try #require(try Yams.compose(yaml: gitlabText))
        let stages = try #require(gitlab["stages"]?.sequence).compactMap(\.string)
        #expect(gitlab["variables"]?["GIT_DEPTH"]?.string == "0")
        #expect(gitlab["variables"]?["HANDBOOK_VERSION"]?.string == String(version))
        let keywords: Set<String> = ["variables", "stages", "include", "default", "workflow", "image", "services", "cache", "before_script", "after_script"]
        let top = try #require(gitlab.mapping)
        var jobNames: [String] = []
        for (key, job) in top {
            guard let name = key.string, !keywords.contains(name), !name.hasPrefix(".") else { continue }
            jobNames.append(name)
            let base = job["extends"]?.string.flatMap { gitlab[$0] }
            #expect(job["script"]?.sequence?.isEmpty == false, "\(name) needs a script")
            #expect((job["image"] ?? base?["image"]) != nil, "\(name) names its image")
            #expect(stages.contains(job["stage"]?.string ?? ""), "\(name)'s stage is one of \(stages)")
        }
        #expect(jobNames.sorted() == ["handbook-check", "pages"])
        #expect(gitlab["pages"]?["artifacts"]?["paths"]?.sequence?.compactMap(\.string) == ["public"])
        #expect(gitlab["pages"]?["script"]?.sequence?.last?.string?.contains("--output public") == true)
        // The repository's GitLab template is this same file, with no placeholder (it is included as it is), naming
        // this version and the tool's repository.
        let template = try String(contentsOf: Self.repository.appendingPathComponent("starter/common/dot-gitlab-ci.yml"), encoding: .utf8)
        #expect(template == folder.read(".gitlab-ci.yml"))
        #expect(template.contains("HANDBOOK_VERSION: \"\(version)\"") && template.contains("/raw/v\(version)/starter/common/dot-gitlab-ci.yml"),
                "bump the version in starter/common/dot-gitlab-ci.yml with the tool's")
        #expect(template.contains("https://github.com/handbook-tool/handbook/raw/v${HANDBOOK_VERSION}/Scripts/install"))
    }
}
