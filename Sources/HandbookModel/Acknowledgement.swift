/// One reader's acknowledgement of a version of a policy: an entry of the ledger
/// (`acknowledgements/POLICY.yml` in the content folder, written by `handbook acks import`).
public struct Acknowledgement: Sendable, Hashable {
    /// The policy's id: the ledger file's name.
    public var policy: String
    public var language: String
    /// The version acknowledged (`PageVersion.id`).
    public var version: String
    /// The name as the receipt gave it (empty when the receipt had none: the sender's address named the person).
    public var name: String
    /// The date as the receipt gave it (nil when it had none).
    public var date: Day?
    /// When the receipt came (the mail's date, the form's timestamp).
    public var received: Day?
    /// The person in `people.yml`, when one was matched.
    public var person: String?
    /// The sender's address, when the receipt came by mail.
    public var from: String?
    public var checksum: String
    /// Where the entry is in the ledger.
    public var location: SourceLocation

    public init(policy: String, language: String, version: String, name: String, date: Day?, received: Day?, person: String?, from: String?,
                checksum: String, location: SourceLocation) {
        self.policy = policy; self.language = language; self.version = version; self.name = name; self.date = date
        self.received = received; self.person = person; self.from = from; self.checksum = checksum; self.location = location
    }

    /// The person it is from: `person` when people.yml has that id, else the one whose name it gives.
    public func person(among people: [String: Person], byName: [String: Person]) -> Person? {
        if let id = person, let known = people[id] { return known }
        return name.isEmpty ? nil : byName[name.lowercased()]
    }

    /// People by their names (lower-cased), teams left out: what a receipt's name is matched with.
    public static func peopleByName(_ people: [Person]) -> [String: Person] {
        var byName: [String: Person] = [:]
        for person in people.reversed() where !person.isTeam { byName[person.name.lowercased()] = person }
        return byName
    }

    /// The day it counts from: the receipt's own, else when it came.
    public var day: Day? { date ?? received }

    /// What the checksum covers, in the receipt's fixed order (version 1 of the receipt format): the same
    /// text the page's script hashes with CRC-32 (`theme/assets/versions.js`).
    public static func signedText(policy: String, language: String, version: String, name: String, date: String) -> String {
        ["handbook-ack-v1", policy, language, version, name, date].joined(separator: "\n")
    }

    public var signedText: String {
        Self.signedText(policy: policy, language: language, version: version, name: name, date: date?.description ?? "")
    }

    /// The folder of the ledger in the content folder.
    public static let folder = "acknowledgements/"

    /// Whether a content path is in the ledger's folder: nothing there is published (an archived ledger,
    /// a spreadsheet of names and addresses, stays in the repository).
    public static func isPrivate(_ path: String) -> Bool { path.hasPrefix(folder) }

    /// Whether a content path is a ledger file (`acknowledgements/ID.yml`): read as the ledger, never published.
    public static func isLedger(_ path: String) -> Bool {
        guard path.hasPrefix(folder) else { return false }
        let name = path.dropFirst(folder.count)
        return !name.contains("/") && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
    }
}
