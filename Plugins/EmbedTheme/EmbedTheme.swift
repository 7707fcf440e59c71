import Foundation
import PackagePlugin

/// Embeds the repository's `theme/` folder into the target it is applied to, at build time: the
/// `theme-embedder` tool writes `DefaultTheme.swift` into the plugin's work folder, so nothing generated
/// is committed and the tool stays one binary that works from any folder.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let theme = context.package.directoryURL.appending(path: "theme")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
        // Every file, so that an edit embeds the theme again. SwiftPM keeps a plugin's answer while the target's
        // own files stay the same (swiftlang/swift-package-manager#7891): after a file of theme/ is removed,
        // it still asks for it. Scripts/test and Scripts/preview drop that answer first (`Scripts/fresh-plugins`).
        var inputs: [URL] = []
        if let files = FileManager.default.enumerator(at: theme, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(file)
            }
        }
        return [
            .buildCommand(displayName: "Embedding the default theme from theme/", executable: try context.tool(named: "ThemeEmbedder").url,
                          arguments: [theme.path, output.path], inputFiles: inputs.sorted { $0.path < $1.path }, outputFiles: [output]),
        ]
    }
}
