import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
public struct TempFolder: Sendable {
    public let path: String

    /// - Parameter inMemory: under `/dev/shm` (a RAM file system) where there is one: for tests that write
    ///   many thousands of files, whose cost on a slow disk is the disk's, not the tool's.
    public init(inMemory: Bool = false) throws {
        var isFolder: ObjCBool = false
        let root = inMemory && FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder) && isFolder.boolValue
            ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let base = root.appendingPathComponent("handbook-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// Writes files given as `relative path → text`, creating folders.
    public func write(_ files: [String: String], under folder: String = "") throws {
        for (relative, text) in files {
            try write(Array(text.utf8), to: folder.isEmpty ? relative : "\(folder)/\(relative)")
        }
    }

    public func write(_ bytes: [UInt8], to relative: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func read(_ relative: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(path)/\(relative)") else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(path)/\(relative)")
    }

    /// Every file below a folder, as relative paths, sorted.
    public func files(under relative: String) -> [String] {
        let root = "\(path)/\(relative)"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(item)", isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(item)
            }
        }
        return result.sorted()
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
