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

    /// A chart's geometry: where the axis starts, the note that says so, the chart's size and
    /// its accessible label.
    struct Layout {
        static let rowHeight = 22.0
        static let labelWidth = 260.0
        static let barWidth = 420.0
        let note: String?
        let top: Double
        let height: Double
        let width: Double
        let minValue: Double
        let span: Double
        let label: String

        init(title: String, bars: [Bar]) {
            let start = MetricChart.baseline(bars.map(\.value))
            note = start == 0 ? nil : "Axis starts at \(MetricChart.format(start)), not 0: the differences are small."
            top = note == nil ? 28.0 : 44.0
            height = top + Self.rowHeight * Double(bars.count) + 10
            width = Self.labelWidth + Self.barWidth + 170
            let maxValue = max(bars.map(\.value).max() ?? 1, start)
            minValue = min(bars.map(\.value).min() ?? 0, start)
            span = maxValue - minValue == 0 ? 1 : maxValue - minValue
            label = note.map { "\(title). \($0)" } ?? title
        }
    }

    package static func svg(title: String, bars: [Bar]) -> String {
        guard !bars.isEmpty else { return "" }
        let (rowHeight, labelWidth, barWidth) = (Layout.rowHeight, Layout.labelWidth, Layout.barWidth)
        let layout = Layout(title: title, bars: bars)
        let (note, top, height, width, minValue, span, label) = (
            layout.note, layout.top, layout.height, layout.width, layout.minValue, layout.span, layout.label
        )
        // Written as bytes into one buffer: every experiment page draws its runs, five numbers a
        // bar, and appending interpolated Strings was most of drawing a chart.
        let out = MarkupBuffer(capacity: 600 + bars.count * 420)
        out.put("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"metric-chart\" viewBox=\"0 0 ")
        out.put(Int(width))
        out.put(" ")
        out.put(Int(height))
        out.put("\" width=\"")
        out.put(Int(width))
        out.put("\" height=\"")
        out.put(Int(height))
        out.put("\" role=\"img\" aria-label=\"")
        out.put(escaping: label)
        out.put("\"><text class=\"label\" x=\"0\" y=\"16\" font-weight=\"600\">")
        out.put(escaping: title)
        out.put("</text>")
        if let note {
            out.put("<text class=\"axis note\" x=\"0\" y=\"32\">")
            out.put(escaping: note)
            out.put("</text>")
        }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * rowHeight
            let length = max(1, (bar.value - minValue) / span * barWidth)
            var label = bar.label
            // Fewer bytes than 41 are fewer Characters too: only a long label is counted.
            if label.utf8.count > 40, label.count > 40 { label = String(label.prefix(39)) + "…" }
            let value = format(bar.value)
            func marks() {
                switch (bar.selected, bar.best) {
                case (true, true): out.put(" (selected, best)")
                case (true, false): out.put(" (selected)")
                case (false, true): out.put(" (best)")
                case (false, false): break
                }
            }
            out.put("<g><title>")
            out.put(escaping: bar.label)
            out.put(": ")
            out.put(string: value)
            marks()
            out.put("</title><text class=\"label\" x=\"")
            out.put(Int(labelWidth - 6))
            out.put("\" y=\"")
            put(y + 15, into: out)
            out.put("\" text-anchor=\"end\">")
            out.put(escaping: label)
            out.put("</text><rect class=\"bar")
            if bar.selected { out.put(" selected") }
            out.put("\" x=\"")
            out.put(Int(labelWidth))
            out.put("\" y=\"")
            put(y + 3, into: out)
            out.put("\" width=\"")
            put(length, into: out)
            out.put("\" height=\"")
            put(rowHeight - 6, into: out)
            out.put("\" rx=\"3\"></rect><text class=\"axis\" x=\"")
            put(labelWidth + length + 6, into: out)
            out.put("\" y=\"")
            put(y + 15, into: out)
            out.put("\">")
            out.put(string: value)
            marks()
            out.put("</text></g>")
        }
        out.put("</svg>")
        return out.string
    }

    /// Appends `format(value)`: a whole number's digits are written in place.
    private static func put(_ value: Double, into out: MarkupBuffer) {
        if value == value.rounded(), abs(value) < 1e12 {
            out.put(Int(value))
        } else {
            out.put(string: format(value))
        }
    }

    package static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        if let short = shortFixed(value) { return short }
        if let exact = strippedFixed4(value) { return exact }
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

    /// What `format` makes of `fixed4(value)` (trailing zeros and point stripped), computed from
    /// the exact binary value as the C library rounds it: the significand times 10^4, shifted
    /// right, ties to even. Nil when the value is not a fraction between 2^-68 and 1e9 (a
    /// subnormal, huge or whole value), which `fixed4` formats. The runs chart's bar lengths
    /// have long fractions, and `vsnprintf` cost 8,000 instructions each.
    static func strippedFixed4(_ value: Double) -> String? {
        let magnitude = abs(value)
        guard magnitude.isNormal, magnitude < 1e9 else { return nil }
        // magnitude = significand × 2^exponent, exactly.
        let significand = UInt128(magnitude.significandBitPattern | 1 << 52)
        let shift = 52 - Int(magnitude.exponent)
        guard shift > 0, shift <= 120 else { return nil }
        let scaled = significand * 10_000
        var tenThousandths = scaled >> shift
        let remainder = scaled - (tenThousandths << shift)
        let half = UInt128(1) << (shift - 1)
        if remainder > half || (remainder == half && tenThousandths & 1 == 1) { tenThousandths += 1 }
        var text = value.sign == .minus ? "-" : ""
        text += String(UInt64(tenThousandths / 10_000))
        var fraction = Int(tenThousandths % 10_000)
        guard fraction != 0 else { return text }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let written = String(fraction)
        text += "." + String(repeating: "0", count: digits - written.utf8.count) + written
        return text
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
