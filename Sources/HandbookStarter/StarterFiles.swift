import Foundation

/// What `handbook init` writes: the files of `starter/`, embedded at build time by the EmbedTheme plugin
/// (`files`, by path under `starter/`). `common/` holds what every new handbook gets (`.gitignore`, the CI files);
/// `uk/`, `ru/` and `en/` the handbook itself (settings, people, one policy, two principles with a good and a bad
/// example each, a briefing) and a README for its authors. A file or folder named `dot-X` is written as `.X` (the
/// embedder leaves hidden files out).
public enum StarterFiles {
    /// The languages a handbook can be started in.
    public static let languages = ["uk", "ru", "en"]

    /// Where this tool's releases, its GitHub Action and its install script are published. The CI files a new
    /// handbook gets name it; a company that publishes its own build of the tool changes it here.
    public static let toolRepository = "https://github.com/handbook-tool/handbook"
    public static let toolAction = "handbook-tool/handbook"

    /// The values the starter's `{{…}}` placeholders take.
    public struct Values: Sendable {
        public var today: String, reviewBy: String, version: String
        public init(today: String, reviewBy: String, version: String) {
            self.today = today
            self.reviewBy = reviewBy
            self.version = version
        }
    }

    /// The files of a new handbook in `language`, sorted by path (relative to the new folder).
    public static func handbook(language: String, values: Values) -> [(path: String, text: String)] {
        let replacements = [("{{today}}", values.today), ("{{review_by}}", values.reviewBy), ("{{version}}", values.version),
                            ("{{tool_repository}}", toolRepository), ("{{tool_action}}", toolAction)]
        var result: [(path: String, text: String)] = []
        for (path, bytes) in files {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "common" || parts[0] == language else { continue }
            let target = parts[1].split(separator: "/").map { $0.hasPrefix("dot-") ? "." + $0.dropFirst(4) : String($0) }.joined(separator: "/")
            var text = String(decoding: bytes, as: UTF8.self)
            for (placeholder, value) in replacements { text = text.replacingOccurrences(of: placeholder, with: value) }
            result.append((target, text))
        }
        return result.sorted { $0.path < $1.path }
    }
}
