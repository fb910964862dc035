import DossierCore

/// One run of an experiment, from `runs:` or a runs table.
package struct ExperimentRun: Sendable, Hashable {
    package struct Value: Sendable, Hashable {
        package var key: String
        package var text: String
        package var number: Double?
    }
    package var name: String
    package var model: String?
    package var params: [Value]
    package var metrics: [Value]
    package var location: SourceLocation

    package func metric(_ name: String) -> Double? {
        metrics.first { $0.key == name }?.number
    }
}

/// The metric an experiment selects its run by.
package struct SelectionMetric: Sendable, Hashable {
    package var name: String
    package var maximize: Bool
}
