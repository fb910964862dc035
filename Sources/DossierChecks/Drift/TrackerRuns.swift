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
    package static func merge(
        _ document: Document, projectRoot: URL, mlflowStores: MLflowStores = MLflowStores()
    ) -> Document {
        mergeDVC(mergeMLflow(document, projectRoot: projectRoot, stores: mlflowStores), projectRoot: projectRoot)
    }

    /// What the pages call a DVC pipeline's record.
    package static let dvc = "DVC"
    /// The name DVC gives the state of the working tree (`dvc exp show`).
    package static let workspace = "workspace"

    /// A `params_file: dvc.lock` records one run: the params the pipeline last ran with and the
    /// metrics files it declares. That is the selected run when the document names one (the
    /// drift check compares the two), else a run named `workspace`, as DVC calls it.
    private static func mergeDVC(_ document: Document, projectRoot: URL) -> Document {
        // Only the `params_file:` path: the whole documented experiment (every run's params and
        // metrics) was built here for every document.
        guard document.kind == .experiment, let reference = DriftInputs.path(document, "params_file"),
            reference.path.split(separator: "/").last == "dvc.lock",
            let record = try? DVCLockReader(reader: ProjectFiles(projectRoot: projectRoot)).read(reference.path),
            !record.params.isEmpty || !record.metrics.isEmpty
        else { return document }
        var document = document
        if let selected = document.selected, let index = document.runs.firstIndex(where: { $0.name == selected }) {
            if document.runs[index].recordedIn == nil { document.runs[index].recordedIn = dvc }
            return document
        }
        guard !document.runs.contains(where: { $0.name == workspace }) else { return document }
        document.runs.append(
            ExperimentRun(
                name: workspace, model: nil, params: values(record.params), metrics: values(record.metrics),
                location: reference.location, recordedIn: dvc, isDocumented: false))
        return document
    }

    private static func mergeMLflow(_ document: Document, projectRoot: URL, stores: MLflowStores) -> Document {
        guard document.kind == .experiment, let reference = DriftInputs.mlflow(document),
            let store = try? stores.store(path: reference.path, reader: ProjectFiles(projectRoot: projectRoot))
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
            document.runs.append(
                ExperimentRun(
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
