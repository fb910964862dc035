/// What an `experiment` document says that its tracking files can confirm or contradict.
public struct DocumentedExperiment: Sendable, Hashable {
    public var runs: [DocumentedRun]
    /// The `selected:` run's name; with one documented run and no `selected:`, that run.
    public var selected: String?
    /// The selection metric's name (`metric: {name: …}`) and where it is written.
    public var metric: String?
    public var metricLocation: SourceLocation?
    /// `params_file:` — YAML, JSON or TOML params, or a `dvc.lock`; describes the selected run.
    public var paramsFile: DocumentedPath?
    /// `metrics_file:` — JSON or YAML metrics (or a `dvc.lock`); describes the selected run.
    public var metricsFile: DocumentedPath?
    /// `mlflow:` — an `mlruns/` folder, one experiment folder in it, or one run folder.
    public var mlflow: DocumentedPath?
    /// The document itself, for findings that have no better place.
    public var location: SourceLocation

    public init(
        runs: [DocumentedRun], selected: String? = nil, metric: String? = nil, metricLocation: SourceLocation? = nil,
        paramsFile: DocumentedPath? = nil, metricsFile: DocumentedPath? = nil, mlflow: DocumentedPath? = nil,
        location: SourceLocation
    ) {
        self.runs = runs
        self.selected = selected
        self.metric = metric
        self.metricLocation = metricLocation
        self.paramsFile = paramsFile
        self.metricsFile = metricsFile
        self.mlflow = mlflow
        self.location = location
    }

    /// The run that `params_file` and `metrics_file` describe.
    var selectedRun: DocumentedRun? {
        if let selected { return runs.first { $0.name == selected } }
        return runs.count == 1 ? runs.first : nil
    }
}
