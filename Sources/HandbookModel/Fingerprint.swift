/// Content hashes for asset names (`style.css` → `style.3f9a0c1d2e.css`), so browsers may cache them forever.
public enum Fingerprint {
    /// 16 hex digits of `ContentHash`: stable across runs and machines.
    public static func hash(_ bytes: [UInt8]) -> String {
        let hex = String(ContentHash.of(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func path(for path: String, bytes: [UInt8]) -> String {
        let digest = String(hash(bytes).prefix(10))
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "\(path).\(digest)" }
        return "\(path[..<dot]).\(digest)\(path[dot...])"
    }
}
