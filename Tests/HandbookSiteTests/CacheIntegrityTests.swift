import Foundation
import HandbookModel
@testable import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookOutput

/// A cache damaged in any of its files is discarded and the site rebuilt: the next build equals a clean
/// one. Leftovers of killed builds go, the output may be a symbolic link, and a cache that cannot be saved
/// says so and leaves nothing behind.
@Suite(.timeLimit(.minutes(20))) struct CacheIntegrityTests {
    typealias Handbook = IncrementalBuildTests.Handbook

    static let files = ["state.json", "inputs", "outputs", "pages", "git-log"]

    enum Damage: String, CaseIterable {
        case truncatedHalf, flippedByte, scrambledHex, emptied, removedLine

        func apply(to bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .truncatedHalf: return Array(bytes.prefix(bytes.count / 2))
            case .flippedByte:
                var bytes = bytes
                bytes[bytes.count * 2 / 3] ^= 0x01
                return bytes
            case .scrambledHex:
                // A hex digit in the last line changed to another hex digit: still parses, must not verify.
                var bytes = bytes
                if let index = bytes.indices.reversed().first(where: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }) {
                    bytes[index] = bytes[index] == UInt8(ascii: "7") ? UInt8(ascii: "8") : UInt8(ascii: "7")
                }
                return bytes
            case .emptied: return []
            case .removedLine:
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
                if lines.count > 2 { lines.remove(at: lines.count / 2) }
                return Array(lines.joined(separator: [10]))
            }
        }
    }

    @Test(arguments: CacheIntegrityTests.files)
    func aDamagedCacheFileIsDiscardedAndTheSiteRebuilt(_ file: String) throws {
        for damage in Damage.allCases {
            let handbook = try Handbook()
            defer { handbook.remove() }
            // Two revisions of one page, so a history read from a damaged log would show one.
            try handbook.repo.commit("Listen: more", author: "Olena Koval", date: "2025-11-01T09:00:00+03:00",
                                     files: ["content/principles/listen.md": Fixture.handbook["principles/listen.md"]! + "\nБільше.\n"])
            try handbook.build()
            let path = "\(handbook.repo.path)/.handbook-cache/Public/\(file)"
            let bytes = try #require(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, "\(file) is saved")
            try Data(damage.apply(to: bytes)).write(to: URL(fileURLWithPath: path))
            try handbook.edit(["content/examples/taxi.md": Fixture.handbook["examples/taxi.md"]! + "\nЩе.\n"])
            let report = try handbook.build()
            #expect(report.published)
            try handbook.expectSameAsCleanBuild()
            // And the cache it saved is whole again: the next build has nothing to do.
            #expect(try handbook.build().incremental == .upToDate, "\(file), \(damage)")
        }
    }

    @Test func aCacheOfAnotherGenerationIsNotMixedIn() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let folder = "\(handbook.repo.path)/.handbook-cache/Public"
        let oldOutputs = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/outputs"))
        try handbook.edit(["content/about.md": "# Про нас\n"])
        try handbook.build()
        // The outputs of the build before, whole and verified on their own, beside the newer files.
        try oldOutputs.write(to: URL(fileURLWithPath: "\(folder)/outputs"))
        try handbook.edit(["content/about.md": nil])
        #expect(try handbook.build().published)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aCacheRestoredFromAnEarlierBuildIsNotTrusted() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let cache = "\(handbook.repo.path)/.handbook-cache"
        let saved = "\(handbook.repo.path)/saved-cache"
        try FileManager.default.copyItem(atPath: cache, toPath: saved)
        try handbook.edit(["content/about.md": "# Про нас\n"])
        try handbook.build()
        // The content as it was for the saved cache, and that cache back, as a CI cache restore would do;
        // its output folder's inode forged to the current one's (a file system may reuse inodes).
        try handbook.edit(["content/about.md": nil])
        try FileManager.default.removeItem(atPath: cache)
        try FileManager.default.copyItem(atPath: saved, toPath: cache)
        let store = BuildCache(output: URL(fileURLWithPath: handbook.output))
        var state = try #require(store.state())
        let identity = try #require(BuildCache.identity(of: handbook.output))
        state.outputDevice = identity.device
        state.outputInode = identity.inode
        try store.save(state: state, inputs: try #require(store.inputs(generation: state.generation)),
                       outputs: try #require(store.outputs(generation: state.generation)),
                       index: try #require(store.index(generation: state.generation)), gitLog: store.gitLog(generation: state.generation))
        // The output still holds the newer build's about page: only the marker's stamp tells the cache is not its.
        #expect(FileManager.default.fileExists(atPath: "\(handbook.output)/about/index.html"))
        let report = try handbook.build()
        #expect(report.incremental != .upToDate)
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aFileDeletedFromTheOutputIsBuiltAgain() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        try FileManager.default.removeItem(atPath: "\(handbook.output)/principles/listen/index.html")
        try handbook.edit(["content/about.md": "# Про нас\n"])
        let report = try handbook.build()
        #expect(report.published && report.notes.contains { $0.contains("missing from the output") }, "\(report.notes)")
        try handbook.expectSameAsCleanBuild()
    }

    @Test func aBuildKilledWhileDeletingTheOldOutputIsFinishedByTheNextOne() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        // A deletion killed half-way (its marker still there), one killed after its marker went (empty),
        // and a folder of the same name that is not ours.
        try harness.folder.write([".Public.trash-1-1/\(AtomicPublisher.marker)": "", ".Public.trash-1-1/a/b.html": "x"])
        try FileManager.default.createDirectory(atPath: "\(harness.folder.path)/.Public.trash-1-2", withIntermediateDirectories: true)
        try harness.folder.write([".Public.trash-1-3/mine.txt": "keep"])
        try harness.build()
        #expect(!harness.folder.exists(".Public.trash-1-1") && !harness.folder.exists(".Public.trash-1-2"))
        #expect(harness.folder.read(".Public.trash-1-3/mine.txt") == "keep")
    }

    @Test func deletingAFolderOfOursRemovesItsMarkerLast() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write(["t/\(AtomicPublisher.marker)": "", "t/x/y.html": "y", "t/z.html": "z"])
        AtomicPublisher.delete("\(folder.path)/t")
        #expect(!folder.exists("t"))
    }

    @Test func aCacheThatCannotBeSavedSaysSoAndLeavesNoTemporaryFile() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        try handbook.build()
        let folder = "\(handbook.repo.path)/.handbook-cache/Public"
        // state.json, written last, cannot replace a folder: everything before it was written and must go.
        try FileManager.default.removeItem(atPath: "\(folder)/state.json")
        try FileManager.default.createDirectory(atPath: "\(folder)/state.json/blocked", withIntermediateDirectories: true)
        try handbook.edit(["content/about.md": "# Про нас\n"])
        let report = try handbook.build()
        #expect(report.published)
        #expect(report.notes.contains { $0.contains("build cache could not be saved") }, "\(report.notes)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "temporary files left: \(left)")
        try handbook.expectSameAsCleanBuild()
    }

    @Test func anOutputThatIsASymbolicLinkIsPublishedThroughIt() throws {
        let handbook = try Handbook()
        defer { handbook.remove() }
        let target = "\(handbook.repo.path)/www/handbook"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: handbook.output, withDestinationPath: target)
        #expect(try handbook.build().published)
        try handbook.edit(["content/about.md": "# Про нас\n"])
        #expect(try handbook.build().published)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: handbook.output)
        #expect(destination == target, "still a link")
        #expect(FileManager.default.fileExists(atPath: "\(target)/about/index.html"))
        let clean = "\(handbook.repo.path)/Clean"
        #expect(try SiteBuilder(options: handbook.options(output: clean, cache: false)).build().published)
        let published = handbook.tree(target), expected = handbook.tree(clean)
        #expect(published.count > 20 && published == expected)
    }

    @Test func anOutputLinkToNothingIsRefused() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try FileManager.default.createSymbolicLink(atPath: harness.output, withDestinationPath: "\(harness.folder.path)/nowhere")
        #expect { try harness.build() } throws: { "\($0)".contains("symbolic link") }
        #expect(!harness.folder.exists("nowhere"))
    }
}
