import DossierCore

/// One entry of an environment document's `packages:` map.
package struct DocumentedPackage: Sendable, Hashable {
    /// The name as the document writes it; compared after PEP 503 normalization.
    package var name: String
    /// The version as written (`1.26.4`, `2.1.0+cu118`).
    package var version: String
    /// Where the document states it.
    package var location: SourceLocation

    package init(name: String, version: String, location: SourceLocation) {
        self.name = name
        self.version = version
        self.location = location
    }
}
