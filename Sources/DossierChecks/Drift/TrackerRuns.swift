import DossierCore
import DossierModel
import Foundation

/// Runs an experiment's tracker recorded (`mlflow:` — an `mlruns/` folder or an `mlflow.db`),
/// joined with the runs its document writes, so the site shows them without the document
/// copying them into its front matter.
///
/// Runs are matched by name. A documented run the tracker also recorded keeps the document's
/// values (the drift check compares the two) and is marked as recorded; a recorded run the
/// document does not write is appended with the tracker's params and metrics, after the
/// documented ones, in the order the tracker started them (then by name), one per name (the
/// latest, as `MLflowStore.run(named:)` picks).
package enum TrackerRuns {
    /// What the pages call an MLflow store.
    package static let mlflow = "MLflow"

    /// The document with its tracker's runs joined; unchanged for other kinds, or when the
    /// store cannot be read (the drift check reports that).
    package static func merge(_ document: Document, projectRoot: URL) -> Document {
        guard document.kind == .experiment, let reference = DriftInputs.experiment(document).mlflow,
              let store = try? MLflowStore(path: reference.path, reader: ProjectFiles(projectRoot: projectRoot))
        else { return document }
        var document = document
        let documented = Set(document.runs.map(\.name))
        for index in document.runs.indices where store.run(named: document.runs[index].name) != nil {
            document.runs[index].recordedIn = mlflow
        }
        let latest = Set(store.runs.map(\.name)).compactMap { store.run(named: $0) }
            .sorted { ($0.startTime, $0.name, $0.id) < ($1.startTime, $1.name, $1.id) }
        for run in latest where !documented.contains(run.name) {
            var params = values(run.params)
            let model = params.first { $0.key == "model" }?.text
            params.removeAll { $0.key == "model" && model != nil }
            document.runs.append(ExperimentRun(
                name: run.name, model: model, params: params, metrics: values(run.metrics),
                location: reference.location, recordedIn: mlflow, isDocumented: false))
        }
        return document
    }

    /// Recorded values as run values, sorted by key so the table's columns do not depend on
    /// the order the store's folders list in.
    private static func values(_ recorded: RecordedValues) -> [ExperimentRun.Value] {
        recorded.keys.sorted().compactMap { key in
            guard case .found(_, let value) = recorded.lookup(key) else { return nil }
            let text = value.data.text ?? value.data.rendered
            return ExperimentRun.Value(key: key, text: text, number: Double(text))
        }
    }
}
