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
        // Compared by the order the commits landed in (git's log), not by author dates: a source change
        // rebased onto the translation's commit keeps an older author date but came later.
        guard newest.revision.sequence < own.sequence else { return nil }
        let since = history.revisions[source.path]?.first { $0.sequence >= own.sequence }
        return StaleTranslation(translation: translation, source: source, sourceVersion: newest, since: since)
    }
}
