import HandbookModel
import HandbookContent
import Yams

/// The theme's UI strings for one language (`theme/strings/LANG.yml`), with English filling any gap.
public struct Localization: Sendable {
    public let language: String
    public let strings: [String: String]

    public init(language: String, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public subscript(key: String) -> String { strings[key] ?? key }

    /// Parses a flat `key: text` YAML file.
    static func parse(_ text: String) throws -> [String: String] {
        guard let node = try YAMLText.compose(text), case .mapping(let mapping) = node else { return [:] }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            if let key = key.string, let value = value.string { result[key] = value }
        }
        return result
    }
}
