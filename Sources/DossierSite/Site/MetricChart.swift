import DossierCore

/// A horizontal bar chart as inline SVG, drawn at build time (no scripts, no other hosts).
package enum MetricChart {
    package struct Bar {
        package var label: String
        package var value: Double
        package var selected: Bool
    }

    package static func svg(title: String, bars: [Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22.0
        let labelWidth = 260.0
        let barWidth = 420.0
        let top = 28.0
        let height = top + rowHeight * Double(bars.count) + 10
        let width = labelWidth + barWidth + 80
        let maxValue = max(bars.map(\.value).max() ?? 1, 0)
        let minValue = min(bars.map(\.value).min() ?? 0, 0)
        let span = maxValue - minValue == 0 ? 1 : maxValue - minValue
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"metric-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        out += "<text class=\"label\" x=\"0\" y=\"16\" font-weight=\"600\">\(HTML.escape(title))</text>"
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let length = max(1, (bar.value - minValue) / span * barWidth)
            var label = bar.label
            if label.count > 40 { label = String(label.prefix(39)) + "…" }
            out += "<g><title>\(HTML.escape(bar.label)): \(format(bar.value))</title>"
            out += "<text class=\"label\" x=\"\(Int(labelWidth - 6))\" y=\"\(format(y + 15))\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            out += "<rect class=\"bar\(bar.selected ? " selected" : "")\" x=\"\(Int(labelWidth))\" y=\"\(format(y + 3))\" width=\"\(format(length))\" height=\"\(format(rowHeight - 6))\" rx=\"3\"></rect>"
            out += "<text class=\"axis\" x=\"\(format(labelWidth + length + 6))\" y=\"\(format(y + 15))\">\(format(bar.value))</text></g>"
        }
        out += "</svg>"
        return out
    }

    package static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
