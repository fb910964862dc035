import DossierCore
import DossierModel

extension ExperimentDriftCheck {
    /// The document with its documented runs' drifted values on them (`ExperimentRun.drift`), so
    /// that the runs table marks those cells with what was recorded; unchanged for other kinds
    /// and for an experiment that names no record. The same comparison as `check`, so a marked
    /// cell and a drift finding always go together.
    package func markingDrift(_ document: Document) -> Document {
        // Asked before the documented runs are gathered: most experiments name no record.
        guard document.kind == .experiment, DriftInputs.namesRecords(document) else { return document }
        let experiment = DriftInputs.experiment(document)
        var byRun: [String: [ExperimentRun.Drift]] = [:]
        for mismatch in mismatches(experiment) { byRun[mismatch.run, default: []].append(mismatch.drift) }
        guard !byRun.isEmpty else { return document }
        var document = document
        for index in document.runs.indices where document.runs[index].isDocumented {
            guard let found = byRun[document.runs[index].name] else { continue }
            // A cell two records contradict (params_file and metrics_file) shows the first checked.
            var seen = Set<String>()
            document.runs[index].drift =
                found
                .filter { seen.insert("\($0.column.rawValue)\u{1F}\($0.key)").inserted }
                .sorted { ($0.column, $0.key) < ($1.column, $1.key) }
        }
        return document
    }
}
