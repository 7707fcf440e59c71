import Foundation
import HandbookModel

/// Reads many old file versions with one `git cat-file --batch` process.
public struct BlobReader: Sendable {
    public let runner: GitRunner
    /// The fewest requests worth a process of their own.
    public let requestsPerPart: Int

    public init(runner: GitRunner = ProcessGitRunner(), requestsPerPart: Int = 200) {
        self.runner = runner
        self.requestsPerPart = max(1, requestsPerPart)
    }

    /// - Parameter objects: blob names, or `commit:path` (which costs git a walk down the commit's trees).
    /// - Returns: the bytes of each, in the order asked (nil where git has no such blob).
    public func read(_ requests: [String], content: String) -> [[UInt8]?] {
        guard !requests.isEmpty else { return [] }
        let input = requests.map { "\($0)\n" }.joined()
        guard let output = try? runner.run(["cat-file", "--batch"], in: content, input: Data(input.utf8)) else {
            return Array(repeating: nil, count: requests.count)
        }
        return BlobReader.parse(Array(output), count: requests.count)
    }

    /// The same, split into `parts` runs of consecutive requests, one `git cat-file` each, side by side.
    public func read(_ requests: [String], content: String, parts: Int) -> [[UInt8]?] {
        let count = min(max(1, parts), requests.count / requestsPerPart)
        guard count > 1 else { return read(requests, content: content) }
        let slices = (0..<count).map { Array(requests[$0 * requests.count / count..<($0 + 1) * requests.count / count]) }
        return slices.parallelMap { read($0, content: content) }.flatMap { $0 }
    }

    /// Parses `<sha> <type> <size>\n<bytes>\n` or `<name> missing\n` records.
    static func parse(_ bytes: [UInt8], count: Int) -> [[UInt8]?] {
        var result: [[UInt8]?] = []
        result.reserveCapacity(count)
        var index = 0
        while result.count < count, index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 10) else { break }
            let header = String(decoding: bytes[index..<newline], as: UTF8.self)
            index = newline + 1
            let parts = header.split(separator: " ")
            if parts.count == 3, let size = Int(parts[2]), index + size <= bytes.count {
                result.append(parts[1] == "blob" ? Array(bytes[index..<index + size]) : nil)
                index += size + 1
            } else {
                result.append(nil)
            }
        }
        while result.count < count { result.append(nil) }
        return result
    }
}
