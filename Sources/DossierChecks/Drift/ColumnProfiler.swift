import DossierCore
import DossierModel

/// Accumulates one column's values while a sample streams past, in bounded memory.
package struct ColumnProfiler {
    /// The categorical-versus-string rule: a text column is categorical when it has at most this
    /// many distinct values…
    package static let categoricalMaxDistinct = 20
    /// …and every distinct value appears, on average, at least this many times. Without the second
    /// condition a 12-row file of names would look categorical.
    package static let categoricalMinRowsPerValue = 2
    /// Values longer than this (in UTF-8 bytes) are not kept as distinct values: they are free
    /// text, never one of a documented list, and keeping them would unbound memory.
    package static let maxDistinctValueBytes = 256
    /// What keeping one distinct value costs beyond its bytes (two string headers, a count, a
    /// line, hash-table slack), roughly: for the shared memory budget only.
    package static let entryOverhead = 96

    package let name: String
    /// For a member of a JSON Lines object, the column of that object.
    package var parent: String?
    package let maxDistinctValues: Int

    private var valueCount = 0
    private var missingCount = 0
    private var firstMissing: ColumnProfile.SampleValue?
    private var kinds: [ColumnProfile.KindSummary] = []
    private var distinct: [ColumnProfile.DistinctValue] = []
    private var distinctIndex: [String: Int] = [:]
    private var distinctComplete = true
    private var minimum: Double?
    private var maximum: Double?
    private var firstFractional: ColumnProfile.SampleValue?
    /// Every finite number read, for the histogram: bounded by the reader's row limit.
    private var numbers: [Double] = []

    package init(name: String, maxDistinctValues: Int) {
        self.name = name
        self.maxDistinctValues = maxDistinctValues
    }

    /// Records one cell: `kind` nil means the cell is missing. A new distinct value is kept only
    /// while `budget` (bytes, shared by every column of the sample) lasts.
    package mutating func add(_ value: String, kind: ValueKind?, line: Int, budget: inout Int) {
        guard let kind else {
            addMissing(value, line: line)
            return
        }
        valueCount += 1
        if let index = kinds.firstIndex(where: { $0.kind == kind }) {
            kinds[index].count += 1
        } else {
            kinds.append(.init(kind: kind, count: 1, example: .init(value, line: line)))
        }
        if kind == .integer || kind == .float {
            addNumber(value, kind: kind, line: line)
        }
        addDistinct(value, line: line, budget: &budget)
    }

    /// Records `count` missing cells, the first on `line`; `marker` is what was written
    /// (`NA`, empty, `null`) or `(absent)` for a JSON Lines key a row does not have.
    package mutating func addMissing(_ marker: String, line: Int, count: Int = 1) {
        guard count > 0 else { return }
        missingCount += count
        if firstMissing == nil { firstMissing = .init(marker, line: line) }
    }

    private mutating func addNumber(_ value: String, kind: ValueKind, line: Int) {
        guard let number = Double(value) ?? Double(value.trimmingASCIIBlanks()) else { return }
        if number.isFinite { numbers.append(number) }
        minimum = min(minimum ?? number, number)
        maximum = max(maximum ?? number, number)
        let isWhole = number.isFinite && number.rounded(.towardZero) == number
        if kind == .float, firstFractional == nil, !isWhole {
            firstFractional = .init(value, line: line)
        }
    }

    private mutating func addDistinct(_ value: String, line: Int, budget: inout Int) {
        if let index = distinctIndex[value] {
            distinct[index].count += 1
        } else if distinct.count < maxDistinctValues, value.utf8.count <= Self.maxDistinctValueBytes,
            budget >= value.utf8.count + Self.entryOverhead
        {
            budget -= value.utf8.count + Self.entryOverhead
            // Sized once for a typical column instead of regrown from one slot (resizing showed in
            // profiles of samples); it still grows past this for wider columns.
            if distinctIndex.isEmpty { distinctIndex.reserveCapacity(min(maxDistinctValues, 64)) }
            distinctIndex[value] = distinct.count
            distinct.append(.init(value: value, count: 1, firstLine: line))
        } else {
            distinctComplete = false
        }
    }

    /// The profile of the rows seen so far.
    package func profile() -> ColumnProfile {
        // Copied to an array of exactly their number: profiles live as long as the build (the
        // data pages show them), and an array grown by appending holds up to twice its values.
        var distinctValues: [ColumnProfile.DistinctValue] = []
        distinctValues.reserveCapacity(distinct.count)
        distinctValues.append(contentsOf: distinct)
        var profile = ColumnProfile(
            name: name, inferredType: inferredType(), valueCount: valueCount,
            missingCount: missingCount, firstMissing: firstMissing, kinds: kinds,
            distinctValues: distinctValues, distinctValuesComplete: distinctComplete,
            minimum: minimum, maximum: maximum, firstFractional: firstFractional)
        profile.parent = parent
        profile.histogram = Self.histogram(numbers)
        return profile
    }

    /// Equal-width bins over the finite values' range; one bin when every value is the same.
    package static func histogram(_ numbers: [Double], bins: Int = ColumnProfile.histogramBins) -> [Int] {
        guard let low = numbers.min(), let high = numbers.max(), bins > 0 else { return [] }
        guard high > low else { return [numbers.count] }
        var counts = [Int](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for number in numbers {
            counts[min(bins - 1, max(0, Int((number - low) / width)))] += 1
        }
        return counts
    }

    /// The narrowest type every value fits: integers widen to float, dates to date-times; any
    /// other mix is text, which is categorical or string by the rule above.
    private func inferredType() -> FieldType? {
        let present = Set(kinds.map(\.kind))
        if present.isEmpty { return nil }
        if present == [.integer] { return .integer }
        if present.isSubset(of: [.integer, .float]) { return .float }
        if present == [.boolean] { return .boolean }
        if present == [.date] { return .date }
        if present.isSubset(of: [.date, .datetime]) { return .datetime }
        let isCategorical =
            distinctComplete
            && distinct.count <= Self.categoricalMaxDistinct
            && valueCount >= Self.categoricalMinRowsPerValue * distinct.count
        return isCategorical ? .categorical : .string
    }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs (what `ValueClassifier` ignores).
    package func trimmingASCIIBlanks() -> String {
        let blanks: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !blanks($0) }), let last = lastIndex(where: { !blanks($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
