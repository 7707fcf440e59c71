/// The one rule for every value that becomes part of an output path (a person's id, a page's id, a
/// language): checked where the value is read, so nothing that could climb out of the output folder,
/// hide itself or break a URL ever reaches the writer.
public enum SafeName {
    /// Why `id` cannot name a folder of the site, or nil when it can.
    /// - Parameter allowingFolders: page ids may hold `/` (a plain page in a subfolder); people ids may not.
    public static func problem(_ id: String, allowingFolders: Bool = false) -> String? {
        if id.isEmpty { return "it is empty" }
        if let scalar = id.unicodeScalars.first(where: isForbidden) {
            return "it holds the control character U+\(hex(scalar.value))"
        }
        if id.contains("\\") { return "it holds a backslash" }
        if !allowingFolders, id.contains("/") { return "it holds a '/'" }
        for segment in id.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "it has an empty part between '/'" }
            if segment == "." || segment == ".." { return "'\(segment)' would leave its folder" }
            if segment.hasPrefix(".") { return "a part starting with '.' would be a hidden file" }
            if segment.utf8.count > 255 { return "a part is longer than a file name may be (255 bytes)" }
        }
        return nil
    }

    /// Why a file or folder name cannot be published as it is (a control character, a backslash), or nil.
    public static func characterProblem(_ name: String) -> String? {
        if let scalar = name.unicodeScalars.first(where: isForbidden) { return "it holds the control character U+\(hex(scalar.value))" }
        if name.contains("\\") { return "it holds a backslash" }
        return nil
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: what must never reach a
    /// terminal, an annotation or a name as it is.
    /// Bidirectional overrides and isolates too: they make a name read as another.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Control characters (C0, DEL, C1), and the non-characters and separators no name should hold.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// A path relative to the output folder, proven to stay inside it before anything is written there.
public enum OutputPath {
    public struct Escape: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var description: String { "refusing to write '\(path.debugDescription.dropFirst().dropLast())': the path would leave the output folder" }
    }

    /// Throws unless `path` is relative, has no empty, `.` or `..` part, and holds no NUL.
    public static func check(_ path: String) throws {
        guard isInside(path) else { throw Escape(path: path) }
    }

    public static func isInside(_ path: String) -> Bool {
        if path.isEmpty || path.hasPrefix("/") || path.utf8.contains(0) { return false }
        for segment in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty { return false }
            if segment.count <= 2 && segment.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
        }
        return true
    }
}

/// A value from content quoted for a message: control characters shown as `\u{…}` escapes and long
/// values cut, so a finding never carries a terminal escape or a line break of the content's.
public enum Quoted {
    public static func text(_ value: String, limit: Int = 80) -> String {
        "'" + plain(value, limit: limit) + "'"
    }

    /// The value with control characters escaped, cut at `limit` characters.
    public static func plain(_ value: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= limit { out += "…"; break }
            if SafeName.isForbidden(scalar) { out += "\\u{\(SafeName.hex(scalar.value))}" } else { out.unicodeScalars.append(scalar) }
            count += 1
        }
        return out
    }
}
