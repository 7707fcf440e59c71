/// An entry of `people.yml`: a person or a team that can own policies and principles.
public struct Person: Sendable, Hashable {
    public var id: String
    public var name: String
    public var role: String?
    public var email: String?
    public var isTeam: Bool
    public var location: SourceLocation

    public init(id: String, name: String, role: String? = nil, email: String? = nil, isTeam: Bool = false, location: SourceLocation) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.isTeam = isTeam
        self.location = location
    }
}
