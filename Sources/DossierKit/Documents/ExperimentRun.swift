/// One run of an experiment, from `runs:` or a runs table.
public struct ExperimentRun: Sendable, Hashable {
    public struct Value: Sendable, Hashable {
        public var key: String
        public var text: String
        public var number: Double?
    }
    public var name: String
    public var model: String?
    public var params: [Value]
    public var metrics: [Value]
    public var location: SourceLocation

    public func metric(_ name: String) -> Double? {
        metrics.first { $0.key == name }?.number
    }
}

/// The metric an experiment selects its run by.
public struct SelectionMetric: Sendable, Hashable {
    public var name: String
    public var maximize: Bool
}
