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
        let out = MarkupBuffer(capacity: capacity(for: sample))
        write(sample, into: out)
        return out.string
    }

    /// Room for the profile of `sample`, so the buffer grows rarely.
    static func capacity(for sample: SampleProfile) -> Int {
        2048 + sample.columns.count * 900 + sample.preview.count * 200
    }

    /// Appends `html(sample)`'s bytes to `out`.
    static func write(_ sample: SampleProfile, into out: MarkupBuffer) {
        // Every schema page shows its sample: the table, the preview and a chart per column are
        // written as bytes into one buffer (String appends were most of this view's cost).
        out.put("<p class=\"data-rows\"><code>")
        out.put(escaping: sample.path)
        out.put("</code>: ")
        out.put(escaping: sample.rowCountText)
        if sample.reachedRowLimit { out.put(" (reading stops at <code>drift.sample_rows</code>)") }
        out.put(", ")
        out.put(sample.columns.reduce(0) { $0 + ($1.parent == nil ? 1 : 0) })
        out.put(" columns.</p>\n")
        previewHTML(sample, into: out)
        out.put(string: HTML.tableWrap(label: "Columns of " + sample.path))
        out.put("<table class=\"data-profile\"><thead><tr><th>Column</th><th>Type</th>")
        out.put("<th>Missing</th><th>Distinct</th><th>Values</th><th>Distribution</th></tr></thead><tbody>\n")
        for column in sample.columns {
            out.put("<tr><td><code>")
            out.put(escaping: column.name)
            out.put("</code></td><td>")
            out.put(escaping: column.inferredType?.rawValue ?? "empty")
            out.put("</td><td data-value=\"")
            out.put(string: column.missingShare.description)
            out.put("\">")
            out.put(string: percent(column.missingShare))
            out.put("</td><td>")
            if !column.distinctValuesComplete { out.put("more than ") }
            out.put(column.distinctValues.count)
            out.put("</td><td>")
            values(column, into: out)
            out.put("</td><td>")
            chartSVG(column, into: out)
            out.put("</td></tr>\n")
        }
        out.put("</tbody></table></div>\n")
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

    private static func previewHTML(_ sample: SampleProfile, into out: MarkupBuffer) {
        guard !sample.preview.isEmpty else { return }
        let names = sample.columns.filter { $0.parent == nil }.map(\.name)
        out.put("<details class=\"data-preview\" open><summary>First ")
        out.put(sample.preview.count)
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

    /// The column's range, or its three most frequent values with their counts.
    private static func values(_ column: ColumnProfile, into out: MarkupBuffer) {
        if let minimum = column.minimum, let maximum = column.maximum {
            put(minimum, into: out)
            out.put(" – ")
            put(maximum, into: out)
            return
        }
        for (number, value) in column.topValues.prefix(3).enumerated() {
            out.put(number == 0 ? "<code>" : ", <code>")
            out.put(escaping: SampleProfile.previewCell(value.value))
            out.put("</code> (")
            out.put(value.count)
            out.put(")")
        }
        if column.distinctValues.count > 3 { out.put(", …") }
    }

    /// A histogram for numbers, bars of the top values for text; nothing for an empty column.
    private static func chartSVG(_ column: ColumnProfile, into out: MarkupBuffer) {
        let counts: [Int]
        // The top values whose bars are drawn; empty for a histogram, whose bars are numbered.
        var top: ArraySlice<ColumnProfile.DistinctValue> = []
        if !column.histogram.isEmpty {
            counts = column.histogram
        } else {
            top = column.topValues.prefix(topValueCount)
            guard !top.isEmpty else { return }
            counts = top.map(\.count)
        }
        let width = 100, height = 24
        let largest = max(1, counts.max() ?? 1)
        let step = Double(width) / Double(counts.count)
        // `width` and `height` as written out: 100 and 24.
        out.put("<svg class=\"spark\" viewBox=\"0 0 100 24\" width=\"100\" height=\"24\" role=\"img\" aria-label=\"")
        out.put(escaping: column.histogram.isEmpty ? "top values" : "histogram")
        out.put("\">")
        let barWidth = max(1, step - 1)
        for (index, count) in counts.enumerated() {
            let barHeight = Double(height) * Double(count) / Double(largest)
            out.put("<rect x=\"")
            put(Double(index) * step + 0.5, into: out)
            out.put("\" y=\"")
            put(Double(height) - barHeight, into: out)
            out.put("\" width=\"")
            put(barWidth, into: out)
            out.put("\" height=\"")
            put(barHeight, into: out)
            out.put("\" fill=\"currentColor\" opacity=\"0.6\"><title>")
            // The label escaped: the value's text, or the bin's number; the count is digits.
            if top.isEmpty {
                out.put("bin ")
                out.put(index + 1)
            } else {
                out.put(escaping: top[top.startIndex + index].value)
            }
            out.put(": ")
            out.put(count)
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

    /// Appends `format(number)`: an integral number's digits are written in place.
    static func put(_ number: Double, into out: MarkupBuffer) {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 {
            out.put(Int(Int64(number)))
            return
        }
        // Hundredths `h`, not 0 and under 1e15 (so under 1e13 whole): `h / 100` is the double
        // nearest to the decimal h/100, and no other decimal of as few digits lies within half
        // an ulp of it (they are 0.01 apart, an ulp there is under 0.002), so its shortest
        // digits, which `description` prints, are that decimal's: `3.0`, `0.5`, `-12.34`.
        // Formatting the double was most of drawing a histogram's bars.
        let hundredths = (number * 100).rounded()
        guard hundredths != 0, abs(hundredths) < 1e15 else {
            out.put(string: format(number))
            return
        }
        let whole = Int(hundredths)
        if whole < 0 { out.put("-") }
        out.put(Int(whole.magnitude / 100))
        out.put(".")
        // One decimal at least, as `description` writes: `.0`, `.5`, `.05`, `.34`.
        let fraction = Int(whole.magnitude % 100)
        out.put(fraction / 10)
        if fraction % 10 != 0 { out.put(fraction % 10) }
    }

    /// `2700`, not `2700.0`; at most two decimals otherwise.
    private static func format(_ number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String((number * 100).rounded() / 100)
    }
}
