@testable import DossierSite
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
}
