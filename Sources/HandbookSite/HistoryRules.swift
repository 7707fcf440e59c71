import HandbookContent
import HandbookHistory
import HandbookModel
import HandbookRender

/// The rules that need the version history: translations that fell behind their source
/// (`outdated-translation`) and the acknowledgement ledger (`ack-*`: a policy, language and version that
/// exist, a checksum that matches, a person people.yml knows). Without history, only what needs none.
public enum HistoryRules {
    public static func findings(_ handbook: Handbook, pages: [Page], history: HandbookHistory?) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let defaultLanguage = handbook.settings.defaultLanguage
        var byKey: [PageKey: [String: Page]] = [:]
        for page in pages { byKey[page.key, default: [:]][page.language] = page }
        if let history {
            for page in pages where page.language != defaultLanguage {
                guard let source = byKey[page.key]?[defaultLanguage], let stale = StaleTranslation.find(page, source: source, history: history) else { continue }
                let version = stale.sourceVersion
                findings.append(Diagnostic(.outdatedTranslation, at: SourceLocation(file: page.path, line: 1, column: 1),
                                           "this translation is older than its source: \(source.path) changed on \(version.date) (version \(version.id): \(Quoted.text(version.revision.subject, limit: 80))), after this file's last change",
                                           hint: "bring the translation up to date with the source's changes since then, which the source's history page compares, and commit it; a source change that needs no translation is marked 'Handbook-Change: editorial'"))
            }
        }
        findings += ledger(handbook, byKey: byKey, history: history)
        return findings
    }

    static func ledger(_ handbook: Handbook, byKey: [PageKey: [String: Page]], history: HandbookHistory?) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let people = Dictionary(handbook.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byName = Acknowledgement.peopleByName(handbook.people)
        var versions: [String: Set<String>] = [:]
        for entry in handbook.acknowledgements {
            guard let translations = byKey[PageKey(kind: .policy, id: entry.policy)] else {
                findings.append(Diagnostic(.ackUnknownPolicy, at: entry.location, "the ledger names the policy \(Quoted.text(entry.policy)), which does not exist",
                                           hint: "a ledger file is named after a policy's id; move the entry to the right file or remove it"))
                continue
            }
            guard let policy = translations[entry.language] else {
                findings.append(Diagnostic(.ackUnknownPolicy, at: entry.location,
                                           "the policy \(Quoted.text(entry.policy)) has no version in the language \(Quoted.text(entry.language, limit: 20))",
                                           hint: "its languages are \(translations.keys.sorted().joined(separator: ", "))"))
                continue
            }
            if !PageVersion.isWellFormed(entry.version) {
                findings.append(Diagnostic(.ackUnknownVersion, at: entry.location, "\(Quoted.text(entry.version, limit: 60)) is not a version id (YYYY-MM-DD-hash)",
                                           hint: "a version is named on its policy's page, such as 2026-11-23-71fe0bc"))
            } else if let history, history.state == .complete, history.revisions[policy.path] != nil {
                // A shallow clone knows only its newest commits: older versions cannot be told from wrong ones.
                let known = versions[policy.path] ?? Set(history.allVersions(policy.path).map(\.id))
                versions[policy.path] = known
                if !known.contains(entry.version) {
                    findings.append(Diagnostic(.ackUnknownVersion, at: entry.location,
                                               "\(Quoted.text(entry.version, limit: 60)) is not a version of \(policy.path)",
                                               hint: known.isEmpty ? "the policy has no committed version yet" : "its versions are named on its page and history page, such as \(history.version(policy.path)?.id ?? "")"))
                }
            }
            if entry.checksum.lowercased() != Receipt.checksum(entry.signedText) {
                findings.append(Diagnostic(.ackChecksum, at: entry.location, "the checksum of this acknowledgement does not match its policy, language, version, name and date",
                                           hint: "the entry was changed after it was imported, or the receipt was mistyped: import the receipt again"))
            }
            if entry.person(among: people, byName: byName) == nil {
                let who = entry.person ?? (entry.name.isEmpty ? entry.from ?? "" : entry.name)
                findings.append(Diagnostic(.ackUnknownPerson, at: entry.location, "the acknowledgement of \(Quoted.text(who, limit: 80)) names nobody in people.yml",
                                           hint: "add the person to people.yml, or set 'person:' to their id"))
            }
        }
        return findings
    }
}
