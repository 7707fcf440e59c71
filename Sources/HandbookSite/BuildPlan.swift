import HandbookRender
/// What a build must do to bring the output from one state of the handbook to the next: the result of
/// `Planner.plan`, carried out by `PlanExecutor`.
public struct BuildPlan: Equatable, Sendable {
    public enum Pages: Equatable, Sendable {
        case all
        case only(Set<JobID>)
    }

    /// A language's search bundle: made again whole, or with the documents of some pages replaced.
    public enum Search: Equatable, Sendable {
        case full
        /// The content paths of the pages whose documents change (nothing else in the bundle does).
        case update(Set<String>)

        public func merged(with other: Search) -> Search {
            switch (self, other) {
            case (.update(let mine), .update(let theirs)): .update(mine.union(theirs))
            default: .full
            }
        }
    }

    public enum Files: Equatable, Sendable {
        case all
        case only(Set<String>)
    }

    public var pages: Pages
    /// By language.
    public var search: [String: Search]
    /// Write the theme's assets.
    public var themeAssets: Bool
    /// The content folder's images and attachments to copy (those of the next state; others are in `removed`).
    public var contentAssets: Files
    public var sitemap: Bool
    /// Output paths to remove: the files of pages that went, assets that went.
    public var removed: Set<String>

    public static let nothing = BuildPlan(pages: .only([]), search: [:], themeAssets: false, contentAssets: .only([]), sitemap: false, removed: [])

    /// Everything of a state: a build with no usable previous state.
    public static func everything(languages: [String]) -> BuildPlan {
        BuildPlan(pages: .all, search: Dictionary(uniqueKeysWithValues: languages.map { ($0, .full) }), themeAssets: true, contentAssets: .all,
                  sitemap: true, removed: [])
    }

    public var isEverything: Bool { pages == .all }

    public var isEmpty: Bool { self == .nothing }

    /// The plan without its search part (the preview server indexes off the thread that renders pages).
    public var withoutSearch: BuildPlan {
        var plan = self
        plan.search = [:]
        return plan
    }

    /// One line for the progress and the tests' messages.
    public var summary: String {
        let pages = switch self.pages {
        case .all: "every page"
        case .only(let jobs): "\(jobs.count) job\(jobs.count == 1 ? "" : "s")"
        }
        let search = self.search.sorted { $0.key < $1.key }.map { language, plan in
            switch plan {
            case .full: "\(language) whole"
            case .update(let paths): "\(language) \(paths.count) document\(paths.count == 1 ? "" : "s")"
            }
        }
        return "\(pages); search: \(search.isEmpty ? "none" : search.joined(separator: ", "))"
    }
}
