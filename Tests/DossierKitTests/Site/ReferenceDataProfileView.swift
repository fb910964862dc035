import DossierChecks
import DossierCore
import DossierModel

@testable import DossierSite

// `DataProfileView` as it was before it wrote bytes (String appends), kept to test that the byte
// writer gives the very same HTML. Only the type's name and access are changed.

/// A data sample at a glance: its row count, its first rows, and per column the inferred type,
/// missing share, distinct count, range or top values and a small inline-SVG chart. Everything
/// comes from the profile the drift check computed; nothing is read here.
enum ReferenceDataProfileView {
    /// Bars shown for a text column's most frequent values.
    static let topValueCount = 5

    static func html(_ sample: SampleProfile) -> String {
        var out = "<p class=\"data-rows\"><code>\(HTML.escape(sample.path))</code>: \(HTML.escape(sample.rowCountText))"
        out += sample.reachedRowLimit ? " (reading stops at <code>drift.sample_rows</code>)" : ""
        out += ", \(sample.columns.filter { $0.parent == nil }.count) columns.</p>\n"
        out += previewHTML(sample)
        out +=
            HTML.tableWrap(label: "Columns of " + sample.path)
            + "<table class=\"data-profile\"><thead><tr><th>Column</th><th>Type</th>"
            + "<th>Missing</th><th>Distinct</th><th>Values</th><th>Distribution</th></tr></thead><tbody>\n"
        for column in sample.columns {
            let distinct =
                column.distinctValuesComplete
                ? "\(column.distinctValues.count)"
                : "more than \(column.distinctValues.count)"
            out +=
                "<tr><td><code>\(HTML.escape(column.name))</code></td>"
                + "<td>\(HTML.escape(column.inferredType?.rawValue ?? "empty"))</td>"
                + "<td data-value=\"\(column.missingShare)\">\(percent(column.missingShare))</td>"
                + "<td>\(distinct)</td><td>\(valuesHTML(column))</td><td>\(chartSVG(column))</td></tr>\n"
        }
        out += "</tbody></table></div>\n"
        return out
    }

    /// A labeling target's class balance: each class's rows and share, as bars.
    static func classBalanceHTML(_ column: ColumnProfile, samplePath: String) -> String {
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

    private static func previewHTML(_ sample: SampleProfile) -> String {
        guard !sample.preview.isEmpty else { return "" }
        let names = sample.columns.filter { $0.parent == nil }.map(\.name)
        var out =
            "<details class=\"data-preview\" open><summary>First \(sample.preview.count) rows</summary>"
            + HTML.tableWrap(label: "First rows of " + sample.path) + "<table><thead><tr>"
        for name in names { out += "<th>\(HTML.escape(name))</th>" }
        out += "</tr></thead><tbody>\n"
        for row in sample.preview {
            out += "<tr>"
            for cell in row {
                out += "<td>"
                out += HTML.escape(cell)
                out += "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div></details>\n"
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
    private static func chartSVG(_ column: ColumnProfile) -> String {
        let counts: [Int]
        let labels: [String]
        if !column.histogram.isEmpty {
            counts = column.histogram
            labels = column.histogram.indices.map { "bin \($0 + 1): \(column.histogram[$0])" }
        } else {
            let top = column.topValues.prefix(topValueCount)
            guard !top.isEmpty else { return "" }
            counts = top.map(\.count)
            labels = top.map { "\($0.value): \($0.count)" }
        }
        let width = 100, height = 24
        let largest = max(1, counts.max() ?? 1)
        let step = Double(width) / Double(counts.count)
        var out = ""
        // One buffer for the whole chart: a column's bars are appended piece by piece, not joined
        // from temporary strings (every column of every sample has a chart).
        out.reserveCapacity(160 + counts.count * 150)
        out += "<svg class=\"spark\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
        out += "role=\"img\" aria-label=\""
        out += HTML.escape(column.histogram.isEmpty ? "top values" : "histogram")
        out += "\">"
        let barWidth = format(max(1, step - 1))
        for (index, count) in counts.enumerated() {
            let barHeight = Double(height) * Double(count) / Double(largest)
            out += "<rect x=\""
            out += format(Double(index) * step + 0.5)
            out += "\" y=\""
            out += format(Double(height) - barHeight)
            out += "\" width=\""
            out += barWidth
            out += "\" height=\""
            out += format(barHeight)
            out += "\" fill=\"currentColor\" opacity=\"0.6\"><title>"
            out += HTML.escape(labels[index])
            out += "</title></rect>"
        }
        out += "</svg>"
        return out
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
