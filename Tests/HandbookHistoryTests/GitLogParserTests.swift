import HandbookModel
import Testing
@testable import HandbookHistory

@Suite struct GitLogParserTests {
    func record(_ hash: String, _ author: String, _ date: String, _ subject: String, trailer: String = "", _ changes: String) -> String {
        "\u{1E}\(hash)\u{1F}\(author)\u{1F}\(author.lowercased())@example.org\u{1F}\(date)\u{1F}\(subject)\u{1F}\(trailer)\u{1F}\u{1F}\n\n\(changes)\n"
    }

    @Test func followsRenamesAndReadsTrailers() {
        let log = [
            record("c3", "Olena", "2025-03-03T10:00:00+02:00", "Fix typo", trailer: "editorial", "M\tprinciples/help-first.md"),
            record("c2", "Taras", "2025-02-02T10:00:00+02:00", "Rename", "R092\tprinciples/help.md\tprinciples/help-first.md\nM\tpolicies/p.md"),
            record("c1", "Iryna", "2025-01-01T10:00:00+02:00", "Start", "A\tprinciples/help.md\nA\tpolicies/p.md\nA\tgone.md"),
        ].joined()
        let revisions = GitLogParser.parse(Array(log.utf8), currentPaths: ["principles/help-first.md", "policies/p.md"])
        let help = revisions["principles/help-first.md"] ?? []
        #expect(help.map(\.commit) == ["c3", "c2", "c1"])
        #expect(help.map(\.path) == ["principles/help-first.md", "principles/help-first.md", "principles/help.md"])
        #expect(help.map(\.isEditorial) == [true, false, false])
        #expect(help[0].date == Day("2025-03-03") && help[0].author == "Olena" && help[0].subject == "Fix typo")
        #expect(revisions["policies/p.md"]?.map(\.commit) == ["c2", "c1"])
        #expect(revisions["gone.md"] == nil)
    }

    @Test func rawLinesGiveEachRevisionItsBlob() {
        let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40), c = String(repeating: "c", count: 40)
        let zero = String(repeating: "0", count: 40)
        let log = [
            record("c3", "Olena", "2025-03-03T10:00:00+02:00", "Edit", ":100644 100644 \(b) \(c) M\tprinciples/help-first.md"),
            record("c2", "Taras", "2025-02-02T10:00:00+02:00", "Rename", ":100644 100644 \(a) \(b) R090\tprinciples/help.md\tprinciples/help-first.md"),
            record("c1", "Iryna", "2025-01-01T10:00:00+02:00", "Start", ":000000 100644 \(zero) \(a) A\tprinciples/help.md"),
        ].joined()
        let help = GitLogParser.parse(Array(log.utf8), currentPaths: ["principles/help-first.md"])["principles/help-first.md"] ?? []
        #expect(help.map(\.commit) == ["c3", "c2", "c1"])
        #expect(help.map(\.blob) == [c, b, a])
        #expect(help.map(\.path) == ["principles/help-first.md", "principles/help-first.md", "principles/help.md"])
    }

    @Test func catFileBatchOutputIsSplitIntoBlobs() {
        let output = Array("aaa blob 5\nhello\nbbb missing\nccc blob 0\n\n".utf8)
        let blobs = BlobReader.parse(output, count: 3)
        #expect(blobs.map { $0.map { String(decoding: $0, as: UTF8.self) } } == ["hello", nil, ""])
    }
}
