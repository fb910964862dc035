/// A file or folder that a document names (`requirements:`, `params_file:`, `config:` …).
public struct DocumentedPath: Sendable, Hashable {
    /// Path relative to the project root (the integrator resolves document-relative paths first).
    public var path: String
    /// Where the document names it: findings about the file as a whole point here.
    public var location: SourceLocation

    public init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}
