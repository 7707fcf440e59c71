import HandbookModel
import Yams

/// Reads `people.yml`: a list of people and teams. A missing file means nobody can own anything yet.
enum PeopleLoader {
    static let file = "people.yml"
    static let knownKeys = ["id", "name", "role", "email", "team", "git", "audiences"]

    static func load(root: String) -> ([Person], [Diagnostic]) {
        let (people, diagnostics, _) = loadWithRefused(root: root)
        return (people, diagnostics)
    }

    /// Also the ids that were refused.
    static func loadWithRefused(root: String) -> ([Person], [Diagnostic], Set<String>) {
        var refused: Set<String> = []
        let (people, diagnostics) = read(root: root, refused: &refused)
        return (people, diagnostics, refused)
    }

    private static func read(root: String, refused: inout Set<String>) -> ([Person], [Diagnostic]) {
        guard let bytes = FileReader.bytes(atPath: "\(root)/\(file)") else { return ([], []) }
        guard case .success(let text) = SourceText.decode(bytes) else {
            return ([], [Diagnostic(.unreadableFile, at: SourceLocation(file: file), "\(file) is not UTF-8 text", hint: "save it as UTF-8")])
        }
        let root: Node?
        do {
            root = try YAMLText.compose(text)
        } catch {
            return ([], [YAMLErrorMapper.diagnostic(for: error, file: file, lineOffset: 0, rule: .settings, yaml: text)])
        }
        guard let root else { return ([], []) }
        var reader = YAMLValueReader(file: file, lineOffset: 0)
        guard case .sequence(let entries) = root else {
            reader.report(.settings, at: root, "\(file) must be a list of people, each starting with '- id:'")
            return ([], reader.diagnostics)
        }
        var people: [Person] = []
        var seen: [String: SourceLocation] = [:]
        for entry in entries {
            guard case .mapping(let mapping) = entry else {
                reader.report(.settings, at: entry, "each entry of \(file) needs 'id' and 'name'")
                continue
            }
            var values: [String: String] = [:]
            var isTeam = false
            var git: [String] = []
            var audiences: [String] = []
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                switch key {
                case "team": isTeam = reader.bool(value, key: key) ?? false
                case "git": git = reader.list(value, key: key, rule: .settings).map(\.value)
                case "audiences": audiences = reader.list(value, key: key, rule: .settings, ofIDs: true).map(\.value)
                case "id", "name", "role", "email": values[key] = reader.string(value, key: key, rule: .settings)
                default:
                    let hint = Suggestion.closest(to: key, in: knownKeys).map { "did you mean '\($0)'?" } ?? "known keys: \(knownKeys.joined(separator: ", "))"
                    reader.report(.unknownKey, at: keyNode, "unknown key '\(key)' in \(file)", hint: hint)
                }
            }
            let location = reader.location(entry)
            guard let id = values["id"], !id.isEmpty else {
                reader.report(.settings, at: entry, "an entry of \(file) has no 'id'", hint: "add 'id: short-name'; owners refer to it")
                continue
            }
            if let problem = SafeName.problem(id) {
                refused.insert(id)
                reader.report(.settings, at: entry, "the id \(Quoted.text(id)) in \(file) cannot name a page: \(problem)",
                              hint: "use letters, digits and '-', such as 'olena-koval'")
                continue
            }
            if let first = seen[id] {
                reader.report(.settings, at: entry, "the id '\(id)' is used twice in \(file) (first at line \(first.line))", hint: "give each person or team its own id")
                continue
            }
            seen[id] = location
            if values["name"] == nil {
                reader.report(.settings, at: entry, "'\(id)' in \(file) has no 'name'", hint: "add 'name:' with the person's or team's name")
            }
            var email = values["email"]
            if let address = email, let problem = WebAddress.emailProblem(address) {
                reader.report(.settings, at: entry, "the email of '\(id)' in \(file), \(Quoted.text(address)), is not used: \(problem)",
                              hint: "write the address alone, such as 'olena.koval@example.com'")
                email = nil
            }
            var person = Person(id: id, name: values["name"] ?? id, role: values["role"], email: email, isTeam: isTeam, location: location, git: git)
            person.audiences = audiences
            people.append(person)
        }
        return (people, reader.diagnostics)
    }
}
