import DossierCore

/// What an `experiment` document says that its tracking files can confirm or contradict.
package struct DocumentedExperiment: Sendable, Hashable {
    package var runs: [DocumentedRun]
    /// The `selected:` run's name; with one documented run and no `selected:`, that run.
    package var selected: String?
    /// The selection metric's name (`metric: {name: …}`) and where it is written.
    package var metric: String?
    package var metricLocation: SourceLocation?
    /// `params_file:` — YAML, JSON or TOML params, or a `dvc.lock`; describes the selected run.
    package var paramsFile: DocumentedPath?
    /// `metrics_file:` — JSON or YAML metrics (or a `dvc.lock`); describes the selected run.
    package var metricsFile: DocumentedPath?
    /// `mlflow:` — an `mlruns/` folder, one experiment folder in it, one run folder, or an SQLite
    /// store (`mlflow.db`, or its tracking URI `sqlite:///mlflow.db`).
    package var mlflow: DocumentedPath?
    /// The document itself, for findings that have no better place.
    package var location: SourceLocation

    package init(
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
    package var selectedRun: DocumentedRun? {
        if let selected { return runs.first { $0.name == selected } }
        return runs.count == 1 ? runs.first : nil
    }
}
