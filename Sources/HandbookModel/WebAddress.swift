/// Addresses from settings and front matter that become links: each is checked for its scheme where it
/// is read, so `javascript:`, `data:` or `file:` never reaches an `href`.
public enum WebAddress {
    /// Why `text` is not an `http(s)://` address with a host, or nil when it is.
    public static func problem(_ text: String) -> String? {
        if text.unicodeScalars.contains(where: { SafeName.isForbidden($0) || $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) {
            return "it holds spaces, quotes, angle brackets or control characters"
        }
        let lower = text.lowercased()
        guard let colon = lower.firstIndex(of: ":") else { return "it has no scheme (write https://…)" }
        let scheme = String(lower[..<colon])
        guard scheme == "https" || scheme == "http" else { return "its scheme '\(scheme.prefix(20))' is not http or https" }
        let rest = lower[lower.index(after: colon)...]
        // The host runs to the first `/`, `?` or `#`; a user name before it (`name@`) would print another host.
        let host = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard rest.hasPrefix("//"), !host.isEmpty, host != ":" else { return "it has no host after '\(scheme)://'" }
        guard !host.contains("@") else { return "it names a user before its host ('@'), which hides where it leads" }
        return nil
    }

    /// Why `text` is not a plain e-mail address (`name@host`, which the theme links as `mailto:`), or nil.
    public static func emailProblem(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return "it is not an address of the form name@example.com"
        }
        let allowed = { (s: Unicode.Scalar) -> Bool in
            s.value > 0x9F && !SafeName.isForbidden(s) || (s.properties.isAlphabetic || ("0"..."9").contains(s) || "._+-'".unicodeScalars.contains(s))
        }
        guard text.unicodeScalars.allSatisfy({ allowed($0) || $0 == "@" }) else {
            return "it holds characters an address cannot have (spaces, '?', ':', '/', quotes or control characters)"
        }
        return nil
    }
}
