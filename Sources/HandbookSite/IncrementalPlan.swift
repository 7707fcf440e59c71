#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandbookHistory
import HandbookModel

/// What a build with a cache may skip, decided from the cache and the input files before anything is loaded:
/// - nothing, when the key (tool, options, day, git HEAD) or the output folder differ: every page is
///   rendered, and only files whose contents changed are written;
/// - everything, when besides the key no input file changed (`upToDate`);
/// - all but a few pages, when only the text of pages changed and nothing other pages show of them
///   (`pagesToRender`): those pages, their history pages and their languages' search bundles.
struct IncrementalPlan {
    let cache: BuildCache
    let key: String
    let snapshot: InputSnapshot
    /// The last build's state, when its output folder is still the one it wrote.
    let state: BuildCache.State?
    /// The last build's output files and their hashes (empty when its output folder is gone or replaced).
    let previousOutputs: [String: UInt64]
    private let sameKey: Bool
    private let changes: (changed: [String], added: [String], removed: [String])
    private let previousSignatures: [String: UInt64]

    /// The last build's state, if its output folder is still the one it wrote: a quick look, taken before
    /// the inputs are (so that a build with no usable cache can start reading git at once).
    static func intactState(of cache: BuildCache, output: URL) -> BuildCache.State? {
        // The output must be the folder this cache's save published: its inode (which a file system may
        // reuse) and its marker's stamp (which an output made by another build does not have).
        guard let saved = cache.state(), let identity = BuildCache.identity(of: output.path),
              identity.device == saved.outputDevice, identity.inode == saved.outputInode,
              !saved.marker.isEmpty, BuildCache.markerStamp(ofOutput: output.path) == saved.marker else { return nil }
        return saved
    }

    /// - Parameter state: `intactState(of: cache, output: output)`.
    init(options: BuildOptions, output: URL, cache: BuildCache, state: BuildCache.State?) {
        self.cache = cache
        key = Self.key(options)
        // The cache is used whole or not at all: one file that does not verify makes this a clean build.
        let files = state.flatMap { state -> (inputs: [String: InputStamp], outputs: [String: UInt64], pages: [String: UInt64])? in
            guard let inputs = cache.inputs(generation: state.generation), let outputs = cache.outputs(generation: state.generation),
                  let pages = cache.pageSignatures(generation: state.generation) else { return nil }
            return (inputs, outputs, pages)
        }
        self.state = files == nil ? nil : state
        let previousInputs = files?.inputs ?? [:]
        snapshot = InputSnapshot.take(content: options.content, theme: options.theme, previous: previousInputs)
        previousOutputs = files?.outputs ?? [:]
        sameKey = files != nil && state?.key == key && snapshot.cacheable
        changes = snapshot.changes(since: previousInputs)
        previousSignatures = sameKey ? files?.pages ?? [:] : [:]
    }

    /// Nothing changed since the last build, which is still in the output folder.
    var upToDate: Bool {
        sameKey && state != nil && changes.changed.isEmpty && changes.added.isEmpty && changes.removed.isEmpty
    }

    /// The log git printed last time, to be used again while HEAD is the same commit.
    var knownGitLog: (head: String, log: [UInt8])? { state.flatMap { cache.gitLog(generation: $0.generation) } }

    /// The pages to render again when only they changed, and in their text alone; nil to render everything.
    func pagesToRender(signatures: [String: UInt64]) -> Set<String>? {
        guard sameKey, state != nil, !previousOutputs.isEmpty, changes.added.isEmpty, changes.removed.isEmpty else { return nil }
        var pages: Set<String> = []
        for key in changes.changed {
            guard key.hasPrefix(InputSnapshot.contentPrefix), key.lowercased().hasSuffix(".md") else { return nil }
            let path = String(key.dropFirst(InputSnapshot.contentPrefix.count))
            guard let signature = signatures[path], previousSignatures[path] == signature else { return nil }
            pages.insert(path)
        }
        return pages
    }

    /// Everything a build's output depends on besides its input files: the tool itself, the options, the
    /// day (review notices, the changes page) and the commit git's history starts from.
    private static func key(_ options: BuildOptions) -> String {
        var lines = ["handbook \(SiteBuilder.version) \(executableStamp())"]
        lines.append("content \(absolute(options.content))")
        lines.append("theme \(options.theme.map(absolute) ?? "-")")
        lines.append("output \(absolute(options.output))")
        lines.append("base-url \(options.baseURL ?? "-")")
        lines.append("drafts \(options.includeDrafts) strict \(options.strict) fingerprint \(options.fingerprintAssets)")
        lines.append("today \(options.today)")
        lines.append("history \(options.history ? GitLog(runner: options.git).identity(content: options.content) : "off")")
        return lines.joined(separator: "\n")
    }

    /// The running executable's size and modification time: a rebuilt tool never trusts an older cache.
    private static func executableStamp() -> String {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 else { return "unknown" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
