/// A word as UTF-16 code units (the same units JavaScript strings use), with the suffix tests stemmers need.
struct SuffixWord {
    var units: [UInt16]

    init(_ units: [UInt16]) { self.units = units }

    var count: Int { units.count }

    /// Whether the word ends with `suffix` and the suffix starts at or after `limit`.
    func ends(with suffix: [UInt16], limit: Int = 0) -> Bool {
        let start = units.count - suffix.count
        guard start >= limit, start >= 0 else { return false }
        for index in 0..<suffix.count where units[start + index] != suffix[index] { return false }
        return true
    }

    /// The longest of `suffixes` (sorted longest first) the word ends with, starting at or after `limit`.
    func longest(of suffixes: SuffixList, limit: Int = 0) -> (suffix: [UInt16], group: Int)? {
        for entry in suffixes.entries where ends(with: entry.suffix, limit: limit) {
            return entry
        }
        return nil
    }

    /// The unit before the last `length` units, if it lies at or after `limit`.
    func unit(before length: Int, limit: Int = 0) -> UInt16? {
        let index = units.count - length - 1
        return index >= limit && index >= 0 ? units[index] : nil
    }

    mutating func removeLast(_ length: Int) { units.removeLast(length) }

    mutating func replaceLast(_ length: Int, with replacement: String) {
        units.removeLast(length)
        units.append(contentsOf: replacement.utf16)
    }
}

/// Suffixes with a group number, kept longest first so the first match is the longest.
struct SuffixList {
    let entries: [(suffix: [UInt16], group: Int)]

    init(_ groups: [Int: [String]]) {
        var entries: [(suffix: [UInt16], group: Int)] = []
        for (group, suffixes) in groups {
            for suffix in suffixes { entries.append((Array(suffix.utf16), group)) }
        }
        self.entries = entries.sorted { $0.suffix.count != $1.suffix.count ? $0.suffix.count > $1.suffix.count : $0.suffix.lexicographicallyPrecedes($1.suffix) }
    }

    init(_ suffixes: [String]) { self.init([1: suffixes]) }
}

extension UInt16 {
    init(unit character: Unicode.Scalar) { self = UInt16(truncatingIfNeeded: character.value) }
}
