/// Files that editors write beside the real one while saving, and that a watcher must not report:
/// hidden files (`.#page.md`, `.page.md.swp`), backups (`page.md~`), Emacs autosaves (`#page.md#`),
/// vim's write test `4913`, JetBrains' `___jb_tmp___`, GNU `sed -i`'s `sedXXXXXX`, and `*.tmp`.
enum EditorFiles {
    static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("#") && name.hasSuffix("#") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo") || name.hasSuffix(".tmp")
            || name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") || isSedTemporary(name)
    }

    /// Six random letters and digits after `sed`; at least one a digit or a capital, so `sedentary` is a name.
    private static func isSedTemporary(_ name: String) -> Bool {
        let tail = name.utf8.dropFirst(3)
        return name.utf8.count == 9 && name.hasPrefix("sed")
            && tail.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) }
            && tail.contains { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }
    }

    /// True when any component of a relative path is an editor's file (or a hidden folder such as `.git`).
    static func isTemporary(path: String) -> Bool {
        path.split(separator: "/").contains { isTemporary(String($0)) }
    }
}
