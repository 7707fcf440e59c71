/// The forge a handbook's repository is on (`repository` in handbook.yml, `forge` when its host does not say),
/// and the addresses it gives a file: its web editor ("Edit this page"), a new issue about it ("Propose a
/// change": readers who cannot edit describe the change for the authors), a commit.
///
/// The URL forms (checked against each forge's own routes):
/// - GitHub (github.com, GitHub Enterprise): `/edit/BRANCH/PATH`, `/blob/BRANCH/PATH`, `/issues/new?title=&body=`, `/commit/SHA`;
/// - GitLab (gitlab.com, self-hosted; groups nest): `/-/edit/BRANCH/PATH`, `/-/blob/BRANCH/PATH`,
///   `/-/issues/new?issue[title]=&issue[description]=`, `/-/commit/SHA`;
/// - Gitea and Forgejo (codeberg.org, self-hosted): `/_edit/BRANCH/PATH`, `/src/branch/BRANCH/PATH`, `/issues/new?title=&body=`, `/commit/SHA`.
public struct Forge: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case github, gitlab, gitea
    }

    public let kind: Kind
    /// `https://host/owner/repository`, without a trailing `/` or `.git`.
    public let base: String
    public let branch: String

    /// Nil when the address is not a repository's (see `problem`).
    public init?(repository: String, kind: Kind? = nil, branch: String = "main") {
        guard case .success(let forge) = Forge.parse(repository, kind: kind, branch: branch) else { return nil }
        self = forge
    }

    private init(kind: Kind, base: String, branch: String) {
        self.kind = kind
        self.base = base
        self.branch = branch
    }

    /// Why `repository` gives no edit links, or nil when it does.
    public static func problem(_ repository: String, kind: Kind?) -> String? {
        if case .failure(let problem) = parse(repository, kind: kind, branch: "main") { return problem.text }
        return nil
    }

    struct Problem: Error { var text: String }

    /// The repository's address (`https://host/owner/name`; GitLab's groups nest) from what `repository` says: a
    /// trailing `/` or `.git` dropped, a page of the repository (`/tree/dev`, `/-/blob/…`) cut to the repository.
    static func parse(_ repository: String, kind given: Kind?, branch: String) -> Result<Forge, Problem> {
        if let problem = WebAddress.problem(repository) { return .failure(Problem(text: problem)) }
        guard !repository.contains("?"), !repository.contains("#"), let schemeEnd = repository.firstRange(of: "://") else {
            return .failure(Problem(text: "a repository's address has no '?' or '#'"))
        }
        let scheme = repository[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = repository[schemeEnd.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }.lowercased()
        guard let kind = given ?? Forge.kind(ofHost: host) else {
            return .failure(Problem(text: "its host '\(host)' does not say which forge it is on; say it with 'forge: github', 'forge: gitlab' or 'forge: gitea'"))
        }
        var segments = afterScheme.dropFirst(host.count).split(separator: "/").map(String.init)
        if let dash = segments.firstIndex(of: "-") { segments = Array(segments[..<dash]) }
        // GitHub and Gitea have owner/name and nothing deeper; what follows is a page of the repository.
        if kind != .gitlab, segments.count > 2 { segments = Array(segments.prefix(2)) }
        if var last = segments.last, last.lowercased().hasSuffix(".git") {
            last.removeLast(4)
            segments[segments.count - 1] = last
        }
        segments.removeAll { $0.isEmpty }
        guard segments.count >= 2 else {
            return .failure(Problem(text: "it names no repository (write https://\(host)/OWNER/NAME)"))
        }
        return .success(Forge(kind: kind, base: "\(scheme)://\(host)/" + segments.joined(separator: "/"), branch: branch))
    }

    /// The forge a host name says: GitHub's, GitLab's and Codeberg's own hosts, and self-hosted ones named after their software.
    public static func kind(ofHost host: String) -> Kind? {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        if name == "github.com" || name.hasSuffix(".github.com") || name.hasPrefix("github.") { return .github }
        if name == "gitlab.com" || name.hasPrefix("gitlab.") || name.contains(".gitlab.") { return .gitlab }
        if name == "codeberg.org" || name.hasPrefix("gitea.") || name.hasPrefix("forgejo.") || name.contains(".gitea.") || name.contains(".forgejo.") { return .gitea }
        return nil
    }

    /// The web editor of a file (a path from the repository's root).
    public func editURL(_ path: String) -> String {
        let file = PercentEncoding.path(branch) + "/" + PercentEncoding.path(path)
        switch kind {
        case .github: return "\(base)/edit/\(file)"
        case .gitlab: return "\(base)/-/edit/\(file)"
        case .gitea: return "\(base)/_edit/\(file)"
        }
    }

    /// The file as the forge shows it.
    public func viewURL(_ path: String) -> String {
        let file = PercentEncoding.path(branch) + "/" + PercentEncoding.path(path)
        switch kind {
        case .github: return "\(base)/blob/\(file)"
        case .gitlab: return "\(base)/-/blob/\(file)"
        case .gitea: return "\(base)/src/branch/\(file)"
        }
    }

    /// A new issue with its title and text filled in.
    public func newIssueURL(title: String, body: String) -> String {
        let title = PercentEncoding.component(title), body = PercentEncoding.component(body)
        switch kind {
        case .github, .gitea: return "\(base)/issues/new?title=\(title)&body=\(body)"
        case .gitlab: return "\(base)/-/issues/new?issue%5Btitle%5D=\(title)&issue%5Bdescription%5D=\(body)"
        }
    }

    public func commitURL(_ commit: String) -> String {
        kind == .gitlab ? "\(base)/-/commit/\(commit)" : "\(base)/commit/\(commit)"
    }
}
