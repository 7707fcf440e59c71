#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandbookModel

/// Where a build writes its files: a folder on disk, or memory (tests, the preview server).
public protocol OutputSink: Sendable {
    /// Writes a file at a path relative to the output root, creating folders as needed. Safe to call from many threads.
    func write(_ bytes: [UInt8], to path: String) throws
}

public struct WriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Writes into a folder with plain system calls; each folder is made once.
public struct DiskSink: OutputSink {
    public let root: String
    private let folders = MadeFolders()

    public init(root: String) {
        self.root = root
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputPath.check(path)
        let full = "\(root)/\(path)"
        try makeFolders(for: path)
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: full, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: full, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    private func makeFolders(for path: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if folders.contains(folder) { return }
        var current = root
        var relative = ""
        for part in folder.split(separator: "/") {
            current += "/\(part)"
            relative += relative.isEmpty ? String(part) : "/\(part)"
            if folders.contains(relative) { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw WriteError(path: current, reason: String(cString: strerror(errno)))
            }
            folders.insert(relative)
        }
    }
}

/// The folders a sink has made, shared by the threads that write.
private final class MadeFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Set<String> = []

    func contains(_ folder: String) -> Bool { lock.withLock { made.contains(folder) } }
    func insert(_ folder: String) { _ = lock.withLock { made.insert(folder) } }
}

/// Keeps a build in memory.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: [UInt8]] = [:]

    public init() {}

    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputPath.check(path)
        lock.withLock { storage[path] = bytes }
    }

    public var files: [String: [UInt8]] { lock.withLock { storage } }

    public func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
}

/// Writes into a folder only the files whose contents differ from a previous build's (by content hash),
/// and remembers the hash of every file it is given: an incremental build then moves just those files
/// into the output. With no previous hashes it writes everything.
public final class ChangedFilesSink: OutputSink, @unchecked Sendable {
    private let disk: DiskSink
    private let previous: [String: UInt64]
    private let lock = NSLock()
    private var hashes: [String: UInt64] = [:]
    private var written: Set<String> = []

    public init(root: String, previous: [String: UInt64]) {
        disk = DiskSink(root: root)
        self.previous = previous
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try OutputPath.check(path)
        let hash = ContentHash.of(bytes)
        let changed = previous[path] != hash
        if changed { try disk.write(bytes, to: path) }
        lock.withLock {
            hashes[path] = hash
            if changed { written.insert(path) } else { written.remove(path) }
        }
    }

    /// Every path given and its hash.
    public var produced: [String: UInt64] { lock.withLock { hashes } }
    /// The paths written to the folder (new or changed).
    public var changed: Set<String> { lock.withLock { written } }
}
