/// The commit that last touched a document, for its page footer.
public struct LastChange: Sendable, Hashable {
    public var commit: String
    public var date: String
    public var subject: String

    public init(commit: String, date: String, subject: String) {
        self.commit = commit
        self.date = date
        self.subject = subject
    }
}
