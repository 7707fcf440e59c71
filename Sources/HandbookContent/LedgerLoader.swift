import HandbookModel
import Yams

/// Reads the acknowledgement ledger: `acknowledgements/POLICY.yml`, a list of entries that
/// `handbook acks import` writes (and a reviewer reads in the merge request):
///
///     - person: olena-koval          # people.yml id (absent when the receipt's name matched nobody)
///       name: Олена Коваль           # as the receipt gave it ("" when the sender's address named the person)
///       language: uk
///       version: 2026-11-23-71fe0bc
///       date: 2026-12-01             # as the receipt gave it (absent when it had none)
///       received: 2026-12-01         # when it came
///       from: o.koval@example.org    # the sender, for a receipt by mail
///       checksum: 1a2b3c4d
///
/// What the entries mean (a policy, a version, a person that exist; the checksum) is checked by the
/// ledger rules, which know the history; here only their form.
public enum LedgerLoader {
    static let knownKeys = ["person", "name", "language", "version", "date", "received", "from", "checksum"]

    public static func load(root: String, files: [String]) -> ([Acknowledgement], [Diagnostic]) {
        var entries: [Acknowledgement] = [], diagnostics: [Diagnostic] = []
        for file in files.sorted() {
            let (found, problems) = read(root: root, file: file)
            entries += found
            diagnostics += problems
        }
        return (entries, diagnostics)
    }

    /// The policy a ledger file is for: its name without `.yml`.
    public static func policy(of file: String) -> String {
        let name = String(file.dropFirst(Acknowledgement.folder.count))
        return name.hasSuffix(".yaml") ? String(name.dropLast(5)) : String(name.dropLast(4))
    }

    static func read(root: String, file: String) -> ([Acknowledgement], [Diagnostic]) {
        let policy = policy(of: file)
        if let problem = SafeName.problem(policy) {
            return ([], [Diagnostic(.ackEntry, at: SourceLocation(file: file), "the ledger file's name \(Quoted.text(policy)) cannot name a policy: \(problem)",
                                    hint: "name it after the policy's id, such as acknowledgements/client-first.yml")])
        }
        guard let bytes = FileReader.bytes(atPath: "\(root)/\(file)") else {
            return ([], [Diagnostic(.unreadableFile, at: SourceLocation(file: file), "\(file) cannot be read", hint: "check its permissions")])
        }
        guard case .success(let text) = SourceText.decode(bytes) else {
            return ([], [Diagnostic(.unreadableFile, at: SourceLocation(file: file), "\(file) is not UTF-8 text", hint: "save it as UTF-8")])
        }
        let root: Node?
        do { root = try YAMLText.compose(text) } catch {
            return ([], [YAMLErrorMapper.diagnostic(for: error, file: file, lineOffset: 0, rule: .ackEntry, yaml: text)])
        }
        guard let root else { return ([], []) }
        var reader = YAMLValueReader(file: file, lineOffset: 0)
        guard case .sequence(let items) = root else {
            reader.report(.ackEntry, at: root, "\(file) must be a list of acknowledgements, each starting with '- person:' or '- name:'",
                          hint: "let `handbook acks import` write it")
            return ([], reader.diagnostics)
        }
        var entries: [Acknowledgement] = []
        for item in items {
            guard case .mapping(let mapping) = item else {
                reader.report(.ackEntry, at: item, "each entry of \(file) is a mapping with language, version and checksum")
                continue
            }
            var values: [String: String] = [:]
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                guard knownKeys.contains(key) else {
                    let hint = Suggestion.closest(to: key, in: knownKeys).map { "did you mean '\($0)'?" } ?? "known keys: \(knownKeys.joined(separator: ", "))"
                    reader.report(.unknownKey, at: keyNode, "unknown key '\(key)' in \(file)", hint: hint)
                    continue
                }
                values[key] = reader.string(value, key: key, rule: .ackEntry)
            }
            let location = reader.location(item)
            var missing: [String] = []
            for key in ["language", "version", "checksum"] where (values[key] ?? "").isEmpty { missing.append(key) }
            if (values["person"] ?? "").isEmpty && (values["name"] ?? "").isEmpty && (values["from"] ?? "").isEmpty { missing.append("person, name or from") }
            if !missing.isEmpty {
                reader.report(.ackEntry, at: item, "an acknowledgement in \(file) has no \(missing.joined(separator: ", "))",
                              hint: "write each entry as `handbook acks import` does")
                continue
            }
            func day(_ key: String) -> Day?? {
                guard let text = values[key], !text.isEmpty else { return .some(nil) }
                guard let day = Day(text) else {
                    reader.report(.ackEntry, at: item, "the \(key) \(Quoted.text(text)) of an acknowledgement in \(file) is not a date", hint: "write YYYY-MM-DD")
                    return nil
                }
                return .some(day)
            }
            guard let date = day("date"), let received = day("received") else { continue }
            entries.append(Acknowledgement(policy: policy, language: values["language"] ?? "", version: values["version"] ?? "", name: values["name"] ?? "",
                                           date: date, received: received, person: values["person"].flatMap { $0.isEmpty ? nil : $0 },
                                           from: values["from"], checksum: values["checksum"] ?? "", location: location))
        }
        return (entries, reader.diagnostics)
    }

    /// The text of ledger entries, appended to a ledger file: every value a JSON string, which YAML reads
    /// as a double-quoted scalar (no value can break out of its line or its entry).
    public static func text(of entries: [Acknowledgement]) -> String {
        var out = ""
        for entry in entries {
            var first = true
            func line(_ key: String, _ value: String?) {
                guard let value else { return }
                out += (first ? "- " : "  ") + "\(key): \(JSONText.quote(value))\n"
                first = false
            }
            line("person", entry.person)
            line("name", entry.name)
            line("language", entry.language)
            line("version", entry.version)
            line("date", entry.date?.description)
            line("received", entry.received?.description)
            line("from", entry.from)
            line("checksum", entry.checksum)
        }
        return out
    }
}
