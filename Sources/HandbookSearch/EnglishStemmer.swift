/// The Snowball English ("Porter2") stemmer, as Snowball 3 defines it, for words of the letters a–z.
/// Its JavaScript twin is in `theme/assets/search.js`; `Tests/SearchVectors` holds the stems both must give.
enum EnglishStemmer {
    private static let y = UInt16(unit: "y"), capitalY = UInt16(unit: "Y")

    static func isVowel(_ unit: UInt16) -> Bool {
        switch unit {
        case 97, 101, 105, 111, 117, 121: true // a e i o u y
        default: false
        }
    }

    /// Vowels plus w, x and the consonant Y: what may not end a short syllable.
    private static func isVowelWXY(_ unit: UInt16) -> Bool {
        isVowel(unit) || unit == 119 || unit == 120 || unit == capitalY
    }

    private static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli",
        "only": "onli", "singly": "singl", "andes": "andes", "atlas": "atlas", "bias": "bias", "cosmos": "cosmos",
        "howe": "howe", "news": "news", "sky": "sky",
    ]
    private static let regionPrefixes = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"].map { Array($0.utf16) }
    private static let step1b = SuffixList([1: ["eed", "eedly"], 2: ["ed", "edly", "ingly"], 3: ["ing"]])
    private static let keptBeforeEed = ["succ", "proc", "exc"].map { Array($0.utf16) }
    private static let keptBeforeIng = ["even", "cann", "inn", "earr", "herr", "out"].map { Array($0.utf16) }
    private static let doubles = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map { Array($0.utf16) }
    private static let step2: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"), ("izer", "ize"),
        ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"),
        ("alli", "al"), ("fulness", "ful"), ("fulli", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"),
        ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogist", "og"), ("ogi", "og"), ("lessli", "less"), ("li", ""),
    ]
    private static let step2List = SuffixList(Dictionary(uniqueKeysWithValues: step2.enumerated().map { ($0.offset, [$0.element.0]) }))
    private static let step3: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"), ("ical", "ic"),
        ("ful", ""), ("ness", ""), ("ative", ""),
    ]
    private static let step3List = SuffixList(Dictionary(uniqueKeysWithValues: step3.enumerated().map { ($0.offset, [$0.element.0]) }))
    private static let step4List = SuffixList([1: ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                                                   "ism", "ate", "iti", "ous", "ive", "ize"], 2: ["ion"]])
    private static let validLI: Set<UInt16> = Set("cdeghkmnrt".utf16)

    static func stem(_ input: [UInt16]) -> [UInt16] {
        if let exception = exceptions[String(decoding: input, as: UTF16.self)] { return Array(exception.utf16) }
        guard input.count >= 3 else { return input }
        var word = SuffixWord(input)
        var foundY = false
        if word.units[0] == y { word.units[0] = capitalY; foundY = true }
        for index in 1..<word.count where word.units[index] == y && isVowel(word.units[index - 1]) {
            word.units[index] = capitalY
            foundY = true
        }
        let (p1, p2) = regions(word.units)
        step1a(&word)
        step1b(&word, p1: p1)
        step1c(&word)
        replace(&word, in: step2List, table: step2, p1: p1, p2: p2, step: 2)
        replace(&word, in: step3List, table: step3, p1: p1, p2: p2, step: 3)
        step4(&word, p2: p2)
        step5(&word, p1: p1, p2: p2)
        if foundY {
            for index in word.units.indices where word.units[index] == capitalY { word.units[index] = y }
        }
        return word.units
    }

    /// R1 and R2 as start offsets (the word's length when empty).
    static func regions(_ units: [UInt16]) -> (Int, Int) {
        let count = units.count
        func pastVowelThenConsonant(from start: Int) -> Int? {
            var index = start
            while index < count, !isVowel(units[index]) { index += 1 }
            guard index < count else { return nil }
            index += 1
            while index < count, isVowel(units[index]) { index += 1 }
            guard index < count else { return nil }
            return index + 1
        }
        let p1: Int
        if let prefix = regionPrefixes.first(where: { units.starts(with: $0) }) {
            p1 = prefix.count
        } else if let found = pastVowelThenConsonant(from: 0) {
            p1 = found
        } else {
            return (count, count)
        }
        return (p1, pastVowelThenConsonant(from: p1) ?? count)
    }

    /// A short syllable ends just before `end`.
    static func endsShortSyllable(_ units: [UInt16], at end: Int) -> Bool {
        if end >= 3, !isVowelWXY(units[end - 1]), isVowel(units[end - 2]), !isVowel(units[end - 3]) { return true }
        if end == 2, !isVowel(units[1]), isVowel(units[0]) { return true }
        return end >= 4 && Array(units[(end - 4)..<end]) == Array("past".utf16)
    }

    private static func step1a(_ word: inout SuffixWord) {
        if word.ends(with: Array("sses".utf16)) {
            word.replaceLast(4, with: "ss")
        } else if word.ends(with: Array("ied".utf16)) || word.ends(with: Array("ies".utf16)) {
            word.replaceLast(3, with: word.count >= 5 ? "i" : "ie")
        } else if word.ends(with: Array("ss".utf16)) || word.ends(with: Array("us".utf16)) {
            return
        } else if word.ends(with: Array("s".utf16)), word.count >= 3 {
            if word.units[0..<(word.count - 2)].contains(where: isVowel) { word.removeLast(1) }
        }
    }

    private static func step1b(_ word: inout SuffixWord, p1: Int) {
        guard let (suffix, group) = word.longest(of: step1b) else { return }
        let start = word.count - suffix.count
        let before = Array(word.units[0..<start])
        switch group {
        case 1:
            if start >= p1, !keptBeforeEed.contains(before) { word.replaceLast(suffix.count, with: "ee") }
            return
        case 3:
            if before.count == 2, before[1] == y, !isVowel(before[0]) {
                word.replaceLast(suffix.count + 1, with: "ie")
                return
            }
            if keptBeforeIng.contains(before) { return }
        default:
            break
        }
        guard before.contains(where: isVowel) else { return }
        word.removeLast(suffix.count)
        if word.ends(with: Array("at".utf16)) || word.ends(with: Array("bl".utf16)) || word.ends(with: Array("iz".utf16)) {
            word.units.append(UInt16(unit: "e"))
        } else if doubles.contains(where: { word.ends(with: $0) }) {
            if word.count == 3, [97, 101, 111].contains(word.units[0]) { return }
            word.removeLast(1)
        } else if word.count == p1, endsShortSyllable(word.units, at: word.count) {
            word.units.append(UInt16(unit: "e"))
        }
    }

    private static func step1c(_ word: inout SuffixWord) {
        guard word.count >= 3, let last = word.units.last, last == y || last == capitalY,
              !isVowel(word.units[word.count - 2]) else { return }
        word.units[word.count - 1] = UInt16(unit: "i")
    }

    private static func replace(_ word: inout SuffixWord, in list: SuffixList, table: [(String, String)], p1: Int, p2: Int, step: Int) {
        guard let (suffix, index) = word.longest(of: list) else { return }
        let start = word.count - suffix.count
        guard start >= p1 else { return }
        let (ending, replacement) = table[index]
        if step == 2 {
            if ending == "ogi", word.unit(before: suffix.count) != UInt16(unit: "l") { return }
            if ending == "li" { guard let previous = word.unit(before: 2), validLI.contains(previous) else { return } }
        }
        if step == 3, ending == "ative", start < p2 { return }
        word.replaceLast(suffix.count, with: replacement)
    }

    private static func step4(_ word: inout SuffixWord, p2: Int) {
        guard let (suffix, group) = word.longest(of: step4List), word.count - suffix.count >= p2 else { return }
        if group == 2 {
            guard let previous = word.unit(before: 3), previous == UInt16(unit: "s") || previous == UInt16(unit: "t") else { return }
        }
        word.removeLast(suffix.count)
    }

    private static func step5(_ word: inout SuffixWord, p1: Int, p2: Int) {
        guard let last = word.units.last else { return }
        let start = word.count - 1
        if last == UInt16(unit: "e") {
            if start >= p2 || (start >= p1 && !endsShortSyllable(word.units, at: start)) { word.removeLast(1) }
        } else if last == UInt16(unit: "l") {
            if start >= p2, word.unit(before: 1) == UInt16(unit: "l") { word.removeLast(1) }
        }
    }
}
