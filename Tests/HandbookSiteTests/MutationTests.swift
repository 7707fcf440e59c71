import Foundation
import HandbookModel
import HandbookSite
import HandbookTestSupport
import Testing

/// Hundreds of random mutations of a valid handbook: `check` and `build` never crash or hang, and a build that
/// fails never touches the previous output.
@Suite(.timeLimit(.minutes(20))) struct MutationTests {
    static let rounds = 300

    @Test func randomMutationsNeverCrashOrTouchThePreviousOutput() throws {
        let harness = try SiteHarness(Fixture.handbook)
        defer { harness.remove() }
        try harness.build()
        var snapshot = try Snapshot(of: harness.output)
        var generator = SplitMix(seed: 20_261_123)
        var failed = 0, published = 0
        let paths = Fixture.handbook.keys.sorted()
        for round in 0..<Self.rounds {
            // Start each round from the valid handbook, then mutate one file (sometimes two).
            try? FileManager.default.removeItem(atPath: harness.content)
            try harness.folder.write(Fixture.handbook, under: "content")
            var mutated: [String] = []
            for _ in 0..<(generator.next(3) == 0 ? 2 : 1) {
                let path = paths[generator.next(paths.count)]
                var bytes = Array(Fixture.handbook[path]!.utf8)
                Mutation.allCases[generator.next(Mutation.allCases.count)].apply(to: &bytes, using: &generator)
                try harness.folder.write(bytes, to: "content/\(path)")
                mutated.append(path)
            }
            _ = try SiteBuilder(options: harness.options()).check()
            let report = try harness.build()
            if report.published {
                published += 1
                snapshot = try Snapshot(of: harness.output)
            } else {
                failed += 1
                #expect(report.diagnostics.errorCount > 0)
                let now = try Snapshot(of: harness.output)
                #expect(now == snapshot, "round \(round) (\(mutated)) changed the previous output")
            }
        }
        #expect(failed > Self.rounds / 5, "mutations should break many builds (\(failed) of \(Self.rounds))")
        #expect(published > 0)
    }
}

/// Every file of a folder with its bytes.
struct Snapshot: Equatable {
    var files: [String: [UInt8]] = [:]

    init(of root: String) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = Array(FileManager.default.contents(atPath: "\(root)/\(path)") ?? Data())
            }
        }
    }
}

/// A small deterministic generator, so a failing round can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
}

enum Mutation: CaseIterable {
    case flipByte, deleteLine, duplicateLine, truncate, mangleFence, mangleColon, insertGarbage, swapLines

    func apply(to bytes: inout [UInt8], using generator: inout SplitMix) {
        guard !bytes.isEmpty else { return }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        switch self {
        case .flipByte:
            let index = generator.next(bytes.count)
            bytes[index] ^= UInt8(1 << generator.next(8))
            return
        case .deleteLine:
            lines.remove(at: generator.next(lines.count))
        case .duplicateLine:
            let index = generator.next(lines.count)
            lines.insert(lines[index], at: index)
        case .truncate:
            bytes = Array(bytes.prefix(generator.next(bytes.count)))
            return
        case .mangleFence:
            let fences = lines.indices.filter { lines[$0] == Array("---".utf8) }
            guard !fences.isEmpty else { return }
            let replacements = ["--", "----", "- - -", "", "---x", "...", "---\n---"]
            lines[fences[generator.next(fences.count)]] = Array(replacements[generator.next(replacements.count)].utf8)
        case .mangleColon:
            let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
            if !colons.isEmpty, generator.next(2) == 0 {
                bytes.remove(at: colons[generator.next(colons.count)])
            } else {
                bytes.insert(UInt8(ascii: ":"), at: generator.next(bytes.count))
            }
            return
        case .insertGarbage:
            let garbage: [[UInt8]] = [[0], [0xFF, 0xFE], Array("\t".utf8), Array("[[[".utf8), Array("&a *a".utf8), Array("](".utf8), Array("<script>".utf8), Array("#".utf8)]
            bytes.insert(contentsOf: garbage[generator.next(garbage.count)], at: generator.next(bytes.count))
            return
        case .swapLines:
            let a = generator.next(lines.count), b = generator.next(lines.count)
            lines.swapAt(a, b)
        }
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}
