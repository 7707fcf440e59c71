/// The Snowball Russian stemmer, as Snowball 3 defines it (words already lowercased, `ё` already `е`).
/// Its JavaScript twin is in `theme/assets/search.js`.
enum RussianStemmer {
    private static let vowels: Set<UInt16> = Set("аеиоуыэюя".utf16)
    private static let gerund = SuffixList([1: ["в", "вши", "вшись"], 2: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]])
    private static let adjective = SuffixList(["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
                                               "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"])
    private static let participle = SuffixList([1: ["ем", "нн", "вш", "ющ", "щ"], 2: ["ивш", "ывш", "ующ"]])
    private static let reflexive = SuffixList(["ся", "сь"])
    private static let verb = SuffixList([
        1: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
        2: ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло",
            "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"],
    ])
    private static let noun = SuffixList(["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой",
                                          "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь",
                                          "ию", "ью", "ю", "ия", "ья", "я"])
    private static let derivational = SuffixList(["ост", "ость"])
    private static let tidy = SuffixList([1: ["ейш", "ейше"], 2: ["н"], 3: ["ь"]])
    private static let a = UInt16(unit: "а"), ya = UInt16(unit: "я"), n = UInt16(unit: "н"), i = UInt16(unit: "и")

    static func stem(_ input: [UInt16]) -> [UInt16] {
        var word = SuffixWord(input)
        let (rv, r2) = regions(input)
        guard rv < word.count else { return input }
        if !removeGroupOne(&word, list: gerund, limit: rv) {
            if let (suffix, _) = word.longest(of: reflexive, limit: rv) { word.removeLast(suffix.count) }
            if let (suffix, _) = word.longest(of: adjective, limit: rv) {
                word.removeLast(suffix.count)
                _ = removeGroupOne(&word, list: participle, limit: rv)
            } else if !removeGroupOne(&word, list: verb, limit: rv), let (suffix, _) = word.longest(of: noun, limit: rv) {
                word.removeLast(suffix.count)
            }
        }
        if word.count > rv, word.units.last == i { word.removeLast(1) }
        if let (suffix, _) = word.longest(of: derivational, limit: rv), word.count - suffix.count >= r2 {
            word.removeLast(suffix.count)
        }
        if let (suffix, group) = word.longest(of: tidy, limit: rv) {
            switch group {
            case 1:
                word.removeLast(suffix.count)
                if word.ends(with: [n, n], limit: rv) { word.removeLast(1) }
            case 2:
                if word.unit(before: 1, limit: rv) == n { word.removeLast(1) }
            default:
                word.removeLast(1)
            }
        }
        return word.units
    }

    /// Removes the longest suffix of `list`; a group-1 suffix only after `а` or `я`.
    private static func removeGroupOne(_ word: inout SuffixWord, list: SuffixList, limit: Int) -> Bool {
        guard let (suffix, group) = word.longest(of: list, limit: limit) else { return false }
        if group == 1 {
            guard let previous = word.unit(before: suffix.count, limit: limit), previous == a || previous == ya else { return false }
        }
        word.removeLast(suffix.count)
        return true
    }

    /// RV (after the first vowel) and R2, as start offsets.
    static func regions(_ units: [UInt16]) -> (Int, Int) {
        let count = units.count
        var index = 0
        while index < count, !vowels.contains(units[index]) { index += 1 }
        guard index < count else { return (count, count) }
        let rv = index + 1
        index = rv
        /// Moves past the first unit that is (or is not) a vowel.
        func passFirst(vowel: Bool) -> Bool {
            while index < count, vowels.contains(units[index]) != vowel { index += 1 }
            guard index < count else { return false }
            index += 1
            return true
        }
        guard passFirst(vowel: false), passFirst(vowel: true), passFirst(vowel: false) else { return (rv, count) }
        return (rv, index)
    }
}
