import DossierCore

/// A file or folder that a document names (`requirements:`, `params_file:`, `config:` …).
package struct DocumentedPath: Sendable, Hashable {
    /// Path relative to the project root (the integrator resolves document-relative paths first).
    package var path: String
    /// Where the document names it: findings about the file as a whole point here.
    package var location: SourceLocation

    package init(path: String, location: SourceLocation) {
        self.path = path
        self.location = location
    }
}
