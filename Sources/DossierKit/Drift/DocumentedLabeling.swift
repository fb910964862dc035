/// What a `labeling` document says about its classes, as the integrator parsed it.
public struct DocumentedLabeling: Sendable, Hashable {
    /// The `classes:` list as written.
    public var classes: [String]
    /// Where `classes:` is written; a mismatch points here.
    public var classesLocation: SourceLocation
    /// The `config:` Label Studio XML file.
    public var config: DocumentedPath?

    public init(classes: [String], classesLocation: SourceLocation, config: DocumentedPath?) {
        self.classes = classes
        self.classesLocation = classesLocation
        self.config = config
    }
}
