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
    /// the whole file (`SchemaDescriptionCells`).
    package static func descriptionCells(of document: Document, body: MarkdownNode) -> [Int: MarkdownNode] {
        SchemaDescriptionCells.of(document, body: body)
    }

    package static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
