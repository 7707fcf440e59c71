import Foundation
import HandbookModel
@testable import HandbookLive
@testable import HandbookSite
import HandbookTestSupport
import Testing

/// Random sequences of edits, each of a kind the planner treats its own way (a title, a summary, an
/// owner, an example's principles or verdict, a briefing's question, a body, a page added, removed or
/// made a draft, a translation, the English home intro, a file), applied one after the other: after every one, the cached build and the live
/// build must each equal a clean build of the same files, byte for byte.
@Suite(.timeLimit(.minutes(20))) struct EngineFuzzTests {
    /// The handbook's files as they are now, and one random edit of them: the paths it wrote or removed.
    struct Edits {
        var files = Fixture.handbook
        var added: [String] = []
        var count = 0

        mutating func random(using generator: inout SplitMix) -> [String: String?] {
            count += 1
            let n = count
            let principles = ["[help-first]", "[listen]", "[help-first, listen]"]
            switch Int.random(in: 0..<14, using: &generator) {
            case 0:
                let path = ["examples/taxi.md", "examples/heard.md", "principles/listen.md", "principles/help-first.en.md", "policies/service.md",
                            "faq/briefing.md", "index.md"].randomElement(using: &generator)!
                return change(path) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: \(n) ") }
            case 1:
                // Each principle keeps one example (taxi for help-first, heard for listen): the content stays valid.
                let path = ["examples/callback.md", "examples/heard.md"].randomElement(using: &generator)!
                let chosen = (path == "examples/heard.md" ? ["[listen]", "[help-first, listen]"] : principles).randomElement(using: &generator)!
                return change(path) { text in
                    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("principles: ") ? "principles: \(chosen)" : String($0) }
                        .joined(separator: "\n")
                }
            case 2:
                let path = ["principles/listen.md", "principles/help-first.md"].randomElement(using: &generator)!
                return change(path) { $0.contains("owner: leads") ? $0.replacingOccurrences(of: "owner: leads", with: "owner: olena")
                    : $0.replacingOccurrences(of: "owner: olena", with: "owner: leads") }
            case 3:
                let path = files.keys.filter { $0.hasSuffix(".md") }.sorted().randomElement(using: &generator)!
                return change(path) { $0 + "\n\nАбзац \(n).\n" }
            case 4:
                let path = "examples/new-\(n).md"
                added.append(path)
                return change(path) { _ in
                    "---\ntitle: Випадок \(n)\nverdict: \(n % 2 == 0 ? "good" : "bad")\nprinciples: \(principles[n % 3])\n---\n\nТекст \(n).\n" }
            case 5:
                guard !added.isEmpty else { return random(using: &generator) }
                let path = added.remove(at: Int.random(in: 0..<added.count, using: &generator))
                files[path] = nil
                return [path: nil]
            case 6:
                return change("faq/briefing.md") { $0 + "\n\n## Питання \(n)?\n\nДив. [принцип](../principles/listen.md).\n" }
            case 7:
                return change("principles/help-first.md") { $0.replacingOccurrences(of: "\nsummary: ", with: "\nsummary: \(n) ") }
            case 8:
                guard let path = added.randomElement(using: &generator) else { return random(using: &generator) }
                return change(path) { $0.contains("verdict: good") ? $0.replacingOccurrences(of: "verdict: good", with: "verdict: bad")
                    : $0.replacingOccurrences(of: "verdict: bad", with: "verdict: good") }
            case 9:
                guard let path = added.randomElement(using: &generator) else { return random(using: &generator) }
                return change(path) { $0.contains("draft: true\n") ? $0.replacingOccurrences(of: "draft: true\n", with: "")
                    : $0.replacingOccurrences(of: "---\ntitle:", with: "---\ndraft: true\ntitle:") }
            case 10:
                // A translation (its language switch, the other language's lists) or the English home intro, there or not.
                let path = Bool.random(using: &generator) ? "examples/taxi.en.md" : "index.en.md"
                if files[path] != nil {
                    files[path] = nil
                    return [path: nil]
                }
                return change(path) { _ in path == "index.md" || path == "index.en.md" ? "---\ntitle: Handbook\n---\n\nIntro \(n).\n"
                    : "---\ntitle: Night taxi \(n)\nverdict: good\nprinciples: \(principles[n % 3])\n---\n\nA taxi.\n" }
            case 11:
                // A briefing's link moved under the next question, before that question's own link: the links keep
                // their order, but the principle lists the question it is under.
                return change("faq/briefing.md") { text in
                    let link = "Див. [принцип](../principles/help-first.md).", policy = "Див. [політику](../policies/service.md)."
                    if text.contains("Ні, \(link)") {
                        return text.replacingOccurrences(of: "Ні, \(link)", with: "Ні.").replacingOccurrences(of: policy, with: "\(link) \(policy)")
                    }
                    return text.replacingOccurrences(of: "\(link) \(policy)", with: policy).replacingOccurrences(of: "Ні.", with: "Ні, \(link)")
                }
            case 12:
                // An empty summary: cards show the first sentence, which this edit changes.
                return change("examples/heard.md") { text in
                    let base = text.contains("summary: \"\"") ? text : text.replacingOccurrences(of: "\nverdict: ", with: "\nsummary: \"\"\nverdict: ")
                    return base.replacingOccurrences(of: "---\n\n", with: "---\n\nРечення \(n). ")
                }
            default:
                if files["files/form.txt"] != nil, Bool.random(using: &generator) {
                    files["files/form.txt"] = nil
                    return ["files/form.txt": nil]
                }
                return change("files/form.txt") { _ in "form \(n)" }
            }
        }

        private mutating func change(_ path: String, _ edit: (String) -> String) -> [String: String?] {
            let text = edit(files[path] ?? "")
            files[path] = text
            return [path: text]
        }
    }

    @Test(arguments: Array(UInt64(100)...UInt64(111)))
    func everyCachedAndLiveBuildEqualsACleanOne(seed: UInt64) throws {
        var generator = SplitMix(seed: seed)
        var edits = Edits()
        let cached = try IncrementalBuildTests.Handbook()
        defer { cached.remove() }
        #expect(try cached.build().published)
        let live = try LiveBuildTests.Live()
        var partial = 0
        for step in 1...12 {
            let edit = edits.random(using: &generator)
            var inRepository: [String: String?] = [:]
            for (path, text) in edit { inRepository["content/\(path)"] = text }
            try cached.edit(inRepository)
            let report = try cached.build()
            #expect(report.published, "step \(step) \(edit.keys.sorted()): \(report.diagnostics.filter { $0.severity == .error })")
            if report.plan.map({ !$0.isEverything }) ?? false { partial += 1 }
            try cached.expectSameAsCleanBuild()
            let update = try live.edit(edit)
            #expect(update.published, "step \(step): \(update.findings.filter { $0.severity == .error })")
            try live.expectSameAsCleanBuild()
        }
        #expect(partial > 0, "some edits were planned in part")
    }
}
