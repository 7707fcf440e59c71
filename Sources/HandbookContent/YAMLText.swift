import Yams

/// Parses YAML into nodes the way every reader of this tool wants: UTF-8, and no tag guessing
/// (the readers interpret scalars themselves), which keeps regular expressions off the hot path.
public enum YAMLText {
    public static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic, .default, .utf8)
    }
}
