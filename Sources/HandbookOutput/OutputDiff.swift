/// The one output diff: what the output holds after a plan was carried out, and which paths changed.
/// Generic over what is kept of a file: its bytes (the preview server) or its hash (the build cache).
public struct OutputDiff<Value: Equatable> {
    public var files: [String: Value]
    public var changed: Set<String> = []

    @inlinable public init(_ files: [String: Value]) { self.files = files }

    /// - Parameters:
    ///   - produced: the files written.
    ///   - removed: paths to remove (unless written again).
    ///   - replaced: folders made again whole: their files not written are removed.
    ///   - whole: every file was written: any other file is removed, but those under `keep`.
    /// Inlinable, so each caller gets it for its own `Value`: generic, comparing the preview server's files went
    /// through a protocol witness for every byte (a twentieth of a retitle on 10,000 pages).
    @inlinable public mutating func apply(produced: [String: Value], removed: Set<String> = [], replaced: [String] = [], whole: Bool = false,
                        keep: [String] = []) {
        var gone = removed.filter { files[$0] != nil && produced[$0] == nil }
        if whole || !replaced.isEmpty {
            for path in files.keys where produced[path] == nil {
                if whole ? !keep.contains(where: { path.hasPrefix($0) }) : replaced.contains(where: { path.hasPrefix($0) }) { gone.insert(path) }
            }
        }
        for path in gone { files[path] = nil }
        changed.formUnion(gone)
        for (path, value) in produced where files[path] != value {
            files[path] = value
            changed.insert(path)
        }
    }
}
