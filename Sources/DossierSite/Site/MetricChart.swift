import DossierCore
import Foundation

/// A horizontal bar chart as inline SVG, drawn at build time (no scripts, no other hosts).
package enum MetricChart {
    package struct Bar {
        package var label: String
        package var value: Double
        package var selected: Bool
        package var best: Bool

        package init(label: String, value: Double, selected: Bool, best: Bool = false) {
            self.label = label
            self.value = value
            self.selected = selected
            self.best = best
        }
    }

    /// Where the bars start: zero, unless every value sits in a band that is narrow next to its
    /// distance from zero (0.98 against 0.995), where bars from zero would look equal. Then a round
    /// number a little below the smallest value, and the chart says so.
    package static func baseline(_ values: [Double]) -> Double {
        guard let low = values.min(), let high = values.max(), low > 0, high > low else { return 0 }
        let spread = high - low
        guard spread < 0.5 * high else { return 0 }
        let step = pow(10, (log10(spread)).rounded(.down))
        let start = ((low - spread * 0.25) / step).rounded(.down) * step
        return max(0, start)
    }

    package static func svg(title: String, bars: [Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let rowHeight = 22.0
        let labelWidth = 260.0
        let barWidth = 420.0
        let start = baseline(bars.map(\.value))
        let note = start == 0 ? nil : "Axis starts at \(format(start)), not 0: the differences are small."
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
            out += "<g><title>\(HTML.escape(bar.label)): \(format(bar.value))\(suffix)</title>"
            out += "<text class=\"label\" x=\"\(Int(labelWidth - 6))\" y=\"\(format(y + 15))\" text-anchor=\"end\">"
            out += "\(HTML.escape(label))</text>"
            out +=
                "<rect class=\"bar\(bar.selected ? " selected" : "")\" x=\"\(Int(labelWidth))\" y=\"\(format(y + 3))\""
            out += " width=\"\(format(length))\" height=\"\(format(rowHeight - 6))\" rx=\"3\"></rect>"
            out += "<text class=\"axis\" x=\"\(format(labelWidth + length + 6))\" y=\"\(format(y + 15))\">"
            out += "\(format(bar.value))\(suffix)</text></g>"
        }
        out += "</svg>"
        return out
    }

    package static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        if let short = shortFixed(value) { return short }
        var text = fixed4(value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// What `format` makes of `value` through `fixed4`, read from Swift's shortest round-trip
    /// digits when they have at most four decimals and no exponent (the usual metric, 0.8731);
    /// nil otherwise. The shortest digits `d` of a `value` under 1e9 are within half an ulp
    /// (under 1e-7) of it, so `d` is the four-decimal number nearest to `value`: what "%.4f"
    /// prints, but for the zeros `format` strips. Formatting through `vsnprintf` cost 6,000
    /// instructions a value (a chart formats five a bar).
    static func shortFixed(_ value: Double) -> String? {
        guard abs(value) < 1e9 else { return nil }
        var text = value.description
        let fits = text.withUTF8 { bytes -> Bool in
            guard let point = bytes.firstIndex(of: UInt8(ascii: ".")) else { return false }
            let decimals = bytes.count - point - 1
            guard decimals >= 1, decimals <= 4 else { return false }
            // Digits only (no exponent) around the point, and a minus sign at most in front.
            for index in bytes.indices where index != point {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { continue }
                if index == 0 && byte == UInt8(ascii: "-") { continue }
                return false
            }
            // `format` strips trailing zeros; a description ends in one only as "x.0", an integer,
            // which `format` handled before.
            return bytes[bytes.count - 1] != UInt8(ascii: "0")
        }
        return fits ? text : nil
    }

    /// `String(format: "%.4f", value)` by the C library's own `vsnprintf`, which Foundation's
    /// formatting ends in: every run's value on every experiment page and chart is formatted, and
    /// Foundation's path through NSString was most of drawing a chart.
    package static func fixed4(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, "%.4f", $0) }
            guard written >= 0, Int(written) < buffer.count else { return String(format: "%.4f", value) }
            return String(
                decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)), as: UTF8.self)
        }
    }
}
