import DossierCore
import DossierModel
import Foundation

/// Decides which columns of a runs table are metrics (SPEC 1.6): those named in `metric` or
/// `metrics` (the loader's reading), plus every column named like a metric the experiment's files
/// record (`metrics_file`, `dvc.lock` metrics, MLflow). Such a column is compared with the
/// record and is not a hyperparameter on the pages.
package enum MetricColumns {
    /// The document with its runs-table columns that are recorded metrics moved to the metrics.
    package static func classify(
        _ document: Document, projectRoot: URL, mlflowStores: MLflowStores = MLflowStores()
    ) -> Document {
        classify(document, records: ExperimentDriftCheck(projectRoot: projectRoot, mlflowStores: mlflowStores))
    }

    /// The same, reading the records through `records` (the loader's one check for every document).
    package static func classify(_ document: Document, records: ExperimentDriftCheck) -> Document {
        // Front-matter runs say params and metrics themselves.
        guard document.kind == .experiment, document.runsTableOrdinal != nil,
            document.runs.contains(where: { !$0.params.isEmpty }),
            // Without a record nothing is recorded (`recordedMetrics` would gather the runs for nothing).
            DriftInputs.namesRecords(document)
        else { return document }
        let recorded = records.recordedMetrics(DriftInputs.experiment(document))
        guard !recorded.isEmpty else { return document }
        var document = document
        for index in document.runs.indices {
            let params = document.runs[index].params
            let isMetric: (ExperimentRun.Value) -> Bool = { value in
                if case .found = recorded.lookup(value.key) { return true }
                return false
            }
            document.runs[index].metrics += params.filter(isMetric)
            document.runs[index].params = params.filter { !isMetric($0) }
        }
        return document
    }
}
