import HandbookModel

/// One change of the input, in the one vocabulary the build cache and the preview server share: the
/// cache finds them by comparing two snapshots of the input files, the server by mapping the watcher's
/// events. `Planner.plan` turns them, with the site's indexes before and after, into a `BuildPlan`.
public enum InputChange: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `handbook.yml`: every page may show a setting.
    case settings
    /// `people.yml`: names, roles and teams appear on every page that names an owner.
    case people
    /// A Markdown file the handbook had and still has.
    case pageEdited(String)
    case pageAdded(String)
    case pageRemoved(String)
    /// An image or attachment of the content folder, copied as it is.
    case contentAsset(String)
    /// A file of the acknowledgement ledger's folder (`acknowledgements/`): the ledger is read, nothing there is published.
    case ledger(String)
    /// A template of the theme folder.
    case template(String)
    /// A file of UI strings of the theme folder.
    case strings(String)
    /// A stylesheet, script or other asset of the theme folder.
    case themeAsset(String)
    /// A folder (path ending in `/`) created, moved or removed as a whole, whose files the watcher does not
    /// name one by one. The preview server reads the content again and replaces this change by the pages and
    /// files it finds added and removed (`LiveInputs`); the planner, given one, renders everything.
    case folderMoved(String)
    /// The repository has new commits (git's HEAD moved since the last build): the pages whose history changed
    /// (`SiteIndex.Entry.history`) and what shows the history of many (the changes page, the feeds, the versions).
    case history

    public var description: String {
        switch self {
        case .settings: "settings"
        case .people: "people"
        case .pageEdited(let path): "page edited \(path)"
        case .pageAdded(let path): "page added \(path)"
        case .pageRemoved(let path): "page removed \(path)"
        case .contentAsset(let path): "content file \(path)"
        case .ledger(let path): "ledger \(path)"
        case .template(let path): "template \(path)"
        case .strings(let path): "strings \(path)"
        case .themeAsset(let path): "theme asset \(path)"
        case .folderMoved(let path): "folder \(path)"
        case .history: "new commits"
        }
    }

    /// A Markdown file edited, added or removed.
    public var isPage: Bool {
        switch self {
        case .pageEdited, .pageAdded, .pageRemoved: true
        default: false
        }
    }

    /// The content path of a page change.
    public var pagePath: String? {
        switch self {
        case .pageEdited(let path), .pageAdded(let path), .pageRemoved(let path): path
        default: nil
        }
    }

    public static func < (left: InputChange, right: InputChange) -> Bool { left.description < right.description }

    /// The folder a file is in.
    public enum Folder: Sendable, Hashable {
        case content
        case theme
    }

    /// How a file was touched.
    public enum Touch: Sendable {
        case edited, added, removed
    }

    /// What one file of the content folder or the theme folder means, by its path (relative to its folder).
    public static func of(file path: String, in folder: Folder, _ touch: Touch) -> InputChange {
        switch folder {
        case .theme:
            if path.hasSuffix("/") { return .folderMoved("theme/" + path) }
            if path.hasPrefix("assets/") { return .themeAsset(path) }
            if path.hasPrefix("strings/") { return .strings(path) }
            // Templates, and anything else in the theme folder: rendered again whole, as a template.
            return .template(path)
        case .content:
            if path.hasSuffix("/") { return .folderMoved(path) }
            if path == "handbook.yml" { return .settings }
            if path == "people.yml" { return .people }
            if Acknowledgement.isPrivate(path) { return .ledger(path) }
            guard path.lowercased().hasSuffix(".md") else { return .contentAsset(path) }
            switch touch {
            case .edited: return .pageEdited(path)
            case .added: return .pageAdded(path)
            case .removed: return .pageRemoved(path)
            }
        }
    }
}
