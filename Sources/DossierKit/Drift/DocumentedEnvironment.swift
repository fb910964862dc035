/// What an `environment` document says about its packages, as the integrator parsed it.
public struct DocumentedEnvironment: Sendable, Hashable {
    /// The documented interpreter version (`3.11`, `3.11.7`), if any.
    public var python: String?
    /// Where `python:` is written; findings fall back to the `requirements:` location.
    public var pythonLocation: SourceLocation?
    public var packages: [DocumentedPackage]
    /// The `requirements:` file the document points at.
    public var requirements: DocumentedPath?

    public init(
        python: String? = nil, pythonLocation: SourceLocation? = nil,
        packages: [DocumentedPackage] = [], requirements: DocumentedPath? = nil
    ) {
        self.python = python
        self.pythonLocation = pythonLocation
        self.packages = packages
        self.requirements = requirements
    }
}
