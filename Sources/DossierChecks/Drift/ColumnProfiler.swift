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
    /// Distinct values by their bytes while every one is ASCII (see `DistinctBytes`)…
    private var distinctBytes = DistinctBytes()
    /// …and by string once one is not: Swift compares strings by canonical equivalence, so a
    /// non-ASCII value can equal another spelled with other bytes (even an ASCII one: U+212A
    /// KELVIN SIGN is `K`). Built from the values kept so far when the first non-ASCII one comes.
    private var distinctIndex: [String: Int]?
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
        var value = value
        value.withUTF8 { add(bytes: $0, kind: kind, line: line, budget: &budget) }
    }

    /// `add` for a value given as its UTF-8 bytes (valid UTF-8): a string is made only for what
    /// the profile keeps (a new distinct value, the first example of a kind, a number to parse).
    package mutating func add(bytes value: UnsafeBufferPointer<UInt8>, kind: ValueKind?, line: Int, budget: inout Int) {
        guard let kind else {
            missingCount += 1
            if firstMissing == nil { firstMissing = .init(Self.string(value), line: line) }
            return
        }
        valueCount += 1
        if let index = kinds.firstIndex(where: { $0.kind == kind }) {
            kinds[index].count += 1
        } else {
            kinds.append(.init(kind: kind, count: 1, example: .init(Self.string(value), line: line)))
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

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A number's value as `Double(String)` reads it, trimmed of blanks first (which it would refuse).
    private mutating func addNumber(_ value: UnsafeBufferPointer<UInt8>, kind: ValueKind, line: Int) {
        let trimmed = UnsafeBufferPointer(rebasing: ValueClassifier.trimmed(value))
        guard let number = Self.plainDecimal(trimmed) ?? Double(Self.string(trimmed)) else { return }
        if number.isFinite { numbers.append(number) }
        minimum = min(minimum ?? number, number)
        maximum = max(maximum ?? number, number)
        let isWhole = number.isFinite && number.rounded(.towardZero) == number
        if kind == .float, firstFractional == nil, !isWhole {
            firstFractional = .init(Self.string(value), line: line)
        }
    }

    /// A plain decimal (`-12`, `3.25`, `.5`, `7.`) of at most 15 digits, read without a string:
    /// the digits make an integer below 2^53 and the point a power of ten up to 10^15, both exact
    /// in a `Double`, so their quotient is the correctly rounded value, which is what
    /// `Double(String)` (strtod) gives too (a negative zero included). Nil for anything else
    /// (exponents, infinities, more digits), which goes through `Double(String)`.
    private static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= 17 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var mantissa = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                mantissa = mantissa * 10 + Int(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    private mutating func addDistinct(_ value: UnsafeBufferPointer<UInt8>, line: Int, budget: inout Int) {
        if distinctIndex == nil, !value.allSatisfy({ $0 < 0x80 }) {
            var index: [String: Int] = [:]
            index.reserveCapacity(distinct.count)
            for (i, kept) in distinct.enumerated() { index[kept.value] = i }
            distinctIndex = index
            distinctBytes = DistinctBytes()
        }
        let known: Int?
        var text: String?
        var hash = 0
        if distinctIndex != nil {
            let string = Self.string(value)
            known = distinctIndex?[string]
            text = string
        } else {
            hash = DistinctBytes.hash(value)
            known = distinctBytes.index(of: value, hash: hash)
        }
        if let known {
            distinct[known].count += 1
        } else if distinct.count < maxDistinctValues, value.count <= Self.maxDistinctValueBytes,
            budget >= value.count + Self.entryOverhead
        {
            budget -= value.count + Self.entryOverhead
            let string = text ?? Self.string(value)
            if distinctIndex != nil {
                distinctIndex?[string] = distinct.count
            } else {
                distinctBytes.insert(value, index: distinct.count, hash: hash)
            }
            if distinct.isEmpty { distinct.reserveCapacity(16) }
            distinct.append(.init(value: string, count: 1, firstLine: line))
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
    private static func bit(_ kind: ValueKind) -> Int {
        switch kind {
        case .integer: 1
        case .float: 2
        case .boolean: 4
        case .date: 8
        case .datetime: 16
        case .text: 32
        }
    }

    private func inferredType() -> FieldType? {
        // A bit per kind present: this runs once per column of every sample.
        let present = kinds.reduce(0) { $0 | Self.bit($1.kind) }
        let integer = Self.bit(.integer), float = Self.bit(.float)
        let date = Self.bit(.date), datetime = Self.bit(.datetime)
        if present == 0 { return nil }
        if present == integer { return .integer }
        if present & ~(integer | float) == 0 { return .float }
        if present == Self.bit(.boolean) { return .boolean }
        if present == date { return .date }
        if present & ~(date | datetime) == 0 { return .datetime }
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
