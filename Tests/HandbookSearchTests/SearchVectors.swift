import Foundation

/// The files of `Tests/SearchVectors`, which the JavaScript tests (in Chromium) read too.
enum SearchVectors {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SearchVectors")

    /// Lines of a vector file, comments and blank lines left out.
    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    struct Stem { var language, form, stem: String }

    static func stems() throws -> [Stem] {
        try lines("stems.tsv").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Stem(language: fields[0], form: fields[1], stem: fields[2])
        }
    }
}
