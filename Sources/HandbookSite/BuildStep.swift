/// The build pipeline's steps, in the order they run; the progress line (`[i/n] name`) comes from this list.
public enum BuildStep: Int, CaseIterable, Sendable {
    /// Read `content/` (settings, people, pages, files).
    case load
    /// Every rule of the content contract (`Validator`), all findings at once.
    case check
    /// One `git log` pass; old versions for the history pages the plan renders.
    case history
    /// Relations, the site's index, and the plan (`Planner`).
    case relate
    /// The pages, in parallel.
    case render
    /// The search bundle of each language.
    case search
    /// Theme assets and the content folder's files.
    case assets
    case sitemap
    /// The staging folder replaces the output at once (`AtomicPublisher`).
    case publish

    public var name: String { "\(self)" }
    public var number: Int { rawValue + 1 }
    public static var count: Int { allCases.count }
}

extension BuildProgress {
    func step(_ step: BuildStep, _ detail: String) {
        self.step(step.number, of: BuildStep.count, step.name, detail: detail)
    }
}
