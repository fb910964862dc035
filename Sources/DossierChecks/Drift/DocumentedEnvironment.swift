import DossierCore

/// What an `environment` document says about its packages, as the integrator parsed it.
package struct DocumentedEnvironment: Sendable, Hashable {
    /// The documented interpreter version (`3.11`, `3.11.7`), if any.
    package var python: String?
    /// Where `python:` is written; findings fall back to the `requirements:` location.
    package var pythonLocation: SourceLocation?
    package var packages: [DocumentedPackage]
    /// The `requirements:` file the document points at.
    package var requirements: DocumentedPath?

    package init(
        python: String? = nil, pythonLocation: SourceLocation? = nil,
        packages: [DocumentedPackage] = [], requirements: DocumentedPath? = nil
    ) {
        self.python = python
        self.pythonLocation = pythonLocation
        self.packages = packages
        self.requirements = requirements
    }
}
