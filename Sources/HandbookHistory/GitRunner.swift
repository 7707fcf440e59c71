import Foundation

/// Runs git. Tests replace it with a fake; the build uses `ProcessGitRunner`.
public protocol GitRunner: Sendable {
    /// Runs `git ARGUMENTS` in `folder` with `input` on stdin; returns stdout, or throws when git fails.
    func run(_ arguments: [String], in folder: String, input: Data?) throws -> Data
}

public struct GitError: Error, Equatable, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var message: String
    public var description: String { "git \(arguments.joined(separator: " ")) failed (\(status)): \(message)" }
}

/// Runs the `git` on the PATH, one process per call.
public struct ProcessGitRunner: GitRunner {
    public init() {}

    public func run(_ arguments: [String], in folder: String, input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        try process.run()
        if let input {
            // Write on another thread so a large answer cannot block git while we are still writing.
            let handle = feed.fileHandleForWriting
            let data = input
            Thread.detachNewThread {
                handle.write(data)
                try? handle.close()
            }
        }
        let result = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitError(arguments: arguments, status: process.terminationStatus, message: String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }
}
