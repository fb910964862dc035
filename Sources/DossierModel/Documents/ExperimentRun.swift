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
}

/// The metric an experiment selects its run by.
package struct SelectionMetric: Sendable, Hashable {
    package var name: String
    package var maximize: Bool
}
