import DossierCore
import DossierMarkdown
import DossierModel

/// A schema table as the reader needs it: grouped by entity, type and level badges, and an
/// anchor on every field so `[[schema.column]]` lands on its row.
package enum SchemaTableView {
    /// - Parameter descriptions: a field's description cell already rendered as inline Markdown,
    ///   by the field's line; a field without one shows its plain description, escaped.
    package static func html(_ fields: [SchemaField], descriptions: [Int: String] = [:]) -> String {
        // Written as bytes (`MarkupBuffer`): a schema page's table is a few dozen pieces a row,
        // and appending each to a String cost about 400 instructions (160,000 a table).
        let out = MarkupBuffer(capacity: 512 + fields.count * 384)
        var entities: [String?] = []
        for index in fields.indices where !entities.contains(fields[index].entity) {
            entities.append(fields[index].entity)
        }
        for entity in entities {
            if let entity {
                out.put("<h3 class=\"schema-entity\">")
                out.put(escaping: entity)
                out.put("</h3>\n")
            }
            out.put("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
            if let entity {
                out.put("Fields of ")
                out.put(escaping: entity)
            } else {
                out.put("Fields")
            }
            out.put("\">")
            out.put(
                "<table class=\"schema-table\">\n<thead><tr><th>Field</th><th>Type</th><th>Level</th><th>Nullable</th>")
            out.put("<th>Values</th><th>Description</th></tr></thead>\n<tbody>\n")
            // Fields are read through the array: a copy of a `SchemaField` retains its strings.
            for index in fields.indices where fields[index].entity == entity {
                row(fields[index], descriptions: descriptions, into: out)
            }
            out.put("</tbody></table></div>\n")
        }
        return out.string
    }

    /// A cell with a badge of `kind` (`type`, `level`) for `value`, one of that kind's ASCII names:
    /// `<td><span class="badge type type-int">int</span></td>`.
    private static func badgeCell(_ kind: StaticString, _ value: String, into out: MarkupBuffer) {
        out.put("<td><span class=\"badge ")
        out.put(kind)
        out.put(" ")
        out.put(kind)
        out.put("-")
        out.put(string: value)
        out.put("\">")
        out.put(string: value)
        out.put("</span></td>")
    }

    private static func row(_ field: SchemaField, descriptions: [Int: String], into out: MarkupBuffer) {
        out.put("<tr id=\"")
        out.put(escaping: field.anchor)
        out.put("\"><td class=\"field-key\"><code>")
        out.put(escaping: field.name)
        out.put("</code></td>")
        if let type = field.type {
            badgeCell("type", type.rawValue, into: out)
        } else if field.rawType.isEmpty {
            out.put("<td></td>")
        } else {
            out.put("<td><span class=\"badge type unknown\">")
            out.put(escaping: field.rawType)
            out.put("</span></td>")
        }
        if let level = field.level {
            badgeCell("level", level.rawValue, into: out)
        } else {
            out.put("<td>")
            out.put(escaping: field.rawLevel)
            out.put("</td>")
        }
        switch field.nullable {
        case true?: out.put("<td>yes</td>")
        case false?: out.put("<td>no</td>")
        case nil: out.put("<td></td>")
        }
        out.put("<td class=\"values\">")
        if let range = field.range {
            out.put(string: format(range.lowerBound))
            out.put(" – ")
            out.put(string: format(range.upperBound))
        } else {
            for (position, value) in field.values.enumerated() {
                if position > 0 { out.put(", ") }
                out.put("<code>")
                out.put(escaping: value)
                out.put("</code>")
            }
        }
        out.put("</td><td class=\"description\">")
        if let description = descriptions[field.line] {
            out.put(string: description)
        } else {
            out.put(escaping: field.description)
        }
        out.put("</td></tr>\n")
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
