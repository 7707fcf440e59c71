/// An entry of `people.yml`: a person or a team that can own policies and principles.
public struct Person: Sendable, Hashable {
    public var id: String
    public var name: String
    public var role: String?
    public var email: String?
    public var isTeam: Bool
    public var location: SourceLocation
    /// The names and addresses this person commits under (`git:`), besides `email` and `name`: history
    /// and the changes page show the person, not the git author.
    public var git: [String]
    /// The groups of `applies_to` this person belongs to (`audiences: [staff]`): the policies that apply
    /// to them, and whose acknowledgement is missing until they give it.
    public var audiences: [String] = []

    public init(id: String, name: String, role: String? = nil, email: String? = nil, isTeam: Bool = false, location: SourceLocation, git: [String] = []) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.isTeam = isTeam
        self.location = location
        self.git = git
    }
}
