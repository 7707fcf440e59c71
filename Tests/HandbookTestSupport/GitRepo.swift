import Foundation

/// A real git repository in a temporary folder, with commits by chosen authors on chosen dates.
public struct GitRepo: Sendable {
    public let folder: TempFolder
    public var path: String { folder.path }

    /// - Parameter inMemory: under `/dev/shm` where there is one (see `TempFolder`).
    public init(inMemory: Bool = false) throws {
        folder = try TempFolder(inMemory: inMemory)
        try git(["init", "-q", "-b", "main"])
        try git(["config", "user.name", "Test"])
        try git(["config", "user.email", "test@example.org"])
    }

    /// Writes (or deletes, for nil) files and commits them.
    public func commit(_ message: String, author: String, date: String, files: [String: String?] = [:]) throws {
        for (path, text) in files {
            if let text {
                try folder.write([path: text])
            } else {
                try FileManager.default.removeItem(atPath: "\(self.path)/\(path)")
            }
        }
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message], author: author, date: date)
    }

    /// A repository whose first commit, by Olena Koval on 2025-10-01, is a handbook in `content/`.
    public static func handbook(_ files: [String: String]) throws -> GitRepo {
        let repo = try GitRepo()
        var initial: [String: String?] = [:]
        for (path, text) in files { initial["content/\(path)"] = text }
        try repo.commit("Initial handbook", author: "Olena Koval", date: "2025-10-01T09:00:00+03:00", files: initial)
        return repo
    }

    public func move(_ from: String, _ to: String) throws {
        try git(["mv", from, to])
    }

    @discardableResult
    public func git(_ arguments: [String], author: String = "Test", date: String? = nil, in folder: String? = nil) throws -> String {
        try Self.run(arguments, in: folder ?? path, author: author, date: date)
    }

    /// Runs git in any folder (one that is not a `GitRepo`'s, e.g. what a command under test wrote).
    @discardableResult
    public static func run(_ arguments: [String], in folder: String, author: String = "Test", date: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = author
        environment["GIT_AUTHOR_EMAIL"] = "\(author.lowercased().replacingOccurrences(of: " ", with: "."))@example.org"
        environment["GIT_COMMITTER_NAME"] = author
        environment["GIT_COMMITTER_EMAIL"] = environment["GIT_AUTHOR_EMAIL"]
        if let date {
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
        }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "git", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "git \(arguments) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    public func remove() { folder.remove() }
}
