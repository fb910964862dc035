/// What one column of a data sample holds, as far as the rows read show.
public struct ColumnProfile: Sendable, Hashable, Codable {
    /// A value as written in the sample, with the line it was first seen on.
    public struct SampleValue: Sendable, Hashable, Codable {
        public var value: String
        public var line: Int

        public init(_ value: String, line: Int) {
            self.value = value
            self.line = line
        }
    }

    /// How many values of one kind the column holds, and the first of them.
    public struct KindSummary: Sendable, Hashable, Codable {
        public var kind: ValueKind
        public var count: Int
        public var example: SampleValue

        public init(kind: ValueKind, count: Int, example: SampleValue) {
            self.kind = kind
            self.count = count
            self.example = example
        }
    }

    /// A distinct value and how many rows hold it.
    public struct DistinctValue: Sendable, Hashable, Codable {
        public var value: String
        public var count: Int
        public var firstLine: Int

        public init(value: String, count: Int, firstLine: Int) {
            self.value = value
            self.count = count
            self.firstLine = firstLine
        }
    }

    public var name: String
    /// The type the values show (never `text` or `id`, which data alone cannot tell);
    /// nil when every value read is missing.
    public var inferredType: FieldType?
    /// Rows with a value in this column.
    public var valueCount: Int
    /// Rows whose value is a missing marker (`NA`, empty, `null`…) or, in JSON Lines, absent.
    public var missingCount: Int
    /// The first missing value (`NA`, ``, `(absent)`) and its line.
    public var firstMissing: SampleValue?
    /// The kinds of the values, in order of first appearance.
    public var kinds: [KindSummary]
    /// Distinct values in order of first appearance, up to the reader's cap.
    public var distinctValues: [DistinctValue]
    /// False when some values were not tracked: more distinct values than the cap, or a value too
    /// long to keep. Checks against documented `values` then only saw the tracked ones.
    public var distinctValuesComplete: Bool
    /// The smallest and largest numeric (integer or float) value.
    public var minimum: Double?
    public var maximum: Double?
    /// The first float that is not a whole number (`39.1` or `inf`, not `181.0`): integer columns
    /// that pandas wrote as floats because of missing values are still integer data.
    public var firstFractional: SampleValue?

    public init(name: String, inferredType: FieldType?, valueCount: Int, missingCount: Int,
                firstMissing: SampleValue? = nil, kinds: [KindSummary] = [], distinctValues: [DistinctValue] = [],
                distinctValuesComplete: Bool = true, minimum: Double? = nil, maximum: Double? = nil,
                firstFractional: SampleValue? = nil) {
        self.name = name
        self.inferredType = inferredType
        self.valueCount = valueCount
        self.missingCount = missingCount
        self.firstMissing = firstMissing
        self.kinds = kinds
        self.distinctValues = distinctValues
        self.distinctValuesComplete = distinctValuesComplete
        self.minimum = minimum
        self.maximum = maximum
        self.firstFractional = firstFractional
    }

    /// The summary of one kind of value, nil when the column holds none.
    public func summary(of kind: ValueKind) -> KindSummary? {
        kinds.first { $0.kind == kind }
    }

    /// True for integer data whose every value is 0 or 1, which a `boolean` field accepts.
    public var isZeroOrOne: Bool {
        inferredType == .integer && (minimum ?? 0) >= 0 && (maximum ?? 0) <= 1
    }
}
