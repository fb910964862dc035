import DossierCore

/// One package as a requirements source names it, with the place it is named.
package struct RequirementPin: Sendable, Hashable {
    /// The PEP 503 normalized name (`scikit-learn` for `Scikit_Learn`); `python` for the interpreter.
    package var name: String
    /// The name as written in the file.
    package var writtenName: String
    /// The version specifier as written (`==1.26.4`, `>=1.26,<2`, `^1.26`, `=1.26`); empty when none.
    package var specifier: String
    /// The one version the pin names, when it names one (`==`, `===`, Poetry's bare version,
    /// conda's `=`/`==`, every lock-file entry).
    package var exactVersion: String?
    /// The PEP 508 environment marker, if any (`python_version < "3.12"`).
    package var marker: String?
    /// Where in the file the pin sits when it is not a main dependency: `optional gpu`,
    /// `group dev`, `dev-dependencies`, `constraints`; nil for the main dependency list.
    package var group: String?
    /// The file (an `-r` include may differ from the file the document names) and line.
    package var location: SourceLocation

    /// What the specifier allows, parsed in its file's dialect.
    package var constraint: VersionConstraint

    package var line: Int { location.line }

    package init(
        writtenName: String, specifier: String, constraint: VersionConstraint, exactVersion: String? = nil,
        marker: String? = nil, group: String? = nil, location: SourceLocation
    ) {
        self.name = PEP508Requirement.normalize(writtenName)
        self.writtenName = writtenName
        self.specifier = specifier
        self.constraint = constraint
        self.exactVersion = exactVersion ?? constraint.exactVersion
        self.marker = marker
        self.group = group
        self.location = location
    }

    /// `==1.26.4` → "pins 1.26.4"; `>=1.26,<2` → "requires >=1.26,<2", for messages.
    package var requirementPhrase: String {
        if let exactVersion { return "pins \(exactVersion)" }
        return specifier.isEmpty ? "lists it without a version" : "requires \(specifier)"
    }
}
