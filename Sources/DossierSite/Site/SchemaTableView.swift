import DossierCore
import DossierMarkdown
import DossierModel

/// A schema table as the reader needs it: grouped by entity, type and level badges, and an
/// anchor on every field so `[[schema.column]]` lands on its row.
package enum SchemaTableView {
    /// - Parameter descriptions: a field's description cell already rendered as inline Markdown,
    ///   by the field's line; a field without one shows its plain description, escaped.
    package static func html(_ fields: [SchemaField], descriptions: [Int: String] = [:]) -> String {
        var out = ""
        var entities: [String?] = []
        for field in fields where !entities.contains(field.entity) { entities.append(field.entity) }
        for entity in entities {
            if let entity { out += "<h3 class=\"schema-entity\">\(HTML.escape(entity))</h3>\n" }
            let label = entity.map { "Fields of \($0)" } ?? "Fields"
            out += "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(label))\">"
            out +=
                "<table class=\"schema-table\">\n<thead><tr><th>Field</th><th>Type</th><th>Level</th><th>Nullable</th>"
            out += "<th>Values</th><th>Description</th></tr></thead>\n<tbody>\n"
            for field in fields where field.entity == entity {
                out +=
                    "<tr id=\"\(HTML.escape(field.anchor))\"><td class=\"field-key\"><code>\(HTML.escape(field.name))</code></td>"
                if let type = field.type {
                    out += "<td><span class=\"badge type type-\(type.rawValue)\">\(type.rawValue)</span></td>"
                } else {
                    let unknown = "<span class=\"badge type unknown\">\(HTML.escape(field.rawType))</span>"
                    out += "<td>\(field.rawType.isEmpty ? "" : unknown)</td>"
                }
                if let level = field.level {
                    out += "<td><span class=\"badge level level-\(level.rawValue)\">\(level.rawValue)</span></td>"
                } else {
                    out += "<td>\(HTML.escape(field.rawLevel))</td>"
                }
                out += "<td>\(field.nullable.map { $0 ? "yes" : "no" } ?? "")</td>"
                var values = field.values.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
                if let range = field.range { values = "\(format(range.lowerBound)) – \(format(range.upperBound))" }
                let description = descriptions[field.line] ?? HTML.escape(field.description)
                out += "<td class=\"values\">\(values)</td><td class=\"description\">\(description)</td></tr>\n"
            }
            out += "</tbody></table></div>\n"
        }
        return out
    }

    /// The description cells of a document's schema table as Markdown nodes, by the row's line in
    /// the whole file (the line `SchemaField.line` holds), so they render like body text.
    package static func descriptionCells(of document: Document, body: MarkdownNode) -> [Int: MarkdownNode] {
        guard let ordinal = document.schemaTableOrdinal,
            let analysed = document.analysis.tables.first(where: { $0.ordinal == ordinal }),
            let column = SchemaTableParser.mapColumns(analysed.header)[.description],
            let table = tableNode(ordinal, in: body)
        else { return [:] }
        let offset = analysed.line - table.line
        var cells: [Int: MarkdownNode] = [:]
        for row in table.children {
            guard case .tableRow(header: false) = row.kind, column < row.children.count else { continue }
            cells[row.line + offset] = row.children[column]
        }
        return cells
    }

    /// The `ordinal`-th table of a body, counted in document order as `MarkdownAnalysis` counts.
    static func tableNode(_ ordinal: Int, in root: MarkdownNode) -> MarkdownNode? {
        var count = 0
        func find(_ node: MarkdownNode) -> MarkdownNode? {
            if case .table = node.kind {
                if count == ordinal { return node }
                count += 1
                return nil
            }
            for child in node.children { if let found = find(child) { return found } }
            return nil
        }
        return find(root)
    }

    package static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
