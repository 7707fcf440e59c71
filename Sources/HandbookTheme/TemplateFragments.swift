import Foundation

/// The rendered text of a section's body for one element of a list, kept from one rendering to the next:
/// the preview server renders A–Z and the lists again after a retitle, and most of their entries are the
/// same dictionaries as before (`PageValueMemo` keeps them), so their text is taken as it was instead of
/// rendered again (on 10,000 pages, rendering the Ukrainian A–Z's 10,000 entries took 55 ms).
///
/// An element's text is kept only when it depended on nothing but the element: every lookup its rendering
/// made (partials' too) was answered by the element or by a value pushed from it, or by nothing at all (a
/// name found nowhere, `{{#lang}}` of an entry without one: kept with the text, which is used again only
/// while no such name is found around the list), none read the sequence position, and it is not indented. It is found
/// again by the element's storage (the entry holds the element: its storage is no other's while the text
/// is kept, and a dictionary that another holds is copied when changed, so its values stay), the body and
/// the escaper in effect. Texts above `largest` (a list of lists, like A–Z's letter groups, whose elements
/// are made anew for each rendering) are not kept. Texts of elements no list hands over again (a page that
/// changed, a list made anew for each rendering) stay until the kept texts pass `limit` bytes, when all are
/// dropped and the next rendering of each list is a whole one (on 10,000 pages the lists' texts are about
/// 12 MB, and a retitle leaves about 2 MB behind: one whole rendering in some 25 saves).
public final class TemplateFragments: @unchecked Sendable {
    struct Key: Hashable {
        let body: ObjectIdentifier
        let element: ObjectIdentifier
        let escaper: Int
    }

    /// A kept text with what its key names, held so that neither address is another's while it is kept.
    private struct Kept {
        let element: [String: Any]
        let body: TemplatePlan.Body
        let text: String
        let misses: [String]
    }

    static let largest = 16_384
    private let lock = NSLock()
    private var texts: [Key: Kept] = [:]
    private var bytes = 0
    private let limit: Int

    public init(limit: Int = 64 << 20) {
        self.limit = limit
    }

    /// How many texts are kept.
    var count: Int { lock.withLock { texts.count } }

    /// A kept text, with the names its rendering found nowhere.
    func text(_ key: Key) -> (text: String, misses: [String])? { lock.withLock { texts[key].map { ($0.text, $0.misses) } } }

    func keep(_ text: String, misses: [String], for key: Key, element: [String: Any], body: TemplatePlan.Body) {
        guard text.utf8.count <= Self.largest else { return }
        lock.withLock {
            if bytes + text.utf8.count > limit {
                texts.removeAll()
                bytes = 0
            }
            if let old = texts.updateValue(Kept(element: element, body: body, text: text, misses: misses), forKey: key) { bytes -= old.text.utf8.count }
            bytes += text.utf8.count
        }
    }

    /// The identity of a dictionary's storage (on Linux a dictionary is one reference to it).
    static func identity(_ element: [String: Any]) -> ObjectIdentifier {
        ObjectIdentifier(unsafeBitCast(element, to: AnyObject.self))
    }
}
