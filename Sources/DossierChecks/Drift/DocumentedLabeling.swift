import DossierCore

/// What a `labeling` document says about its classes, as the integrator parsed it.
package struct DocumentedLabeling: Sendable, Hashable {
    /// The `classes:` list as written.
    package var classes: [String]
    /// Where `classes:` is written; a mismatch points here.
    package var classesLocation: SourceLocation
    /// The `config:` Label Studio XML file.
    package var config: DocumentedPath?

    package init(classes: [String], classesLocation: SourceLocation, config: DocumentedPath?) {
        self.classes = classes
        self.classesLocation = classesLocation
        self.config = config
    }
}
