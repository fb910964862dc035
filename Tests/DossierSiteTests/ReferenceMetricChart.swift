import DossierCore
@testable import DossierSite

// `MetricChart.svg` as it was before it wrote bytes (commit b0e694e), kept to test that the byte
// writer draws the very same chart. Only the type's name and the qualified calls are changed.

enum ReferenceMetricChart {
    static func svg(title: String, bars: [MetricChart.Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22.0
        let labelWidth = 260.0
        let barWidth = 420.0
        let start = MetricChart.baseline(bars.map(\.value))
        let note = start == 0 ? nil : "Axis starts at \(MetricChart.format(start)), not 0: the differences are small."
        let top = note == nil ? 28.0 : 44.0
        let height = top + rowHeight * Double(bars.count) + 10
        let width = labelWidth + barWidth + 170
        let maxValue = max(bars.map(\.value).max() ?? 1, start)
        let minValue = min(bars.map(\.value).min() ?? 0, start)
        let span = maxValue - minValue == 0 ? 1 : maxValue - minValue
        let label = note.map { "\(title). \($0)" } ?? title
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"metric-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\""
        out += " width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(label))\">"
        out += "<text class=\"label\" x=\"0\" y=\"16\" font-weight=\"600\">\(HTML.escape(title))</text>"
        if let note { out += "<text class=\"axis note\" x=\"0\" y=\"32\">\(HTML.escape(note))</text>" }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let length = max(1, (bar.value - minValue) / span * barWidth)
            var label = bar.label
            if label.count > 40 { label = String(label.prefix(39)) + "…" }
            let marks = [bar.selected ? "selected" : nil, bar.best ? "best" : nil].compactMap { $0 }
            let suffix = marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))"
            out += "<g><title>\(HTML.escape(bar.label)): \(MetricChart.format(bar.value))\(suffix)</title>"
            out +=
                "<text class=\"label\" x=\"\(Int(labelWidth - 6))\" y=\"\(MetricChart.format(y + 15))\" text-anchor=\"end\">"
            out += "\(HTML.escape(label))</text>"
            out +=
                "<rect class=\"bar\(bar.selected ? " selected" : "")\" x=\"\(Int(labelWidth))\" y=\"\(MetricChart.format(y + 3))\""
            out +=
                " width=\"\(MetricChart.format(length))\" height=\"\(MetricChart.format(rowHeight - 6))\" rx=\"3\"></rect>"
            out +=
                "<text class=\"axis\" x=\"\(MetricChart.format(labelWidth + length + 6))\" y=\"\(MetricChart.format(y + 15))\">"
            out += "\(MetricChart.format(bar.value))\(suffix)</text></g>"
        }
        out += "</svg>"
        return out
    }
}
