import DossierCore
import DossierModel

/// What one column of a data sample holds, as far as the rows read show.
package struct ColumnProfile: Sendable, Hashable, Codable {
    /// A value as written in the sample, with the line it was first seen on.
    package struct SampleValue: Sendable, Hashable, Codable {
        package var value: String
        package var line: Int

        package init(_ value: String, line: Int) {
            self.value = value
            self.line = line
        }
    }

    /// How many values of one kind the column holds, and the first of them.
    package struct KindSummary: Sendable, Hashable, Codable {
        package var kind: ValueKind
        package var count: Int
        package var example: SampleValue

        package init(kind: ValueKind, count: Int, example: SampleValue) {
            self.kind = kind
            self.count = count
            self.example = example
        }
    }

    /// A distinct value and how many rows hold it.
    package struct DistinctValue: Sendable, Hashable, Codable {
        package var value: String
        package var count: Int
        package var firstLine: Int

        package init(value: String, count: Int, firstLine: Int) {
            self.value = value
            self.count = count
            self.firstLine = firstLine
        }
    }

    package var name: String
    /// The type the values show (never `text` or `id`, which data alone cannot tell);
    /// nil when every value read is missing.
    package var inferredType: FieldType?
    /// Rows with a value in this column.
    package var valueCount: Int
    /// Rows whose value is a missing marker (`NA`, empty, `null`…) or, in JSON Lines, absent.
    package var missingCount: Int
    /// The first missing value (`NA`, ``, `(absent)`) and its line.
    package var firstMissing: SampleValue?
    /// The kinds of the values, in order of first appearance.
    package var kinds: [KindSummary]
    /// Distinct values in order of first appearance, up to the reader's cap.
    package var distinctValues: [DistinctValue]
    /// False when some values were not tracked: more distinct values than the cap, or a value too
    /// long to keep. Checks against documented `values` then only saw the tracked ones.
    package var distinctValuesComplete: Bool
    /// The smallest and largest numeric (integer or float) value.
    package var minimum: Double?
    package var maximum: Double?
    /// The first float that is not a whole number (`39.1` or `inf`, not `181.0`): integer columns
    /// that pandas wrote as floats because of missing values are still integer data.
    package var firstFractional: SampleValue?
    /// For a member of a JSON Lines object (`meta.src`), the column of that object (`meta`).
    package var parent: String?
    /// Numeric values in `ColumnProfile.histogramBins` equal-width bins from `minimum` to
    /// `maximum` (the last bin closed); empty when the column holds no numbers.
    package var histogram: [Int] = []

    /// Bins of a numeric column's histogram on the data pages.
    package static let histogramBins = 10

    /// Distinct values, most rows first (ties: first seen first): a categorical column's bars.
    package var topValues: [DistinctValue] {
        distinctValues.sorted { ($0.count, -$0.firstLine) > ($1.count, -$1.firstLine) }
    }

    /// The share of rows whose value is missing, 0 for an empty sample.
    package var missingShare: Double {
        let rows = valueCount + missingCount
        return rows == 0 ? 0 : Double(missingCount) / Double(rows)
    }

    package init(
        name: String, inferredType: FieldType?, valueCount: Int, missingCount: Int,
        firstMissing: SampleValue? = nil, kinds: [KindSummary] = [], distinctValues: [DistinctValue] = [],
        distinctValuesComplete: Bool = true, minimum: Double? = nil, maximum: Double? = nil,
        firstFractional: SampleValue? = nil
    ) {
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
    package func summary(of kind: ValueKind) -> KindSummary? {
        kinds.first { $0.kind == kind }
    }

    /// True for integer data whose every value is 0 or 1, which a `boolean` field accepts.
    package var isZeroOrOne: Bool {
        inferredType == .integer && (minimum ?? 0) >= 0 && (maximum ?? 0) <= 1
    }
}
