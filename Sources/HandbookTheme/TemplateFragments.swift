import Foundation

/// The rendered text of a section's body for one element of a list, kept from one rendering to the next:
/// the preview server renders A–Z and the lists again after a retitle, and most of their entries are the
/// same dictionaries as before (`PageValueMemo` keeps them), so their text is taken as it was instead of
/// rendered again (on 10,000 pages, rendering the Ukrainian A–Z's 10,000 entries took 55 ms).
///
/// An element's text is kept only when it depended on nothing but the element: every lookup its rendering
/// made (partials' too) was answered by the element or by a value pushed from it, none read the sequence
/// position or missed (an absent name is looked for around the list), and it is not indented. It is found
/// again by the element's storage (a dictionary never changes in place while another holds it; the entry
/// holds it, so its storage is never another's), the body and the escaper in effect.
public final class TemplateFragments: @unchecked Sendable {
    struct Key: Hashable {
        let body: ObjectIdentifier
        let element: ObjectIdentifier
        let escaper: Int
    }

    private let lock = NSLock()
    private var texts: [Key: (element: [String: Any], text: String)] = [:]
    /// Entries of elements no list holds any more are dropped all at once past this many.
    private let limit: Int

    public init(limit: Int = 250_000) {
        self.limit = limit
    }

    /// How many texts are kept.
    var count: Int { lock.withLock { texts.count } }

    func text(_ key: Key) -> String? { lock.withLock { texts[key]?.text } }

    func keep(_ text: String, for key: Key, element: [String: Any]) {
        lock.withLock {
            if texts.count >= limit { texts.removeAll(keepingCapacity: true) }
            texts[key] = (element, text)
        }
    }

    /// The identity of a dictionary's storage (on Linux a dictionary is one reference to it).
    static func identity(_ element: [String: Any]) -> ObjectIdentifier {
        ObjectIdentifier(unsafeBitCast(element, to: AnyObject.self))
    }
}
