/// A light Ukrainian stemmer, derived from the suffix system the way Snowball's Russian stemmer is built
/// (the region RV after the first vowel, longest-match suffix classes), for words already lowercased with apostrophes removed.
///
/// 1. A gerund ending (`-вши`, `-ючи`, `-учи`, `-ачи`, `-ячи`, each optionally reflexive) is removed; otherwise
///    a reflexive `-ся`/`-сь`, then the longest inflectional ending of a noun, an adjective or a verb's personal
///    form, inside RV. Verb endings that nouns share (`-ти`, `-ла`, `-ли`, `-в`) are left alone, so that
///    `кредити`, `правила` and `зарплати` keep their stems.
/// 2. Vowel alternations at the end of the stem: a final `-ост` in RV becomes `-іст` (`якості` → `якіст`, as
///    `якість`); with no ending removed, a fleeting vowel goes: `-ок` after a consonant that follows a vowel
///    becomes `-к` (`знижок`, `випадок` → `знижк`, `випадк`) and `-ець` becomes `-ц` (`продавець` → `продавц`).
/// 3. A final soft sign goes, and a final `нн` becomes `н` (`повернення`, `повернень`).
///
/// Known limits of a light stemmer: consonant alternations (`політика`/`політиці`), adjectives in `-ов-`
/// whose plural `-ові` reads as a noun's dative (`термінові` → `термін`), and the few nouns with a stable `-ок`
/// (`урок` → `урк`, while `уроку` → `урок`).
///
/// `Tests/SearchVectors/uk-paradigms.txt` proves it on real word forms; its JavaScript twin is in `theme/assets/search.js`.
enum UkrainianStemmer {
    private static let vowels: Set<UInt16> = Set("аеєиіїоуюя".utf16)
    private static let gerund = SuffixList(["вши", "вшись", "ючи", "ючись", "учи", "учись", "ачи", "ачись", "ячи", "ячись"])
    private static let reflexive = SuffixList(["ся", "сь"])
    private static let ending = SuffixList([
        // nouns
        "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и",
        "ам", "ям", "ах", "ях", "ами", "ями", "има", "ові", "еві", "єві", "ом", "ем", "єм", "ою", "ею", "єю",
        "ів", "їв", "ей", "ій", "ії", "ію", "ією", "ія", "іям", "іями", "іях",
        // adjectives
        "ий", "ого", "ому", "им", "ім", "ими", "іми", "их", "іх", "ої",
        // verbs: personal endings no common noun shares
        "ю", "еш", "єш", "иш", "іш", "емо", "ємо", "имо", "імо", "ете", "єте", "ите", "іте",
        "ють", "уть", "ять", "ать", "ить", "іть", "йте", "ймо",
    ])
    private static let softSign = UInt16(unit: "ь"), n = UInt16(unit: "н")
    private static let ost = Array("ост".utf16), ok = Array("ок".utf16), ets = Array("ець".utf16)

    static func stem(_ input: [UInt16]) -> [UInt16] {
        var word = SuffixWord(input)
        let rv = regions(input)
        guard rv < word.count else { return input }
        var removed = false
        if let (suffix, _) = word.longest(of: gerund, limit: rv) {
            word.removeLast(suffix.count)
            removed = true
        } else {
            if let (suffix, _) = word.longest(of: reflexive, limit: rv), word.count - suffix.count > rv { word.removeLast(suffix.count) }
            if let (suffix, _) = word.longest(of: ending, limit: rv) {
                word.removeLast(suffix.count)
                removed = true
            }
        }
        if word.ends(with: ost, limit: rv) {
            word.replaceLast(3, with: "іст")
        } else if !removed, word.ends(with: ok), let consonant = word.unit(before: 2), !vowels.contains(consonant),
                  let vowel = word.unit(before: 3), vowels.contains(vowel) {
            word.units.remove(at: word.count - 2)
        } else if !removed, word.ends(with: ets, limit: rv) {
            word.replaceLast(3, with: "ц")
        }
        if word.count > rv, word.units.last == softSign { word.removeLast(1) }
        if word.ends(with: [n, n], limit: rv) { word.removeLast(1) }
        return word.units
    }

    /// RV: what follows the first vowel, as a start offset.
    static func regions(_ units: [UInt16]) -> Int {
        let count = units.count
        var index = 0
        /// Moves past the first unit that is (or is not) a vowel.
        func passFirst(vowel: Bool) -> Bool {
            while index < count, vowels.contains(units[index]) != vowel { index += 1 }
            guard index < count else { return false }
            index += 1
            return true
        }
        return passFirst(vowel: true) ? index : count
    }
}
