import Foundation
import HandbookContent
import HandbookHistory
import HandbookModel

/// `handbook acks import FILE…`: receipts from mail and form exports become entries of the ledger
/// (`acknowledgements/POLICY.yml`), which the team reviews and commits like any other change. A receipt
/// whose policy, language or version does not exist, or whose checksum does not match, is not written
/// (each is reported with its file and line); one already in the ledger is skipped.
public struct AcknowledgementImport {
    public let options: BuildOptions

    public init(options: BuildOptions) { self.options = options }

    public struct Outcome: Sendable {
        public enum Kind: Sendable, Equatable { case imported, duplicate, refused }
        public var kind: Kind
        public var location: SourceLocation
        public var message: String
    }

    public struct Report: Sendable {
        public var outcomes: [Outcome] = []
        /// The ledger files written (content-relative).
        public var written: [String] = []
        public var refused: Int { outcomes.count { $0.kind == .refused } }
        public var imported: Int { outcomes.count { $0.kind == .imported } }
    }

    public func run(files: [String]) throws -> Report {
        let builder = SiteBuilder(options: options)
        let handbook = try builder.load()
        let pages = options.builtPages(of: handbook)
        let raw = options.history ? GitLog(runner: options.git).readRaw(content: options.content) : nil
        let history = raw.map { GitLog.history(from: $0, paths: Set(pages.map(\.path))) }
        var policies: [String: [String: Page]] = [:]
        for page in pages where page.kind == .policy { policies[page.id, default: [:]][page.language] = page }
        var byName: [String: Person] = [:], byAddress: [String: Person] = [:]
        for person in handbook.people.reversed() where !person.isTeam {
            byName[person.name.lowercased()] = person
            byName[person.id.lowercased()] = person
            if let email = person.email { byAddress[email.lowercased()] = person }
            for identity in person.git where identity.contains("@") { byAddress[identity.lowercased()] = person }
        }
        var report = Report()
        var known = Set(handbook.acknowledgements.map(Self.identity))
        var added: [String: [Acknowledgement]] = [:]
        for file in files {
            guard let bytes = FileReader.bytes(atPath: file) else {
                report.outcomes.append(Outcome(kind: .refused, location: SourceLocation(file: file), message: "the file cannot be read"))
                continue
            }
            let found: [ReceiptSources.Found]
            do { found = try ReceiptSources.read(path: file, bytes: bytes) } catch ReceiptSources.Problem.unknownFormat {
                report.outcomes.append(Outcome(kind: .refused, location: SourceLocation(file: file), message: "not a receipt file: give .eml, .mbox or .csv files"))
                continue
            } catch ReceiptSources.Problem.unreadable(let why) {
                report.outcomes.append(Outcome(kind: .refused, location: SourceLocation(file: file), message: why))
                continue
            }
            if found.isEmpty {
                report.outcomes.append(Outcome(kind: .refused, location: SourceLocation(file: file), message: "no acknowledgement receipt in this file"))
            }
            for item in found {
                let receipt = item.receipt
                func refuse(_ why: String) { report.outcomes.append(Outcome(kind: .refused, location: item.location, message: why)) }
                if let problem = SafeName.problem(receipt.policy) { refuse("the policy id \(Quoted.text(receipt.policy)) cannot be used: \(problem)"); continue }
                guard let translations = policies[receipt.policy] else { refuse("there is no policy \(Quoted.text(receipt.policy))"); continue }
                guard let policy = translations[receipt.language] else {
                    refuse("the policy \(Quoted.text(receipt.policy)) has no version in \(Quoted.text(receipt.language, limit: 20))"); continue
                }
                guard receipt.hasValidChecksum else { refuse("the checksum does not match the receipt's fields (it was changed or mistyped)"); continue }
                guard PageVersion.isWellFormed(receipt.version) else { refuse("\(Quoted.text(receipt.version, limit: 60)) is not a version id (YYYY-MM-DD-hash)"); continue }
                // A shallow clone knows only its newest commits: an older version cannot be told from a wrong one.
                if let history, history.state == .complete, history.revisions[policy.path] != nil,
                   !history.allVersions(policy.path).contains(where: { $0.id == receipt.version }) {
                    refuse("\(Quoted.text(receipt.version, limit: 60)) is not a version of \(policy.path)"); continue
                }
                let date = receipt.date.isEmpty ? nil : Day(receipt.date)
                if !receipt.date.isEmpty && date == nil { refuse("the date \(Quoted.text(receipt.date, limit: 20)) is not YYYY-MM-DD"); continue }
                // The name the reader gave says who they are; only a receipt without one (the page's link
                // without JavaScript) is the sender's: a lead forwarding others' receipts is not credited with them.
                let person = receipt.name.isEmpty ? item.from.flatMap { byAddress[$0.lowercased()] } : byName[receipt.name.lowercased()]
                if receipt.name.isEmpty && item.from == nil {
                    refuse("the receipt gives no name and its sender's address cannot be read: nobody to credit"); continue
                }
                let file = "\(Acknowledgement.folder)\(receipt.policy).yml"
                let entry = Acknowledgement(policy: receipt.policy, language: receipt.language, version: receipt.version, name: receipt.name,
                                            date: date, received: item.received, person: person?.id, from: item.from, checksum: receipt.checksum,
                                            location: SourceLocation(file: file))
                guard known.insert(Self.identity(entry)).inserted else {
                    report.outcomes.append(Outcome(kind: .duplicate, location: item.location, message: "already in the ledger: \(Self.describe(entry, person))"))
                    continue
                }
                added[file, default: []].append(entry)
                let note = person == nil ? " (nobody in people.yml has this name or address: check will warn until they are added)" : ""
                report.outcomes.append(Outcome(kind: .imported, location: item.location, message: "\(Self.describe(entry, person)) → \(file)\(note)"))
            }
        }
        for (file, entries) in added.sorted(by: { $0.key < $1.key }) {
            try append(entries, to: file)
            report.written.append(file)
        }
        return report
    }

    /// One acknowledgement per person (or name, or address), policy, language and version.
    static func identity(_ entry: Acknowledgement) -> String {
        [entry.policy, entry.language, entry.version, entry.person ?? "", entry.person == nil ? entry.name.lowercased() : "", entry.person == nil && entry.name.isEmpty ? entry.from?.lowercased() ?? "" : ""]
            .joined(separator: "\u{0}")
    }

    static func describe(_ entry: Acknowledgement, _ person: Person?) -> String {
        let who = person?.name ?? (entry.name.isEmpty ? entry.from ?? "?" : entry.name)
        return Quoted.plain("\(who): \(entry.policy) (\(entry.language)) version \(entry.version)", limit: 300)
    }

    /// Appends entries to a ledger file, atomically (a temporary file renamed over it).
    func append(_ entries: [Acknowledgement], to file: String) throws {
        let folder = "\(options.content)/\(Acknowledgement.folder)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(options.content)/\(file)"
        var text = FileReader.bytes(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            ?? "# Acknowledgements of the policy '\(LedgerLoader.policy(of: file))', written by `handbook acks import`: one entry per receipt.\n"
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += LedgerLoader.text(of: entries)
        let temporary = "\(folder).\(UUID().uuidString).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
