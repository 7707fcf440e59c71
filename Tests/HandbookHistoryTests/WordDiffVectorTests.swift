import Foundation
import Testing
@testable import HandbookHistory

/// The cases of `Tests/WordDiffVectors/word-diff.json`, which the history page's script must also pass in
/// Chromium (`VersionBrowserTests`): the Swift diff and the JavaScript one give the same parts, counts and HTML.
@Suite struct WordDiffVectorTests {
    struct Case {
        var name, old, new, html: String
        var parts: [WordDiff.Part]
        var inserted, deleted: Int
    }

    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WordDiffVectors/word-diff.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return (json?["cases"] as? [[String: Any]] ?? []).map { item in
            let parts = (item["parts"] as? [[String]] ?? []).map { part -> WordDiff.Part in
                part[0] == "+" ? .inserted(part[1]) : part[0] == "-" ? .deleted(part[1]) : .same(part[1])
            }
            return Case(name: item["name"] as? String ?? "", old: item["old"] as? String ?? "", new: item["new"] as? String ?? "",
                        html: item["html"] as? String ?? "", parts: parts, inserted: item["inserted"] as? Int ?? -1, deleted: item["deleted"] as? Int ?? -1)
        }
    }

    @Test func swiftGivesEveryVector() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 20)
        for vector in cases {
            let diff = WordDiff(old: vector.old, new: vector.new)
            #expect(diff.parts == vector.parts, "\(vector.name)")
            #expect(diff.insertedWords == vector.inserted && diff.deletedWords == vector.deleted, "\(vector.name)")
            #expect(diff.html(inserted: "added", deleted: "removed") == vector.html, "\(vector.name)")
        }
    }
}
