import HandbookModel
import HandbookTheme

/// The script the preview server adds to every HTML page it serves (never to the built files): it
/// listens for builds over Server-Sent Events; when its page changed it fetches it and swaps the new
/// `<main>` in place (no navigation: the scroll position, the search box and the rest stay), and when
/// every page changed (a template, the settings) it reloads, keeping the scroll position. It swaps
/// stylesheets in place, and shows the findings over the page while there are errors.
/// `window.HandbookLive.updatedAt` is the wall-clock time (ms) of the first frame painted after the
/// last update (the benchmark reads it).
enum LiveReloadScript {
    static let path = "/_handbook/live.js"
    static let events = "/_handbook/events"
    static let findings = "/_handbook/findings"

    /// Adds the script before the page's last `</body>` (or at its end).
    static func inject(into html: [UInt8], base: String) -> [UInt8] {
        let tag = Array("<script src=\"\(path)\" data-base=\"\(HTMLEscaping.attribute(base))\" defer></script>\n".utf8)
        let close = Array("</body>".utf8)
        var index = html.count - close.count
        while index >= 0 {
            if html[index] == close[0], Array(html[index..<(index + close.count)]) == close {
                return Array(html[..<index]) + tag + Array(html[index...])
            }
            index -= 1
        }
        return html + tag
    }

    /// The script itself: `theme/live/live.js`, embedded at build time like the rest of the theme.
    static var source: [UInt8] { DefaultTheme.files["live/live.js"] ?? [] }
}
