@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The runs chart stays readable when runs differ in the third decimal.
@Suite struct MetricChartTests {
    @Test func aSmallSpreadStartsTheAxisBelowTheSmallestValueAndSaysSo() throws {
        #expect(MetricChart.baseline([0.98, 0.995]) == 0.97)
        let svg = MetricChart.svg(
            title: "accuracy",
            bars: [
                MetricChart.Bar(label: "knn", value: 0.995, selected: true, best: true),
                MetricChart.Bar(label: "tree", value: 0.98, selected: false),
            ])
        #expect(svg.contains("Axis starts at 0.97, not 0: the differences are small."))
        #expect(svg.contains("aria-label=\"accuracy. Axis starts at 0.97, not 0"))
        // 0.98 is 2/5 of the way from 0.97 to 0.995: its bar is 2/5 of the longest, not 98.5 %.
        #expect(svg.contains("width=\"420\" height=\"16\""))
        #expect(svg.contains("width=\"168\" height=\"16\""))
        #expect(svg.contains(">0.995 (selected, best)</text>"))
    }

    @Test func aWideSpreadOrNegativeValuesStartAtZero() {
        #expect(MetricChart.baseline([0.2, 0.9]) == 0)
        #expect(MetricChart.baseline([-1, 0.5]) == 0)
        #expect(MetricChart.baseline([0.5, 0.5]) == 0)
        #expect(
            !MetricChart.svg(
                title: "t",
                bars: [
                    MetricChart.Bar(label: "a", value: 0.2, selected: false),
                    MetricChart.Bar(label: "b", value: 0.9, selected: false),
                ]
            )
            .contains("Axis starts"))
    }

    /// `fixed4` prints what Foundation's `%.4f` prints: halfway cases, negatives, huge, tiny, not finite.
    @Test func fixedFourDecimalsMatchFoundationFormatting() {
        var random = SeededGenerator(seed: 4)
        var values: [Double] = [
            0, -0.0, 0.5, 0.00005, 0.00015, 0.00025, 1.23455, -1.23455, 0.99995, 1e-300, 5e-324, 1e12, 1e15,
            -1e20, 1.7976931348623157e308, .infinity, -.infinity, .nan, 0.1 + 0.2, 2.675, 1.0000499999,
        ]
        for _ in 0..<5000 {
            let magnitude = Double.random(in: -8...14, using: &random)
            let value = pow(10, magnitude) * (Bool.random(using: &random) ? 1 : -1)
            values.append(value)
            values.append((value * 10000).rounded() / 10000 + 0.00005)
        }
        for value in values {
            #expect(MetricChart.fixed4(value) == String(format: "%.4f", value), "\(value)")
        }
    }

    /// `format` read from the shortest digits gives what it gave through `fixed4` alone: short
    /// decimals, long ones, halfway cases, negatives, huge, tiny, not finite.
    @Test func formatFromShortestDigitsMatchesFixedFourDecimals() {
        func reference(_ value: Double) -> String {
            if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
            var text = MetricChart.fixed4(value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        var random = SeededGenerator(seed: 5)
        var values: [Double] = [
            0.5, -0.25, 0.8731, 0.00005, -0.00005, 0.0001, 0.00015, 0.99995, 1.00005, 999_999_999.5, 1e9 + 0.5,
            123_456_789.1234, 0.1 + 0.2, 2.675, 1e-300, 5e-324, 1e15 + 0.5, .infinity, -.infinity, .nan, -0.0001,
            // Exact ties at the fourth decimal (k/32), which round to even; a value just under 2^-68.
            0.03125, -0.03125, 0.09375, 1.03125, 7.15625, 0x1.fffffffffffffp-69, 123.456789012, -0.00004999,
        ]
        for _ in 0..<20000 {
            let decimals = Double(Int.random(in: 0...6, using: &random))
            let scale = pow(10, decimals)
            let whole = Double(Int.random(in: -2_000_000...2_000_000, using: &random))
            values.append(whole / scale)
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)))
            values.append(Double.random(in: -10...10, using: &random))
        }
        for value in values {
            #expect(MetricChart.format(value) == reference(value), "\(value)")
        }
    }

    /// The byte writer draws what the String writer it replaced drew (`ReferenceMetricChart`):
    /// labels to escape, to cut, wide or empty; every mark; axes from zero or not; odd values.
    @Test func byteWriterDrawsWhatTheStringWriterDrew() {
        var random = SeededGenerator(seed: 1511)
        let labels = [
            "knn", "", "R&D <b>\"quoted\"</b> it's", String(repeating: "x", count: 40),
            String(repeating: "y", count: 41),
            String(repeating: "é", count: 30), "企鹅数据集" + String(repeating: "z", count: 38), "emoji 🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪",
        ]
        let values: [Double] = [0, 1, -1, 0.98, 0.995, 0.8731, 12.5, 2700, 1e13, -0.00005, .infinity, .nan]
        for round in 0..<300 {
            var bars: [MetricChart.Bar] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let value =
                    round % 2 == 0
                    ? values.randomElement(using: &random)! : Double.random(in: 0.9...1, using: &random)
                bars.append(
                    MetricChart.Bar(
                        label: labels.randomElement(using: &random)!, value: value,
                        selected: Bool.random(using: &random),
                        best: Bool.random(using: &random)))
            }
            let title = labels.randomElement(using: &random)!
            #expect(
                Array(MetricChart.svg(title: title, bars: bars).utf8)
                    == Array(ReferenceMetricChart.svg(title: title, bars: bars).utf8), "round \(round)")
        }
    }
}
