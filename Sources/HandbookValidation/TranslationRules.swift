import HandbookModel

/// `missing-translation`: every policy and principle in every configured language.
enum TranslationRules {
    static func checkSite(_ context: ValidationContext) -> [Diagnostic] {
        let languages = context.handbook.settings.languages
        guard languages.count > 1 else { return [] }
        var findings: [Diagnostic] = []
        for (key, pages) in context.entities where key.kind == .policy || key.kind == .principle {
            let missing = languages.filter { language in !pages.contains { $0.language == language } }
            guard !missing.isEmpty, let page = context.representative(key) else { continue }
            let folder = key.kind.folder ?? ""
            let files = missing.map { $0 == languages[0] ? "\(folder)/\(key.id).md" : "\(folder)/\(key.id).\($0).md" }
            findings.append(Diagnostic(.missingTranslation, at: SourceLocation(file: page.path),
                                       "the \(key.kind.rawValue) '\(key.id)' has no \(missing.joined(separator: ", ")) version",
                                       hint: "add \(files.joined(separator: ", "))"))
        }
        return findings
    }
}
