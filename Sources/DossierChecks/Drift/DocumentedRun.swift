import DossierCore

/// One run an experiment document describes (front matter `runs:` or the body's runs table).
package struct DocumentedRun: Sendable, Hashable {
    package var name: String
    package var model: String?
    /// Hyperparameters with their values as written; numbers as their text (`0.10`, `[64, 32]`).
    package var params: [String: String]
    package var metrics: [String: Double]
    /// Where the run is described; findings about its values point here…
    package var location: SourceLocation
    /// …or, when the integrator knows them, at the line of one param or metric key.
    package var keyLocations: [String: SourceLocation]

    package init(
        name: String, model: String? = nil, params: [String: String] = [:], metrics: [String: Double] = [:],
        location: SourceLocation, keyLocations: [String: SourceLocation] = [:]
    ) {
        self.name = name
        self.model = model
        self.params = params
        self.metrics = metrics
        self.location = location
        self.keyLocations = keyLocations
    }
}
