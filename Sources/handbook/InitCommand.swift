import ArgumentParser
import Foundation
import HandbookModel
import HandbookSite
import HandbookStarter

/// `handbook init [DIR]`: a new handbook repository that passes `check`, with CI files that use the released tool.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new handbook repository: settings, people, a policy with principles, examples and a briefing, CI files.",
        discussion: "The folder must be empty (or not exist); with --force, files that are already there are kept and the rest written."
    )

    @Argument(help: "The folder to start the handbook in (default: the current one).")
    var folder: String = "."

    @Option(name: .long, help: "uk, ru or en (default: from LANG, else en).")
    var lang: String?

    @Flag(name: .long, help: "Write into a folder that is not empty, keeping every file already there.")
    var force = false

    func validate() throws {
        if let lang, !StarterFiles.languages.contains(lang) {
            throw ValidationError("--lang must be one of \(StarterFiles.languages.joined(separator: ", ")), not '\(lang)'")
        }
    }

    func run() throws {
        let language = lang ?? Self.environmentLanguage()
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                Terminal.error("\(folder) is a file, not a folder; nothing was written")
                throw ExitCode(2)
            }
            // A fresh clone of an empty repository holds only .git: that is an empty folder to start in.
            let entries = ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ".git" }
            if !entries.isEmpty, !force {
                Terminal.error("\(folder) is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies")); nothing was written. "
                               + "Start in an empty folder, or add --force to keep what is there and write the rest")
                throw ExitCode(2)
            }
        }
        let today = try Today.value()
        let values = StarterFiles.Values(today: today.description, reviewBy: today.adding(days: 365).description,
                                         version: SiteBuilder.version)
        var written = 0, kept: [String] = []
        for file in StarterFiles.handbook(language: language, values: values) {
            let path = folder == "." ? file.path : "\(folder)/\(file.path)"
            if fileManager.fileExists(atPath: path) {
                kept.append(path)
                continue
            }
            do {
                let parent = (path as NSString).deletingLastPathComponent
                if !parent.isEmpty { try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true) }
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
            } catch {
                Terminal.error("cannot write \(path): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            written += 1
        }
        for path in kept { Terminal.note("kept \(path) (already there)") }
        let place = folder == "." ? "" : "cd \(Self.shellQuoted(folder)) && "
        print("""
        started a handbook in \(folder == "." ? "this folder" : folder) (\(language)): \(written) files.
        Next: \(place)\(fileManager.fileExists(atPath: "\(folder)/.git") ? "" : "git init && ")handbook serve   (the site at http://127.0.0.1:8000/, updated as you save)
        """)
    }

    /// A folder name as the shell reads it back: as it is when it is plain, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// uk or ru when the locale (LC_ALL, LC_MESSAGES, LANG) says so, else en.
    static func environmentLanguage() -> String {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = Environment.value(name), !value.isEmpty else { continue }
            let code = String(value.prefix(2)).lowercased()
            return StarterFiles.languages.contains(code) ? code : "en"
        }
        return "en"
    }
}
