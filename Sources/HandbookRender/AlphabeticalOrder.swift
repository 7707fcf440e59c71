/// Sorts titles by a language's alphabet (Ukrainian `ґ є і ї` in their places, not after `я`), case and
/// `ё`/`е` ignored; letters outside the alphabet follow by code point.
struct AlphabeticalOrder {
    private var positions: [Unicode.Scalar: Int] = [:]

    init(language: String) {
        let alphabet: String
        switch language {
        case "uk": alphabet = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
        case "ru": alphabet = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
        default: alphabet = ""
        }
        for (index, letter) in ("0123456789abcdefghijklmnopqrstuvwxyz" + alphabet).unicodeScalars.enumerated() {
            positions[letter] = index
        }
    }

    func key(_ title: String) -> [Int] {
        title.lowercased().unicodeScalars.compactMap { scalar in
            let letter: Unicode.Scalar = scalar == "ё" ? "е" : scalar
            if let position = positions[letter] { return position }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? 1000 + Int(scalar.value) : nil
        }
    }

    /// The heading a title is grouped under: its first letter, uppercased.
    func initial(_ title: String) -> String {
        guard let first = title.unicodeScalars.first(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return "#" }
        return first.properties.numericType != nil ? "0–9" : String(first).uppercased()
    }
}
