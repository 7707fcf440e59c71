import HandbookModel
import HandbookRender

/// The one place that decides what an input change makes stale. Pure: it reads the site's index before
/// and after the changes (`SiteIndex`), never the files, so the build cache (which keeps the index) and
/// the preview server (which keeps the whole state) get the same plan for the same change.
///
/// - The settings, people, templates and strings, or a folder moved as a whole: everything.
/// - A theme asset: the assets (and every page, when asset names carry their content's fingerprint).
/// - A content file: that file.
/// - A page whose text changed and nothing other pages show of it: its own page and history, its
///   document in its language's search, and the briefing packs and self-checks of the policies it
///   belongs to (they print its whole text).
/// - A page added, removed, or showing others something new (its title, summary, owner, relations):
///   besides, the pages of the entities that show it (before and after), their translations, the lists
///   of its kind and A–Z in the languages where it stands for its entity, the home page (when it shows
///   something of the page: `showsOnHome`) and changes in every language, its people's pages, the pages that
///   link to it when it came or went, and every language's search whole. A page that came or went while
///   pages have history pages: everything (old versions' links resolve against the pages there are now).
public enum Planner {
    public static func plan(previous: SiteIndex?, next: SiteIndex, changes: [InputChange]) -> BuildPlan {
        let everything = BuildPlan.everything(languages: next.languages)
        guard let previous, previous.languages == next.languages, previous.people == next.people, previous.hasHistory == next.hasHistory,
              previous.fingerprinted == next.fingerprinted else { return everything }
        var plan = BuildPlan.nothing
        var jobs: Set<JobID> = []
        var listingChanged: [String] = []
        for change in Set(changes).sorted() {
            switch change {
            case .settings, .people, .template, .strings, .folderMoved:
                return everything
            case .themeAsset:
                // A fingerprinted asset's name is in every page.
                if next.fingerprinted { return everything }
                plan.themeAssets = true
            case .history:
                // A page whose revisions changed: its page (the version line, the acknowledgement section) and its
                // history page and history.json; its translations (whether they are behind it); the packs and
                // self-checks that print its version; its search document (it carries the version); for a policy,
                // the acknowledgements. And what shows everyone's history: the changes pages, the feeds and each
                // language's versions (the home job).
                for (path, entry) in next.pages where previous.pages[path]?.history != entry.history {
                    jobs.formUnion(next.ownJobs(path))
                    for other in next.pathsByKey[entry.key] ?? [] where other != path { jobs.formUnion(next.ownJobs(other)) }
                    for policy in next.policies(showing: path) {
                        for language in next.languages {
                            jobs.formUnion([.briefingPack(policy, language: language), .selfCheck(policy, language: language)])
                        }
                    }
                    if entry.key.kind == .policy {
                        for language in next.languages { jobs.insert(.acknowledgements(language: language)) }
                    }
                    plan.search[entry.language] = (plan.search[entry.language] ?? .update([])).merged(with: .update([path]))
                }
                for language in next.languages {
                    jobs.formUnion([.changes(language: language), .home(language: language), .versions(language: language)])
                }
            case .ledger:
                // The acknowledgements page, its CSV and the audience pages show the ledger; nothing else does.
                for language in next.languages { jobs.insert(.acknowledgements(language: language)) }
            case .contentAsset(let path):
                if next.contentAssets.contains(path) {
                    if case .only(var files) = plan.contentAssets { files.insert(path); plan.contentAssets = .only(files) }
                } else if previous.contentAssets.contains(path) {
                    plan.removed.insert(path)
                }
            case .pageEdited(let path), .pageAdded(let path), .pageRemoved(let path):
                let old = previous.pages[path], new = next.pages[path]
                guard old != nil || new != nil else { continue }
                jobs.formUnion(next.ownJobs(path))
                // A policy's title, version, audiences and whether it asks for acknowledgement are on the acknowledgements pages.
                if (old ?? new)?.key.kind == .policy {
                    for language in next.languages { jobs.insert(.acknowledgements(language: language)) }
                }
                // Briefing packs and self-checks print the whole text of a policy's principles and examples.
                for policy in previous.policies(showing: path).union(next.policies(showing: path)) {
                    for language in next.languages {
                        jobs.formUnion([.briefingPack(policy, language: language), .selfCheck(policy, language: language)])
                    }
                }
                if let old, let new, old.signature == new.signature, old.related == new.related, old.people == new.people {
                    plan.search[new.language] = (plan.search[new.language] ?? .update([])).merged(with: .update([path]))
                } else {
                    listingChanged.append(path)
                }
            }
        }
        if plan.themeAssets { plan.removed.formUnion(previous.themeAssets.subtracting(next.themeAssets)) }
        if !listingChanged.isEmpty {
            var wholeSite = false
            jobs.formUnion(showing(listingChanged, previous: previous, next: next, sitemap: &plan.sitemap, removed: &plan.removed, everything: &wholeSite))
            if wholeSite { return everything }
            for language in next.languages { plan.search[language] = .full }
        }
        plan.pages = .only(jobs)
        return plan
    }

