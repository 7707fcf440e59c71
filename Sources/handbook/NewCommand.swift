import ArgumentParser
import Foundation
import HandbookContent

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new policy, principle, example or FAQ file with every required key, each explained."
    )

    enum NewKind: String, ExpressibleByArgument, CaseIterable {
        case policy, principle, example, faq
    }

    @Argument(help: "policy, principle, example or faq")
    var kind: NewKind

    @Argument(help: "The id: lower-case words joined by '-', e.g. help-first.")
    var id: String

    @Option(name: .long, help: "The language of the file (default: the handbook's default language).")
    var lang: String?

    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    func validate() throws {
        let allowed = id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        guard allowed, !id.isEmpty, !id.hasPrefix("-") else {
            throw ValidationError("'\(id)' is not a usable id: use letters, digits and '-', e.g. help-first")
        }
    }

    func run() throws {
        let languages = NewPageTemplate.languages(content: content)
        let language = lang ?? languages[0]
        guard languages.contains(language) else {
            throw ValidationError("'\(language)' is not among the handbook's languages (\(languages.joined(separator: ", "))); add it to handbook.yml first")
        }
        let folder = NewPageTemplate.folder(kind.rawValue)
        let name = language == languages[0] ? "\(id).md" : "\(id).\(language).md"
        let path = "\(content)/\(folder)/\(name)"
        if FileManager.default.fileExists(atPath: path) {
            Terminal.error("\(path) already exists; nothing was written")
            throw ExitCode(2)
        }
        do {
            try FileManager.default.createDirectory(atPath: "\(content)/\(folder)", withIntermediateDirectories: true)
            try Data(NewPageTemplate.text(kind: kind.rawValue, id: id, language: language).utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            Terminal.error("cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        print("wrote \(path)")
    }
}
