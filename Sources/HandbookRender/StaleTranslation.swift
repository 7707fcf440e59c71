import HandbookHistory
import HandbookModel

/// A translation whose source (the page in the default language) has a substantive change newer than
/// the translation's own last change: a warning for its author (`outdated-translation`) and a notice
/// for its readers, with the source's changes since the translation was last brought up to date.
/// Editorial changes of the source do not count (they make no version); a translation with changes not
/// yet committed is being worked on and is not flagged.
public struct StaleTranslation: Sendable {
    public var translation: Page
    public var source: Page
    /// The source's current version, newer than the translation.
    public var sourceVersion: PageVersion
    /// The source's revision the translation last caught up with (nil when the translation is older than
    /// every revision of its source).
    public var since: Revision?

    public static func find(_ translation: Page, source: Page, history: HandbookHistory) -> StaleTranslation? {
        guard translation.path != source.path, !history.uncommitted.contains(translation.path),
              let own = history.lastSubstantive(translation.path), let newest = history.version(source.path) else { return nil }
        let ownTime = Self.seconds(own.timestamp), sourceTime = Self.seconds(newest.revision.timestamp)
        guard let ownTime, let sourceTime, sourceTime > ownTime else { return nil }
        let since = history.revisions[source.path]?.first { Self.seconds($0.timestamp).map { $0 <= ownTime } ?? false }
        return StaleTranslation(translation: translation, source: source, sourceVersion: newest, since: since)
    }

    /// Seconds since 1970 of an ISO 8601 date with its offset (`2026-11-20T10:00:00+02:00`, `…Z`), so that
    /// changes made in different time zones compare as moments.
    public static func seconds(_ timestamp: String) -> Int? {
        let bytes = Array(timestamp.utf8)
        guard bytes.count >= 19, let day = Day(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else { return nil }
        var offset = 0
        if bytes.count >= 25, bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), let h = number(20..<22), let m = number(23..<25) {
            offset = (h * 3600 + m * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        }
        return day.ordinal * 86_400 + hour * 3600 + minute * 60 + second - offset
    }
}
