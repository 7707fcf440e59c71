import Foundation
import HandbookSite
import HandbookTestSupport
import Testing

@Suite struct AtomicPublishTests {
    @Test func aBuildWithErrorsLeavesThePreviousOutputExactlyAsItWas() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        let before = harness.folder.files(under: "Public").map { ($0, harness.site.html($0)) }
        try harness.folder.write(["principles/listen.md": "---\ntitle: X\nowner: ghost\n---\n"], under: "content")
        let report = try harness.build()
        #expect(!report.published)
        #expect(report.diagnostics.contains { $0.rule == .principleOwner })
        let after = harness.folder.files(under: "Public").map { ($0, harness.site.html($0)) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(zip(before, after).allSatisfy { $0.1 == $1.1 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.folder.path).sorted() == ["Public", "content"])
    }

    @Test func aSuccessfulBuildReplacesTheWholeOutputAndTheNextOneRemovesTheOld() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        try harness.folder.write(["Public/stale.html": "old"])
        try harness.build()
        #expect(!harness.site.exists("stale.html"))
        #expect(harness.site.exists("index.html"))
        // The old output waits beside the new one until the next build deletes it in the background.
        let entries = try FileManager.default.contentsOfDirectory(atPath: harness.folder.path).sorted()
        #expect(entries.count == 3 && entries[0].hasPrefix(".Public.trash-") && Array(entries.dropFirst()) == ["Public", "content"])
        #expect(harness.folder.read("\(entries[0])/stale.html") == "old")
        try harness.folder.write(["content/about.md": "# About\n"])
        try harness.build()
        #expect(harness.site.exists("about/index.html"))
        #expect(!harness.folder.exists(entries[0]), "the next build deletes the old output")
    }

    @Test func unsafeOutputFoldersAreRefused() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        for output in [harness.content, harness.folder.path, "/", "\(harness.content)/site"] {
            let options = BuildOptions(content: harness.content, output: output, today: harness.options().today)
            #expect(throws: SiteBuilder.BuildError.self) { try SiteBuilder(options: options).build() }
        }
        #expect(harness.folder.files(under: "content").count == Fixture.handbook.count)
    }

    @Test func aFolderNotMadeByHandbookIsNotReplaced() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.folder.write(["Public/precious.txt": "keep me"])
        #expect(throws: SiteBuilder.BuildError.self) { try harness.build() }
        #expect(harness.folder.read("Public/precious.txt") == "keep me")
    }
}
