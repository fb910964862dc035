/// One run an experiment document describes (front matter `runs:` or the body's runs table).
public struct DocumentedRun: Sendable, Hashable {
    public var name: String
    public var model: String?
    /// Hyperparameters with their values as written; numbers as their text (`0.10`, `[64, 32]`).
    public var params: [String: String]
    public var metrics: [String: Double]
    /// Where the run is described; findings about its values point here…
    public var location: SourceLocation
    /// …or, when the integrator knows them, at the line of one param or metric key.
    public var keyLocations: [String: SourceLocation]

    public init(
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