    /// Whether the home page may show something else after a page's listing changed: it shows the policies,
    /// the latest briefings, how many pages of each kind and how many good examples there are, each
    /// policy's principle count, and its intro page. A principle's new title, summary or owner is not on it
    /// (its policy is among its relations); a page that came or went changes the counts.
    private static func showsOnHome(_ old: SiteIndex.Entry?, _ new: SiteIndex.Entry?) -> Bool {
        guard let old, let new else { return true }
        switch new.key.kind {
        case .policy, .faq, .example: return true
        case .principle: return old.related != new.related
        case .page: return old.isHomeIntro || new.isHomeIntro
        }
    }

    /// The jobs of the pages that show something of these pages (see the type's comment).
    private static func showing(_ paths: [String], previous: SiteIndex, next: SiteIndex, sitemap: inout Bool, removed: inout Set<String>,
                                everything: inout Bool) -> Set<JobID> {
        var jobs: Set<JobID> = []
        var related: Set<PageKey> = [], kinds: Set<Kind> = [], people: Set<String> = []
        // A language's lists and A–Z show each entity by the page that stands for it there (its own, else the
        // default language's): only the languages where a changed page stands for its entity, before or after.
        var listed: Set<String> = []
        var home = false
        let changed = Set(paths)
        for path in paths {
            let old = previous.pages[path], new = next.pages[path]
            home = home || showsOnHome(old, new)
            for version in [old, new].compactMap({ $0 }) {
                kinds.insert(version.key.kind)
                people.formUnion(version.people)
                related.formUnion(version.related)
            }
            for (index, version) in [(previous, old), (next, new)] {
                guard let version else { continue }
                for language in next.languages where index.representative(version.key, language: language) == path { listed.insert(language) }
            }
            guard old == nil || new == nil, let version = old ?? new else { continue }
            // History pages show old versions whose links are resolved against the pages there are now: a
            // page that came or went may change any of them.
            if next.hasHistory { everything = true }
            // Came or went: its translations (their language switch), the sitemap, the pages linking to it.
            related.insert(version.key)
            sitemap = true
            if let old, new == nil { removed.formUnion(old.outputs) }
            for (other, entry) in next.pages where entry.links.contains(path) { jobs.formUnion(next.ownJobs(other)) }
        }
        for key in related {
            for path in next.pathsByKey[key] ?? [] where !changed.contains(path) { jobs.formUnion(next.ownJobs(path)) }
        }
        for language in next.languages {
            if home { jobs.insert(.home(language: language)) }
            // Every page's title and address, in the language where it stands for its entity (or falls back to it).
            jobs.insert(.versions(language: language))
            for kind in Kind.structured where kinds.contains(kind) && listed.contains(language) { jobs.insert(.list(kind, language: language)) }
            jobs.insert(.people(language: language))
            for id in next.people where people.contains(id) { jobs.insert(.person(id, language: language)) }
            jobs.insert(.changes(language: language))
            if listed.contains(language) { jobs.insert(.allPages(language: language)) }
        }
        return jobs
    }
}
