import DossierCore
import DossierModel

/// Turns a document's typed front matter into the inputs of the drift checks.
package enum DriftInputs {
    package static func path(_ document: Document, _ key: String) -> DocumentedPath? {
        guard let value = document[key], let text = value.scalarText, !ProjectPath.hasScheme(text) else { return nil }
        return DocumentedPath(
            path: ProjectPath.resolve(text) ?? text,
            location: SourceLocation(path: document.path, line: value.line, column: value.column))
    }

    package static func environment(_ document: Document) -> DocumentedEnvironment {
        var packages: [DocumentedPackage] = []
        for entry in document["packages"]?.entries ?? [] {
            guard let version = entry.value.scalarText else { continue }
            packages.append(
                DocumentedPackage(
                    name: entry.key, version: version,
                    location: SourceLocation(path: document.path, line: entry.line, column: entry.column)))
        }
        let python = document["python"]
        return DocumentedEnvironment(
            python: python?.scalarText,
            pythonLocation: python.map { SourceLocation(path: document.path, line: $0.line, column: $0.column) },
            packages: packages, requirements: path(document, "requirements"))
    }

    package static func experiment(_ document: Document) -> DocumentedExperiment {
        // Runs only the tracker records (`TrackerRuns`) are not the document's claims.
        let runs = document.runs.filter(\.isDocumented).map { run in
            var params: [String: String] = [:]
            for value in run.params { params[value.key] = value.text }
            var metrics: [String: Double] = [:]
            for value in run.metrics { if let number = value.number { metrics[value.key] = number } }
            return DocumentedRun(
                name: run.name, model: run.model, params: params, metrics: metrics, location: run.location)
        }
        let metric = document["metric"]
        return DocumentedExperiment(
            runs: runs, selected: document.selected, metric: document.selectionMetric?.name,
            metricLocation: metric.map { SourceLocation(path: document.path, line: $0.line, column: $0.column) },
            paramsFile: path(document, "params_file"), metricsFile: path(document, "metrics_file"),
            mlflow: mlflow(document),
            location: document.location(ofKey: "runs"))
    }

    /// Whether an experiment document names a record its runs are compared with (`params_file`,
    /// `metrics_file` or `mlflow`), as `experiment(document)` would find them: without one the
    /// experiment checks find nothing and its runs need not be gathered.
    package static func namesRecords(_ document: Document) -> Bool {
        path(document, "params_file") != nil || path(document, "metrics_file") != nil || mlflow(document) != nil
    }

    /// The experiment's `mlflow:` store (`experiment(document).mlflow`), without reading its runs.
    package static func mlflow(_ document: Document) -> DocumentedPath? {
        path(document, "mlflow") ?? sqliteURI(document, "mlflow")
    }

    /// `sqlite:///mlflow.db`, MLflow's tracking URI for a project-relative SQLite store.
    private static func sqliteURI(_ document: Document, _ key: String) -> DocumentedPath? {
        let prefix = "sqlite:///"
        guard let value = document[key], let text = value.scalarText, text.hasPrefix(prefix) else { return nil }
        let relative = String(text.dropFirst(prefix.count))
        // `sqlite:////abs/path` is absolute; the reader refuses it as leaving the project.
        return DocumentedPath(
            path: relative.hasPrefix("/") ? relative : ProjectPath.resolve(relative) ?? relative,
            location: SourceLocation(path: document.path, line: value.line, column: value.column))
    }

    package static func labeling(_ document: Document) -> DocumentedLabeling? {
        guard let classes = document["classes"], let list = classes.stringList else { return nil }
        return DocumentedLabeling(
            classes: list,
            classesLocation: SourceLocation(path: document.path, line: classes.line, column: classes.column),
            config: path(document, "config"))
    }
}
