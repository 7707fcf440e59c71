import HandbookModel
import Yams

/// Reads `handbook.yml`. A missing file gives default settings (so a plain Markdown folder builds) and no finding.
enum SettingsLoader {
    static let file = "handbook.yml"
    static let knownKeys = ["title", "languages", "base_url", "repository", "review_interval_days", "recent_changes", "site_url", "acknowledgements",
                            "reviews_due_days", "repository_branch", "forge"]

    static func load(root: String) -> (Settings, [Diagnostic]) {
        let fallbackTitle = String(root.split(separator: "/").last.map { $0 == "content" ? "Handbook" : String($0) } ?? "Handbook")
        var settings = Settings(title: fallbackTitle)
        guard let bytes = FileReader.bytes(atPath: "\(root)/\(file)") else { return (settings, []) }
        let text: String
        switch SourceText.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure: return (settings, [Diagnostic(.unreadableFile, at: SourceLocation(file: file), "\(file) is not UTF-8 text", hint: "save it as UTF-8")])
        }
        var reader = YAMLValueReader(file: file, lineOffset: 0)
        let root: Node?
        do {
            root = try YAMLText.compose(text)
        } catch {
            return (settings, [YAMLErrorMapper.diagnostic(for: error, file: file, lineOffset: 0, rule: .settings, yaml: text)])
        }
        guard let root, case .mapping(let mapping) = root else {
            return (settings, [Diagnostic(.settings, at: SourceLocation(file: file), "\(file) must be a set of 'key: value' lines", hint: "start with 'title: My handbook'")])
        }
        var sawTitle = false
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            switch key {
            case "title":
                if let title = reader.string(value, key: key, rule: .settings), !title.isEmpty { settings.title = title; sawTitle = true }
            case "languages":
                let languages = reader.list(value, key: key, rule: .settings, ofIDs: true)
                for language in languages where !isLanguageCode(language.value) {
                    let hint = reservedFolders.contains(language.value) ? "'\(language.value)' names a folder of the site; use short codes such as uk, ru, en" : "use short codes such as uk, ru, en"
                    reader.report(.settings, at: value, "\(Quoted.text(language.value)) is not a language code", hint: hint)
                }
                let codes = languages.map(\.value).filter(isLanguageCode)
                if !codes.isEmpty { settings.languages = unique(codes) }
            case "base_url":
                if let base = reader.string(value, key: key, rule: .settings) {
                    if let problem = Settings.baseURLProblem(base) {
                        reader.report(.settings, at: value, "base_url \(Quoted.text(base)) is not used: \(problem)", hint: "write the path the site is served under, such as '/handbook/'")
                    } else {
                        settings.baseURL = Settings.normalizeBaseURL(base)
                    }
                }
            case "repository":
                settings.repository = webAddress(value, key: key, reader: &reader, unused: "is not used for links",
                                                 hint: "write the repository's web address, such as 'https://github.com/acme/handbook'")
            case "site_url":
                settings.siteURL = webAddress(value, key: key, reader: &reader, unused: "is not used",
                                              hint: "write the address the site is published at, such as 'https://handbook.example.com'")
            case "acknowledgements":
                guard case .mapping(let fields) = value else {
                    reader.report(.settings, at: value, "acknowledgements must be a mapping with 'mailbox' and/or 'form_url'",
                                  hint: "for example 'acknowledgements: {mailbox: acks@example.com}'")
                    continue
                }
                for (fieldNode, field) in fields {
                    switch fieldNode.string {
                    case "mailbox":
                        guard let address = reader.string(field, key: "mailbox", rule: .settings), !address.isEmpty else { continue }
                        if let problem = WebAddress.emailProblem(address) {
                            reader.report(.settings, at: field, "acknowledgements.mailbox \(Quoted.text(address)) is not used: \(problem)",
                                          hint: "write the address alone, such as 'acks@example.com'")
                        } else {
                            settings.acknowledgementMailbox = address
                        }
                    case "form_url":
                        settings.acknowledgementForm = webAddress(field, key: "acknowledgements.form_url", reader: &reader, unused: "is not used",
                                                                  hint: "write the form's address, such as 'https://forms.example.com/ack?policy={policy}&version={version}'")
                    default:
                        let name = fieldNode.string ?? ""
                        let hint = Suggestion.closest(to: name, in: ["mailbox", "form_url"]).map { "did you mean '\($0)'?" } ?? "known keys: mailbox, form_url"
                        reader.report(.unknownKey, at: fieldNode, "unknown key '\(name)' in acknowledgements of \(file)", hint: hint)
                    }
                }
            case "review_interval_days":
                if let text = reader.string(value, key: key, rule: .settings) {
                    if let days = Int(text), (1...36_500).contains(days) { settings.reviewIntervalDays = days } else {
                        reader.report(.settings, at: value, "review_interval_days must be a whole number of days from 1 to 36500, not '\(text.prefix(40))'", hint: "for example 'review_interval_days: 365'")
                    }
                }
            case "forge":
                if let text = reader.string(value, key: key, rule: .settings) {
                    if let kind = Forge.Kind(rawValue: text.lowercased()) { settings.forge = kind } else {
                        reader.report(.settings, at: value, "forge must be github, gitlab or gitea (also for Forgejo), not \(Quoted.text(text, limit: 40))",
                                      hint: "the software the repository's site runs, for 'Edit this page' links")
                    }
                }
            case "reviews_due_days":
                if let text = reader.string(value, key: key, rule: .settings) {
                    if let days = Int(text), (1...3_650).contains(days) { settings.reviewsDueDays = days } else {
                        reader.report(.settings, at: value, "reviews_due_days must be a whole number of days from 1 to 3650, not \(Quoted.text(text, limit: 40))", hint: "for example 'reviews_due_days: 30'")
                    }
                }
            case "repository_branch":
                if let text = reader.string(value, key: key, rule: .settings) {
                    // A git branch name as it goes into a web address: no spaces, controls, '..', or characters git refuses.
                    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                    let allowed = !text.isEmpty && text.count <= 200 && !text.contains("..") && !text.contains("@{") && !text.hasSuffix(".lock")
                        && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
                        && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"~^:?*[\\ #%\"'<>".unicodeScalars.contains($0) }
                    if allowed { settings.repositoryBranch = text } else {
                        reader.report(.settings, at: value, "repository_branch must be a branch name such as 'main', not \(Quoted.text(text, limit: 40))", hint: "the branch the repository's pages are edited on")
                    }
                }
            case "recent_changes":
                if let text = reader.string(value, key: key, rule: .settings) {
                    if let count = Int(text), (1...1_000).contains(count) { settings.recentChanges = count } else {
                        reader.report(.settings, at: value, "recent_changes must be a whole number from 1 to 1000, not \(Quoted.text(text, limit: 40))", hint: "for example 'recent_changes: 20'")
                    }
                }
            default:
                let hint = Suggestion.closest(to: key, in: knownKeys).map { "did you mean '\($0)'?" } ?? "known keys: \(knownKeys.joined(separator: ", "))"
                reader.report(.unknownKey, at: keyNode, "unknown key '\(key)' in \(file)", hint: hint)
            }
        }
        var diagnostics = reader.diagnostics
        if !sawTitle {
            diagnostics.append(Diagnostic(.settings, at: SourceLocation(file: file), "\(file) has no 'title'", hint: "add 'title: Customer Policy Handbook'"))
        }
        return (settings, diagnostics)
    }

    /// A language's pages live under `CODE/`: a code may not be a folder the site already has.
    static let reservedFolders: Set<String> = ["people", "search", "changes", "a-z", "assets", "policies", "principles", "examples", "faq", "history", "briefing", "self-check", "acknowledgements", "audiences"]

    static func isLanguageCode(_ text: String) -> Bool {
        (2...8).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") } && !text.hasPrefix("-")
            && !reservedFolders.contains(text.lowercased())
    }

    /// An `http(s)://` address setting; nil (and a `settings` finding saying why) when it is not one.
    private static func webAddress(_ value: Node, key: String, reader: inout YAMLValueReader, unused: String, hint: String) -> String? {
        guard let address = reader.string(value, key: key, rule: .settings), !address.isEmpty else { return nil }
        guard let problem = WebAddress.problem(address) else { return address }
        reader.report(.settings, at: value, "\(key) \(Quoted.text(address)) \(unused): \(problem)", hint: hint)
        return nil
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
