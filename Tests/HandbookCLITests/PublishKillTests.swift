import Foundation
import HandbookTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A cached build killed at random points of its publish step leaves the output as the whole old site
/// or the whole new one, never a mix, and the next build succeeds.
@Suite(.serialized, .timeLimit(.minutes(20))) struct PublishKillTests {
    static let pages = 2000

    /// A handbook of plain pages; version B changes the text of one page in ten. With their history pages,
    /// many files change, but fewer than half: a cached build used to move such a change in file by file.
    static func write(_ repo: GitRepo, version: String) throws {
        var files: [String: String?] = ["content/handbook.yml": "title: Kill test\nlanguages: [uk, en]\n", "content/people.yml": "- id: olena\n  name: Olena\n"]
        for index in 0..<pages {
            let text = index % 10 == 0 ? version : "A"
            files[String(format: "content/notes/n%04d.md", index)] = "# Нотатка \(index)\n\nТекст нотатки \(index), версія \(text).\n"
        }
        try repo.commit("Version \(version)", author: "Olena Koval", date: version == "A" ? "2025-12-01T10:00:00+02:00" : "2025-12-02T10:00:00+02:00", files: files)
        try repo.git(["tag", version.lowercased()])
    }

    static func checkout(_ repo: GitRepo, _ version: String) throws {
        try repo.git(["checkout", "-q", version.lowercased()])
    }

    /// Every file's path and bytes under a folder, hashed together.
    static func treeHash(_ root: String) -> UInt64? {
        guard let paths = FileManager.default.subpaths(atPath: root) else { return nil }
        var hash: UInt64 = 0xcbf29ce484222325
        func mix(_ bytes: some Sequence<UInt8>) { for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 } }
        for path in paths.sorted() {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isFolder)
            mix(Array(path.utf8) + [0, isFolder.boolValue ? 1 : 0])
            if !isFolder.boolValue { mix(FileManager.default.contents(atPath: "\(root)/\(path)") ?? Data()) }
        }
        return hash
    }

    static func build(_ folder: TempFolder, output: String = "Public", cache: Bool = true) throws -> Int32 {
        let result = try CLIRunner.run(["build", "--output", output, "--quiet"] + (cache ? [] : ["--no-cache"]), in: folder.path)
        if result.status != 0 { print(result.stderr) }
        return result.status
    }

    /// Starts a build and kills it `delay` seconds after it announced its publish step (with no delay,
    /// lets it finish). Returns whether it was still running when killed, and the seconds from the
    /// announcement to its end.
    static func buildKilled(_ folder: TempFolder, after delay: Double?) throws -> (killedRunning: Bool, publishSeconds: Double) {
        let process = Process()
        process.executableURL = HandbookBinary.url
        process.arguments = ["build", "--output", "Public"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        var environment = ProcessInfo.processInfo.environment
        environment["HANDBOOK_TODAY"] = "2026-01-01"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        while !seen.contains("] publish") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        let announced = Date()
        guard let delay else {
            process.waitUntilExit()
            return (false, Date().timeIntervalSince(announced))
        }
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (running, Date().timeIntervalSince(announced))
    }

    @Test func aBuildKilledWhilePublishingLeavesTheOldSiteOrTheNewOne() throws {
        let repo = try GitRepo(inMemory: true)
        let folder = repo.folder
        defer { folder.remove() }
        try Self.write(repo, version: "A")
        try Self.write(repo, version: "B")
        // The two sites, built clean: what the output may be after a kill.
        try Self.checkout(repo, "B")
        #expect(try Self.build(folder, output: "ExpectedB", cache: false) == 0)
        try Self.checkout(repo, "A")
        #expect(try Self.build(folder, output: "ExpectedA", cache: false) == 0)
        let hashA = try #require(Self.treeHash("\(folder.path)/ExpectedA")), hashB = try #require(Self.treeHash("\(folder.path)/ExpectedB"))
        #expect(hashA != hashB)
        // How long an uninterrupted publish takes: the kills are spread over it.
        #expect(try Self.build(folder) == 0)
        try Self.checkout(repo, "B")
        let publish = try Self.buildKilled(folder, after: nil).publishSeconds
        #expect(Self.treeHash("\(folder.path)/Public") == hashB)
        var generator = SystemRandomNumberGenerator()
        var killedWhileRunning = 0
        for round in 0..<20 {
            try Self.checkout(repo, "A")
            #expect(try Self.build(folder) == 0, "round \(round): the build after a kill succeeds")
            #expect(Self.treeHash("\(folder.path)/Public") == hashA, "round \(round): the output is site A")
            try Self.checkout(repo, "B")
            let delay = round == 0 ? 0 : Double.random(in: 0...publish, using: &generator)
            if try Self.buildKilled(folder, after: delay).killedRunning { killedWhileRunning += 1 }
            let hash = Self.treeHash("\(folder.path)/Public")
            #expect(hash == hashA || hash == hashB, "round \(round), killed \(delay) s into its publish step (of \(publish) s): a mixed site")
        }
        #expect(killedWhileRunning >= 5, "enough kills landed while the build ran: \(killedWhileRunning)")
        #expect(try Self.build(folder) == 0)
        #expect(Self.treeHash("\(folder.path)/Public") == hashB)
        // Nothing left beside the output but the cache (the next build deletes the old output in the background).
        #expect(try Self.build(folder) == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".Public.building") }
        #expect(left.isEmpty, "\(left)")
    }
}
