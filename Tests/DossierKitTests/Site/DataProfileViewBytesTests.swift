import DossierChecks
import DossierCore
import DossierModel
import DossierTestSupport
import Testing

@testable import DossierSite

/// `DataProfileView.html` writes bytes into one buffer; it must give exactly the HTML of the
/// String writer it replaced (`ReferenceDataProfileView`), for every kind of column.
@Suite struct DataProfileViewBytesTests {
    private static func column(
        _ name: String, type: FieldType?, values: Int, missing: Int, distinct: [(String, Int)] = [],
        complete: Bool = true, range: (Double, Double)? = nil, histogram: [Int] = [], parent: String? = nil
    ) -> ColumnProfile {
        var column = ColumnProfile(
            name: name, inferredType: type, valueCount: values, missingCount: missing,
            distinctValues: distinct.enumerated().map { .init(value: $1.0, count: $1.1, firstLine: $0 + 2) },
            distinctValuesComplete: complete, minimum: range?.0, maximum: range?.1)
        column.histogram = histogram
        column.parent = parent
        return column
    }

    private static var samples: [SampleProfile] {
        let columns = [
            column("id", type: .integer, values: 90, missing: 10, range: (1, 2700), histogram: [3, 0, 7, 12, 1]),
            column(
                "score <\"x\">", type: .float, values: 7, missing: 0, range: (-0.125, 3.14159),
                histogram: [1, 2, 3, 1, 0, 0, 0, 0, 0, 9]),
            column(
                "label", type: .string, values: 40, missing: 3,
                distinct: [("cat & dog", 12), ("<b>", 12), ("'quoted'", 9), ("日本語", 4), ("e\u{301}", 3)],
                complete: false),
            column("tags.first", type: .string, values: 2, missing: 1, distinct: [("a", 2)], parent: "tags"),
            column("empty", type: nil, values: 0, missing: 0),
        ]
        var full = SampleProfile(
            path: "data/a & b.csv", format: .csv, columns: columns, rowsRead: 43, reachedRowLimit: true)
        full.preview = [["1", "0.5", "cat & dog", "a", ""], ["2", "<script>", "'x'", "", "é"]]
        let plain = SampleProfile(
            path: "one.tsv", format: .tsv, columns: [columns[0]], rowsRead: 1, reachedRowLimit: false)
        let none = SampleProfile(path: "none.csv", format: .csv, columns: [], rowsRead: 0, reachedRowLimit: false)
        return [full, plain, none]
    }

    @Test func writesTheHTMLOfTheStringWriter() {
        for sample in Self.samples {
            let html = DataProfileView.html(sample)
            #expect(Array(html.utf8) == Array(ReferenceDataProfileView.html(sample).utf8), "\(sample.path)")
        }
    }
    /// A number written in place is what `format` made of it through `description`: whole
    /// numbers, hundredths near 0 and near 1e13, halfway cases, negatives, not finite.
    @Test func numbersWrittenInPlaceAreTheirFormattedText() {
        func reference(_ number: Double) -> String {
            if number.isFinite, number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String((number * 100).rounded() / 100)
        }
        var random = SeededGenerator(seed: 2024)
        var numbers: [Double] = [
            0.5, -0.5, 0.05, -0.05, 0.004, -0.004, 0.005, 0.015, 2.675, 2.999, -2.999, 1.0 / 3, 99.995, 1e13 - 0.5,
            1e13 + 0.25, 9.99e12 + 0.01, 1e15 + 0.5, 1e300, 5e-324, .infinity, -.infinity, .nan, 24.0 * 7 / 9,
        ]
        for _ in 0..<20000 {
            numbers.append(Double.random(in: -30...30, using: &random))
            numbers.append(Double(Int.random(in: -10_000_000...10_000_000, using: &random)) / 1000)
            numbers.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
            numbers.append(Double.random(in: -1e14...1e14, using: &random))
        }
        for number in numbers {
            let out = MarkupBuffer()
            DataProfileView.put(number, into: out)
            #expect(out.string == reference(number), "\(number)")
        }
    }
}
