import Foundation
import HandbookModel
import HandbookSearch
import HandbookTheme

/// What lists and A–Z make of each page (its link context, its place in the order, its letter), kept from
/// one state of the site to the next by the preview server, so that a save re-makes the entries of the pages
/// it changed and takes the others' as they were: on 10,000 pages, a retitle spent 120 ms making the
/// Ukrainian A–Z's 10,000 entries again, and its kind's list 60 ms more.
///
/// A value is a function of the page it was made from, the language and the site's settings and strings: it
/// is used again only for an equal page (the same file, read to the same values; pages that were not read
/// again share their contents, so the test is a few short comparisons), and a memo lives only while the
/// settings, people and theme stay as they were (`LiveState` starts a new one otherwise). A build makes no
/// memo (`enabled: false`): each value is made once there anyway.
public final class PageValueMemo: @unchecked Sendable {
    /// One entry of A–Z: its context, where it sorts and the letter it is listed under.
    struct Entry {
        let item: [String: Any]
        let order: [Int]
        let letter: String
    }

    private struct Slot: Hashable {
        let key: PageKey
        let language: String
    }

    private let enabled: Bool
    private let lock = NSLock()
    private var links: [Slot: (page: Page, value: [String: Any])] = [:]
    private var entries: [Slot: (page: Page, value: Entry)] = [:]
    private var listOrders: [Slot: (page: Page, value: [UInt8])] = [:]
    private var searchSections: [Slot: (page: Page, value: [SearchSection])] = [:]
    /// The texts of list entries rendered from these values (nil when the memo is not enabled).
    let fragments: TemplateFragments?

    public init(enabled: Bool = true) {
        self.enabled = enabled
        fragments = enabled ? TemplateFragments() : nil
    }

    func link(_ page: Page, language: String, make: () -> [String: Any]) -> [String: Any] {
        value(in: \.links, page, language, make)
    }

    func entry(_ page: Page, language: String, make: () -> Entry) -> Entry {
        value(in: \.entries, page, language, make)
    }

    func listOrder(_ page: Page, language: String, make: () -> [UInt8]) -> [UInt8] {
        value(in: \.listOrders, page, language, make)
    }

    /// A page's text cut into its search sections: the live search index compares every page's document
    /// after a page came or went, and documents made from the same kept sections share their text (the
    /// comparison is a pointer's, and cutting 10,000 pages' text again was most of that search step).
    func searchSections(_ page: Page, make: () -> [SearchSection]) -> [SearchSection] {
        value(in: \.searchSections, page, page.language, make)
    }

    /// The value kept for an equal page, else a new one, kept.
    private func value<Value>(in table: ReferenceWritableKeyPath<PageValueMemo, [Slot: (page: Page, value: Value)]>, _ page: Page,
                              _ language: String, _ make: () -> Value) -> Value {
        guard enabled else { return make() }
        let slot = Slot(key: page.key, language: language)
        if let kept = lock.withLock({ self[keyPath: table][slot] }), kept.page == page { return kept.value }
        let value = make()
        lock.withLock { self[keyPath: table][slot] = (page, value) }
        return value
    }
}
