/// The default theme, built into the tool: templates, UI strings, assets, and the preview server's
/// script (`live/live.js`), by path under `theme/`. `files` is generated at build time from `theme/` by
/// the EmbedTheme plugin (`Plugins/EmbedTheme`), so the tool works from any folder.
public enum DefaultTheme {
    /// A file of the theme as text.
    public static func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }
}
