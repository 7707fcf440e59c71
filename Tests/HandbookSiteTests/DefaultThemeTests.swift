import Foundation
import HandbookTheme
import Testing

/// The theme built into the tool is exactly the repository's `theme/` (run Scripts/embed-theme after editing it).
@Suite struct DefaultThemeTests {
    @Test func embeddedThemeMatchesThemeFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let theme = root.appendingPathComponent("theme").path
        let enumerator = try #require(FileManager.default.enumerator(atPath: theme))
        var files: [String: String] = [:]
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(theme)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue, !path.hasPrefix(".") {
                files[path] = try String(contentsOfFile: "\(theme)/\(path)", encoding: .utf8)
            }
        }
        #expect(files.keys.sorted() == DefaultTheme.files.keys.sorted(), "run Scripts/embed-theme")
        for (path, text) in files { #expect(DefaultTheme.files[path] == text, "\(path) differs: run Scripts/embed-theme") }
    }
}
