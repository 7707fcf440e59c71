import Foundation
import PackagePlugin

/// Embeds a folder of the repository into the target it is applied to, at build time: `theme/` into
/// HandbookTheme (as `DefaultTheme.files`), `starter/` into HandbookStarter (as `StarterFiles.files`, what
/// `handbook init` writes). The `ThemeEmbedder` tool writes the Swift source into the plugin's work folder, so
/// nothing generated is committed and the tool stays one binary that works from any folder.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let (folderName, typeName) = target.name == "HandbookStarter" ? ("starter", "StarterFiles") : ("theme", "DefaultTheme")
        let folder = context.package.directoryURL.appending(path: folderName)
        let output = context.pluginWorkDirectoryURL.appending(path: "\(typeName)+Embedded.swift")
        // Every file, so that an edit embeds the folder again. SwiftPM keeps a plugin's answer while the target's
        // own files stay the same (swiftlang/swift-package-manager#7891): after a file is removed, it still asks
        // for it. Scripts/test and Scripts/preview drop that answer first (`Scripts/fresh-plugins`).
        var inputs: [URL] = []
        if let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
            for case let file as URL in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(file)
            }
        }
        return [
            .buildCommand(displayName: "Embedding \(folderName)/", executable: try context.tool(named: "ThemeEmbedder").url,
                          arguments: [folder.path, output.path, typeName], inputFiles: inputs.sorted { $0.path < $1.path }, outputFiles: [output]),
        ]
    }
}
