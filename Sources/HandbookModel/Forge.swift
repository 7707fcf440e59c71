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

    /// Nil when the address is not a repository's (no path) or its forge is unknown and `kind` is not given.
    public init?(repository: String, kind: Kind? = nil, branch: String = "main") {
        guard WebAddress.problem(repository) == nil, let schemeEnd = repository.firstRange(of: "://") else { return nil }
        var base = repository
        while base.hasSuffix("/") { base.removeLast() }
        if base.lowercased().hasSuffix(".git") { base.removeLast(4) }
        let afterScheme = base[schemeEnd.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }.lowercased()
        let path = afterScheme.dropFirst(host.count)
        guard path.split(separator: "/").count >= 2, !path.contains("?"), !path.contains("#") else { return nil }
        guard let kind = kind ?? Forge.kind(ofHost: host) else { return nil }
        self.kind = kind
        self.base = base
        self.branch = branch
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
