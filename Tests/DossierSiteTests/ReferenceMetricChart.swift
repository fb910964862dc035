import DossierCore
@testable import DossierSite

// `MetricChart.svg` as it was before it wrote bytes (commit b0e694e), kept to test that the byte
// writer draws the very same chart. Only the type's name, the qualified calls and the geometry
// (taken from `MetricChart.Layout`) are changed.

enum ReferenceMetricChart {
    static func svg(title: String, bars: [MetricChart.Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        // The geometry is the writer's own (`MetricChart.Layout`): what is compared is the writing.
        let (rowHeight, labelWidth, barWidth) = (
            MetricChart.Layout.rowHeight, MetricChart.Layout.labelWidth, MetricChart.Layout.barWidth
        )
        let layout = MetricChart.Layout(title: title, bars: bars)
        let (note, top, height, width, minValue, span, label) = (
            layout.note, layout.top, layout.height, layout.width, layout.minValue, layout.span, layout.label
        )
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
