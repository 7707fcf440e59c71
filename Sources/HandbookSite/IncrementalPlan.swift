#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HandbookHistory
import HandbookModel

/// What the build cache knows before anything is loaded: whether anything changed at all (`upToDate`),
/// and if so the input changes and the last build's index, which `Planner.plan` turns into a plan. When
/// the key (tool, options, day, the kind of history: a shallow clone's HEAD and boundary) differs there is no previous index: every page is rendered, and
/// only files whose contents changed are written.
struct IncrementalPlan {
    let cache: BuildCache
    let key: String
    let snapshot: InputSnapshot
    /// The last build's state, when its output folder is still the one it wrote.
    let state: BuildCache.State?
    /// The last build's output files and their hashes (empty when its output folder is gone or replaced).
    let previousOutputs: [String: UInt64]
    private let sameKey: Bool
    /// The commit a complete history starts from (nil for a shallow clone, no repository, or no history).
    let gitHead: String?
    /// What changed in the input files since the last build.
    let changes: [InputChange]
    /// The last build's index (its text, read when planning), when its key is this build's.
    private let previousIndexText: ArraySlice<UInt8>?
    var previousIndex: SiteIndex? { previousIndexText.flatMap(SiteIndexLines.decode) }

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
        let identity = options.history ? GitLog(runner: options.git).identity(content: options.content) : "off"
        // A complete history's HEAD is not part of the key: a new commit is an input change (`.history`), which
        // re-renders the pages it touched. A shallow clone's line names its HEAD and boundary: any change is a new key.
        let words = identity.split(separator: " ")
        gitHead = words.first == "complete" && words.count == 2 ? String(words[1]) : nil
        key = Self.key(options, history: gitHead == nil ? identity : "complete")
        // The cache is used whole or not at all: one file that does not verify makes this a clean build.
        let files = state.flatMap { state -> (inputs: [String: InputStamp], outputs: [String: UInt64], index: ArraySlice<UInt8>)? in
            guard let inputs = cache.inputs(generation: state.generation), let outputs = cache.outputs(generation: state.generation),
                  let index = cache.indexText(generation: state.generation) else { return nil }
            return (inputs, outputs, index)
        }
        self.state = files == nil ? nil : state
        let previousInputs = files?.inputs ?? [:]
        snapshot = InputSnapshot.take(content: options.content, theme: options.theme, previous: previousInputs)
        previousOutputs = files?.outputs ?? [:]
        sameKey = files != nil && state?.key == key && snapshot.cacheable
        var changes = snapshot.inputChanges(since: previousInputs)
        if let gitHead, state?.gitHead != gitHead { changes.append(.history) }
        self.changes = changes
        previousIndexText = sameKey && !previousOutputs.isEmpty ? files?.index : nil
    }

    /// Nothing changed since the last build, which is still in the output folder.
    var upToDate: Bool {
        sameKey && state != nil && changes.isEmpty
    }

    /// The log git printed last time, to be used again while HEAD is the same commit.
    var knownGitLog: (head: String, log: [UInt8])? { state.flatMap { cache.gitLog(generation: $0.generation) } }

    /// Everything a build's output depends on besides its input files: the tool itself, the options, the
    /// day (review notices, the changes page) and the kind of history (a shallow clone's HEAD and boundary).
    private static func key(_ options: BuildOptions, history: String) -> String {
        var lines = ["handbook \(SiteBuilder.version) \(executableStamp())"]
        lines.append("content \(absolute(options.content))")
        lines.append("theme \(options.theme.map(absolute) ?? "-")")
        lines.append("output \(absolute(options.output))")
        lines.append("base-url \(options.baseURL ?? "-")")
        lines.append("drafts \(options.includeDrafts) strict \(options.strict) fingerprint \(options.fingerprintAssets)")
        lines.append("today \(options.today)")
        lines.append("history \(history)")
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
