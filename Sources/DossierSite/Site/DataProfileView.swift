import DossierChecks
import DossierCore
import DossierModel

/// A data sample at a glance: its row count, its first rows, and per column the inferred type,
/// missing share, distinct count, range or top values and a small inline-SVG chart. Everything
/// comes from the profile the drift check computed; nothing is read here.
package enum DataProfileView {
    /// Bars shown for a text column's most frequent values.
    package static let topValueCount = 5

    package static func html(_ sample: SampleProfile) -> String {
        // Every schema page shows its sample: the table, the preview and a chart per column are
        // written as bytes into one buffer (String appends were most of this view's cost).
        var out = Bytes()
        out.bytes.reserveCapacity(2048 + sample.columns.count * 900 + sample.preview.count * 200)
        out.put("<p class=\"data-rows\"><code>")
        out.put(escaping: sample.path)
        out.put("</code>: ")
        out.put(escaping: sample.rowCountText)
        if sample.reachedRowLimit { out.put(" (reading stops at <code>drift.sample_rows</code>)") }
        out.put(", ")
        out.put(string: String(sample.columns.filter { $0.parent == nil }.count))
        out.put(" columns.</p>\n")
        previewHTML(sample, into: &out)
        out.put(string: HTML.tableWrap(label: "Columns of " + sample.path))
        out.put("<table class=\"data-profile\"><thead><tr><th>Column</th><th>Type</th>")
        out.put("<th>Missing</th><th>Distinct</th><th>Values</th><th>Distribution</th></tr></thead><tbody>\n")
        for column in sample.columns {
            out.put("<tr><td><code>")
            out.put(escaping: column.name)
            out.put("</code></td><td>")
            out.put(escaping: column.inferredType?.rawValue ?? "empty")
            out.put("</td><td data-value=\"")
            out.put(string: "\(column.missingShare)")
            out.put("\">")
            out.put(string: percent(column.missingShare))
            out.put("</td><td>")
            if !column.distinctValuesComplete { out.put("more than ") }
            out.put(string: String(column.distinctValues.count))
            out.put("</td><td>")
            out.put(string: valuesHTML(column))
            out.put("</td><td>")
            chartSVG(column, into: &out)
            out.put("</td></tr>\n")
        }
        out.put("</tbody></table></div>\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A page's bytes as they are written: literals and Strings copied, text escaped in place.
    private struct Bytes {
        var bytes: [UInt8] = []

        mutating func put(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }

        mutating func put(string text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        /// Appends `HTML.escape(text)`.
        mutating func put(escaping text: String) {
            var text = text
            text.withUTF8 { HTML.appendEscaped($0, to: &bytes) }
        }
    }

    /// A labeling target's class balance: each class's rows and share, as bars.
    package static func classBalanceHTML(_ column: ColumnProfile, samplePath: String) -> String {
        let total = column.valueCount + column.missingCount
        var out =
            HTML.tableWrap(label: "Classes of " + column.name)
            + "<table class=\"class-balance\"><thead><tr><th>Class</th><th>Rows</th>"
            + "<th>Share</th><th></th></tr></thead><tbody>\n"
        let largest = column.topValues.first?.count ?? 1
        for value in column.topValues {
            let share = total == 0 ? 0 : Double(value.count) / Double(total)
            out +=
                "<tr><td>\(HTML.escape(value.value))</td><td>\(value.count)</td><td>\(percent(share))</td>"
                + "<td>\(bar(Double(value.count) / Double(max(1, largest))))</td></tr>\n"
        }
        if column.missingCount > 0 {
            out +=
                "<tr><td class=\"muted\">(missing)</td><td>\(column.missingCount)</td>"
                + "<td>\(percent(Double(column.missingCount) / Double(max(1, total))))</td><td></td></tr>\n"
        }
        out +=
            "</tbody></table></div>\n<p class=\"muted\">From column <code>\(HTML.escape(column.name))</code> of "
            + "<code>\(HTML.escape(samplePath))</code>"
            + (column.distinctValuesComplete
                ? ""
                : "; only the first \(column.distinctValues.count) classes are counted")
            + ".</p>\n"
        return out
    }

    private static func previewHTML(_ sample: SampleProfile, into out: inout Bytes) {
        guard !sample.preview.isEmpty else { return }
        let names = sample.columns.filter { $0.parent == nil }.map(\.name)
        out.put("<details class=\"data-preview\" open><summary>First ")
        out.put(string: String(sample.preview.count))
        out.put(" rows</summary>")
        out.put(string: HTML.tableWrap(label: "First rows of " + sample.path))
        out.put("<table><thead><tr>")
        for name in names {
            out.put("<th>")
            out.put(escaping: name)
            out.put("</th>")
        }
        out.put("</tr></thead><tbody>\n")
        for row in sample.preview {
            out.put("<tr>")
            for cell in row {
                out.put("<td>")
                out.put(escaping: cell)
                out.put("</td>")
            }
            out.put("</tr>\n")
        }
        out.put("</tbody></table></div></details>\n")
    }

    private static func valuesHTML(_ column: ColumnProfile) -> String {
        if let minimum = column.minimum, let maximum = column.maximum {
            return "\(format(minimum)) – \(format(maximum))"
        }
        let top = column.topValues.prefix(3).map { value in
            "<code>\(HTML.escape(SampleProfile.previewCell(value.value)))</code> (\(value.count))"
        }
        return top.joined(separator: ", ") + (column.distinctValues.count > 3 ? ", …" : "")
    }

    /// A histogram for numbers, bars of the top values for text; nothing for an empty column.
    private static func chartSVG(_ column: ColumnProfile, into out: inout Bytes) {
        let counts: [Int]
        let labels: [String]
        if !column.histogram.isEmpty {
            counts = column.histogram
            labels = column.histogram.indices.map { "bin \($0 + 1): \(column.histogram[$0])" }
        } else {
            let top = column.topValues.prefix(topValueCount)
            guard !top.isEmpty else { return }
            counts = top.map(\.count)
            labels = top.map { "\($0.value): \($0.count)" }
        }
        let width = 100, height = 24
        let largest = max(1, counts.max() ?? 1)
        let step = Double(width) / Double(counts.count)
        // `width` and `height` as written out: 100 and 24.
        out.put("<svg class=\"spark\" viewBox=\"0 0 100 24\" width=\"100\" height=\"24\" role=\"img\" aria-label=\"")
        out.put(escaping: column.histogram.isEmpty ? "top values" : "histogram")
        out.put("\">")
        let barWidth = format(max(1, step - 1))
        for (index, count) in counts.enumerated() {
            let barHeight = Double(height) * Double(count) / Double(largest)
            out.put("<rect x=\"")
            out.put(string: format(Double(index) * step + 0.5))
            out.put("\" y=\"")
            out.put(string: format(Double(height) - barHeight))
            out.put("\" width=\"")
            out.put(string: barWidth)
            out.put("\" height=\"")
            out.put(string: format(barHeight))
            out.put("\" fill=\"currentColor\" opacity=\"0.6\"><title>")
            out.put(escaping: labels[index])
            out.put("</title></rect>")
        }
        out.put("</svg>")
    }

    private static func bar(_ fraction: Double) -> String {
        let width = max(1, Int((fraction * 120).rounded()))
        return "<svg class=\"spark\" viewBox=\"0 0 120 10\" width=\"120\" height=\"10\" aria-hidden=\"true\">"
            + "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"10\" fill=\"currentColor\" opacity=\"0.6\"/></svg>"
    }

    private static func percent(_ share: Double) -> String {
        if share == 0 { return "0%" }
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    /// `2700`, not `2700.0`; at most two decimals otherwise.
    private static func format(_ number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String((number * 100).rounded() / 100)
    }
}
