import DossierCore

/// One run of an experiment, from `runs:` or a runs table.
package struct ExperimentRun: Sendable, Hashable {
    package struct Value: Sendable, Hashable {
        package var key: String
        package var text: String
        package var number: Double?

        package init(key: String, text: String, number: Double?) {
            self.key = key
            self.text = text
            self.number = number
        }
    }
    package var name: String
    package var model: String?
    package var params: [Value]
    package var metrics: [Value]
    package var location: SourceLocation
    /// The tracker that recorded this run (`MLflow`, `DVC`), nil when only the document has it.
    package var recordedIn: String?
    /// False for a run that only the tracker records: the site shows it, the document never wrote it.
    package var isDocumented = true
    /// The documented values the run's record contradicts (the experiment drift check's
    /// mismatches), so that the page can mark those cells; sorted by column and key.
    package var drift: [Drift] = []

    /// A documented value of this run that its record (a params or metrics file, `dvc.lock`,
    /// MLflow) contradicts.
    package struct Drift: Sendable, Hashable {
        package enum Column: String, Sendable, Hashable, Comparable {
            case model, param, metric

            package static func < (a: Column, b: Column) -> Bool { a.rawValue < b.rawValue }
        }
        package var column: Column
        /// The param or metric key as the document writes it; `model` for the model column.
        package var key: String
        /// The value as the record has it.
        package var recorded: String
        /// Where: `metrics.json:3`, an MLflow run's file; with the recorded key when it differs.
        package var source: String

        package init(column: Column, key: String, recorded: String, source: String) {
            self.column = column
            self.key = key
            self.recorded = recorded
            self.source = source
        }
    }

    package init(
        name: String, model: String?, params: [Value], metrics: [Value], location: SourceLocation,
        recordedIn: String? = nil, isDocumented: Bool = true
    ) {
        self.name = name
        self.model = model
        self.params = params
        self.metrics = metrics
        self.location = location
        self.recordedIn = recordedIn
        self.isDocumented = isDocumented
    }

    package func metric(_ name: String) -> Double? {
        metrics.first { $0.key == name }?.number
    }

    /// What the record says instead of the documented value in this cell, if it contradicts it.
    package func drift(_ column: Drift.Column, _ key: String) -> Drift? {
        drift.first { $0.column == column && $0.key == key }
    }
}

/// The metric an experiment selects its run by.
package struct SelectionMetric: Sendable, Hashable {
    package var name: String
    package var maximize: Bool
}
