import DossierCore
import DossierModel
import Foundation

/// Compares an experiment document's runs with what its tracking files recorded.
///
/// `params_file` and `metrics_file` describe the selected run; `mlflow` runs are matched to
/// documented runs by name. A documented value the record contradicts is drift (an error); a
/// documented run MLflow never recorded is a warning with no health state.
package struct ExperimentDriftCheck: Sendable {
    package static let paramMismatch = "drift.experiment.param-mismatch"
    package static let metricMismatch = "drift.experiment.metric-mismatch"
    package static let selectionMetricMissing = "drift.experiment.selection-metric-missing"
    package static let runNotRecorded = "drift.experiment.run-not-recorded"

    package var projectRoot: URL {
        didSet { reader = ProjectFiles(projectRoot: projectRoot) }
    }
    /// The project's file door, made once per check rather than per experiment: each one made
    /// resolves the root again, a `readlink` per folder of its path.
    private var reader: ProjectFiles
    /// The largest absolute difference at which a documented metric still agrees with the record.
    package var metricTolerance: Double
    /// Where MLflow stores are read, once per build (shared with the loader's uses).
    package var mlflowStores: MLflowStores

    package init(projectRoot: URL, metricTolerance: Double = 1e-3, mlflowStores: MLflowStores = MLflowStores()) {
        self.projectRoot = projectRoot
        self.reader = ProjectFiles(projectRoot: projectRoot)
        self.metricTolerance = metricTolerance
        self.mlflowStores = mlflowStores
    }

    /// Metrics recorded for the selected run by one source, for the selection-metric check.
    private struct MetricsSource {
        package var values: RecordedValues
        package var name: String
    }

    /// One documented value the record contradicts: the finding, and what the page marks.
    package struct Mismatch: Sendable {
        package var run: String
        package var drift: ExperimentRun.Drift
        package var finding: Finding
    }

    package func check(_ experiment: DocumentedExperiment) -> [Finding] {
        compare(experiment).findings
    }

    /// The documented values the records contradict, in the order the findings come.
    package func mismatches(_ experiment: DocumentedExperiment) -> [Mismatch] {
        compare(experiment).mismatches
    }

    /// Every finding of the check, and the mismatches among them with what was recorded.
    private func compare(_ experiment: DocumentedExperiment) -> (findings: [Finding], mismatches: [Mismatch]) {
        let selected = experiment.selectedRun
        var findings: [Finding] = []
        var mismatches: [Mismatch] = []
        func add(_ found: [Mismatch]) {
            mismatches += found
            findings += found.map(\.finding)
        }
        var selectedMetrics: [MetricsSource] = []

        var files: [(reference: DocumentedPath, isMetrics: Bool)] = []
        if let params = experiment.paramsFile { files.append((params, false)) }
        if let metrics = experiment.metricsFile, metrics.path != experiment.paramsFile?.path {
            files.append((metrics, true))
        }

        for (reference, isMetrics) in files {
            do {
                let (params, metrics, problems) = try Self.record(reference.path, isMetrics: isMetrics, reader: reader)
                findings += problems.map { $0.finding(referencedFrom: reference.location) }
                if let selected {
                    add(compareParams(of: selected, with: params))
                    add(compareMetrics(of: selected, with: metrics))
                }
                // A metrics file must hold the selection metric; a dvc.lock only when it led to metrics at all.
                if isMetrics || !metrics.isEmpty {
                    selectedMetrics.append(MetricsSource(values: metrics, name: reference.path))
                }
            } catch {
                findings.append(error.finding(referencedFrom: reference.location))
            }
        }

        if let reference = experiment.mlflow {
            do {
                let store = try mlflowStores.store(path: reference.path, reader: reader)
                findings += store.problems.map { $0.finding(referencedFrom: reference.location) }
                for run in experiment.runs {
                    guard let recorded = store.run(named: run.name) else {
                        findings.append(notRecorded(run, in: reference.path, store: store))
                        continue
                    }
                    add(compareParams(of: run, with: recorded.params))
                    add(compareMetrics(of: run, with: recorded.metrics))
                    if run.name == selected?.name {
                        selectedMetrics.append(
                            MetricsSource(
                                values: recorded.metrics, name: "MLflow run \(recorded.name) (\(recorded.folder))"))
                    }
                }
            } catch {
                findings.append(error.finding(referencedFrom: reference.location))
            }
        }

        if let metric = experiment.metric {
            for source in selectedMetrics {
                guard case .missing = source.values.lookup(metric) else { continue }
                findings.append(
                    Finding(
                        .error, Self.selectionMetricMissing,
                        "selection metric \(metric) is not among the metrics recorded in \(source.name): \(Self.list(source.values.keys))",
                        at: experiment.metricLocation ?? experiment.location, state: .drift
                    ))
            }
        }
        return (findings, mismatches)
    }

    /// Params and metrics recorded in one file; a `dvc.lock` yields both.
    private static func record(
        _ path: String, isMetrics: Bool, reader: ProjectFiles
    ) throws(DriftFileProblem) -> (params: RecordedValues, metrics: RecordedValues, problems: [DriftFileProblem]) {
        if path.split(separator: "/").last == "dvc.lock" {
            let result = try DVCLockReader(reader: reader).read(path)
            return (result.params, result.metrics, result.problems)
        }
        let values = try RecordedValues.load(path, reader: reader)
        return isMetrics ? (RecordedValues(), values, []) : (values, RecordedValues(), [])
    }

    /// Every metric the experiment's files record: `metrics_file`, the metrics a `dvc.lock`
    /// leads to, and the metrics of every MLflow run. Unreadable files add nothing (the check
    /// reports them).
    package func recordedMetrics(_ experiment: DocumentedExperiment) -> RecordedValues {
        var recorded = RecordedValues()
        var paths: [String] = []
        if let metrics = experiment.metricsFile { paths.append(metrics.path) }
        if let params = experiment.paramsFile, params.path.split(separator: "/").last == "dvc.lock" {
            paths.append(params.path)
        }
        for path in paths {
            if let values = try? Self.record(path, isMetrics: true, reader: reader).metrics { recorded.merge(values) }
        }
        if let mlflow = experiment.mlflow, let store = try? mlflowStores.store(path: mlflow.path, reader: reader) {
            for run in store.runs { recorded.merge(run.metrics) }
        }
        return recorded
    }

    private func compareParams(of run: DocumentedRun, with recorded: RecordedValues) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        // The `model` column against a `model` (or `train.model`) param: a different estimator.
        if let model = run.model, run.params["model"] == nil,
            case .found(let recordedKey, let value) = recorded.lookup("model"),
            let text = value.data.text, !Self.isFilePath(text), Self.modelName(text) != Self.modelName(model)
        {
            mismatches.append(
                Mismatch(
                    run: run.name,
                    drift: ExperimentRun.Drift(
                        column: .model, key: "model", recorded: text, source: "\(value.source) (as \(recordedKey))"),
                    finding: Finding(
                        .error, Self.paramMismatch,
                        "run \(run.name): model is \(model) in the document but \(text) in \(value.source) (as \(recordedKey))",
                        at: run.keyLocations["model"] ?? run.location, state: .drift
                    )))
        }
        return mismatches
            + run.params.keys.sorted().compactMap { key in
                guard let documented = run.params[key], case .found(let recordedKey, let value) = recorded.lookup(key),
                    ParamValue(documented) != ParamValue(value.data)
                else { return nil }
                let alias = recordedKey == key ? "" : " (as \(recordedKey))"
                return Mismatch(
                    run: run.name,
                    drift: ExperimentRun.Drift(
                        column: .param, key: key, recorded: value.data.rendered, source: value.source + alias),
                    finding: Finding(
                        .error, Self.paramMismatch,
                        "run \(run.name): param \(key) is \(documented) in the document but \(value.data.rendered) in \(value.source)\(alias)",
                        at: run.keyLocations[key] ?? run.location, state: .drift
                    ))
            }
    }

    private func compareMetrics(of run: DocumentedRun, with recorded: RecordedValues) -> [Mismatch] {
        run.metrics.keys.sorted().compactMap { key in
            guard let documented = run.metrics[key], case .found(let recordedKey, let value) = recorded.lookup(key),
                case .number(let number) = ParamValue(value.data),
                !(abs(documented - number) <= metricTolerance)
            else { return nil }
            let alias = recordedKey == key ? "" : " (as \(recordedKey))"
            return Mismatch(
                run: run.name,
                drift: ExperimentRun.Drift(
                    column: .metric, key: key, recorded: value.data.rendered, source: value.source + alias),
                finding: Finding(
                    .error, Self.metricMismatch,
                    "run \(run.name): metric \(key) is \(Self.format(documented)) in the document but \(value.data.rendered) in \(value.source)\(alias), beyond the tolerance of \(Self.format(metricTolerance))",
                    at: run.keyLocations[key] ?? run.location, state: .drift
                ))
        }
    }

    /// `Random Forest`, `random-forest` and `random_forest` name the same model.
    private static func modelName(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// A `model` param that is where the model is saved (`models/model.pkl`), not which model it is.
    private static func isFilePath(_ text: String) -> Bool {
        text.contains("/")
            || [
                ".pkl", ".pickle", ".joblib", ".pt", ".pth", ".h5", ".keras", ".onnx", ".bin",
                ".safetensors", ".json", ".cbm", ".txt",
            ].contains { text.lowercased().hasSuffix($0) }
    }

    private func notRecorded(_ run: DocumentedRun, in path: String, store: MLflowStore) -> Finding {
        let names = Array(Set(store.runs.map(\.name))).sorted()
        var message = "run \(run.name) is not recorded in \(path)"
        if names.isEmpty {
            message += ", which holds no runs"
        } else {
            message += " (recorded runs: \(Self.list(names)))" + ClosestMatch.suggestion(run.name, in: names)
        }
        return Finding(.warning, Self.runNotRecorded, message, at: run.location)
    }

    /// `a, b, c` — at most eight names, then how many more.
    private static func list(_ names: [String]) -> String {
        if names.isEmpty { return "none" }
        let shown = names.prefix(8).joined(separator: ", ")
        return names.count > 8 ? "\(shown) and \(names.count - 8) more" : shown
    }

    /// `0.91` rather than `0.91000000000000003`; integers without `.0`.
    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
