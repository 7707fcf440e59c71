import Foundation
import HandbookModel
@testable import HandbookSite
import HandbookTestSupport
import Testing
@testable import HandbookOutput

/// Hundreds of hostile and random mutations of `handbook.yml` and `people.yml`: no path the site asks to
/// write ever leaves the output folder, nothing outside it changes, and nothing crashes.
@Suite(.timeLimit(.minutes(20))) struct SettingsFuzzTests {
    static let rounds = 300

    static let hostile = ["../../victim", "../x", "..", ".", "a/../../b", "/etc/passwd", "a/b", "x\\u0000y", "%2e%2e", "．．/x", ".hidden",
                          "a\\\\..\\\\b", "con", " ", "x\\ny", "-", "people", "../../../../x", "ok/../../..", "\\u202e..", "index.html", "feed.xml"]

    /// Writes down every path it is given, checking nothing (the sinks' own guard is not what is tested).
    final class RecordingSink: OutputSink, @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [String] = []
        func write(_ bytes: [UInt8], to path: String) throws { lock.withLock { recorded.append(path) } }
        var paths: [String] { lock.withLock { recorded } }
    }

    static func mutate(_ text: String, file: String, using generator: inout SplitMix) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let value = "\"" + hostile[generator.next(hostile.count)] + "\""
        switch generator.next(4) {
        case 0, 1:
            // A hostile value for a key that becomes a path or a URL.
            let keys = file == "people.yml" ? ["id", "email", "name"] : ["languages", "base_url", "repository", "title"]
            let key = keys[generator.next(keys.count)]
            if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key):") || $0.hasPrefix("- \(key):") }) {
                let indent = lines[index].prefix { $0 == " " || $0 == "-" }
                lines[index] = "\(indent)\(key): " + (key == "languages" ? "[uk, \(value)]" : value)
            } else {
                lines.append(file == "people.yml" ? "- id: \(value)\n  name: X" : "\(key): \(value)")
            }
        case 2:
            lines.append(file == "people.yml" ? "- id: \(value)\n  name: \(value)\n  email: \(value)" : "languages: [\(value), uk]")
        default:
            var bytes = Array(lines.joined(separator: "\n").utf8)
            Mutation.allCases[generator.next(Mutation.allCases.count)].apply(to: &bytes, using: &generator)
            return bytes
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test func hostileSettingsAndPeopleNeverWriteOutsideTheOutput() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.folder.write(["victim/index.html": "precious", "x/index.html": "precious"])
        let outside = try Snapshot(of: harness.folder.path + "/victim")
        let rootBefore = Set(try FileManager.default.contentsOfDirectory(atPath: "/"))
        var generator = SplitMix(seed: 20_261_201)
        var refused = 0
        for round in 0..<Self.rounds {
            let file = generator.next(2) == 0 ? "people.yml" : "handbook.yml"
            try harness.folder.write(Fixture.handbook, under: "content")
            for _ in 0..<(1 + generator.next(2)) {
                let current = harness.folder.read("content/\(file)") ?? Fixture.handbook[file]!
                try harness.folder.write(Self.mutate(current, file: file, using: &generator), to: "content/\(file)")
            }
            let builder = SiteBuilder(options: harness.options())
            let (handbook, findings) = try builder.check()
            // Whatever the findings, the paths the site would write stay inside the output.
            let sink = RecordingSink()
            _ = try? builder.render(handbook, to: sink)
            let escaping = sink.paths.filter { !OutputPath.isInside($0) }
            #expect(escaping.isEmpty, "round \(round) (\(file)): \(escaping.prefix(3)) — \(harness.folder.read("content/\(file)") ?? "")")
            if findings.errorCount > 0 { refused += 1 }
            _ = try? harness.build()
            #expect(try Snapshot(of: harness.folder.path + "/victim") == outside, "round \(round) touched a file outside the output")
            #expect(harness.folder.read("x/index.html") == "precious")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: "/")) == rootBefore)
        #expect(refused > Self.rounds / 3, "most hostile values are findings (\(refused) of \(Self.rounds))")
    }
}
