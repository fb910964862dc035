import DossierMarkdown

/// The description cells of a schema document's schema table, which its page renders like body
/// text: found in the body's tree by the page (`SchemaTableView`) or at load, for the body
/// rendered then (`PreparedBodies`).
package enum SchemaDescriptionCells {
    /// The description cells of a document's schema table as Markdown nodes, by the row's line in
    /// the whole file (the line `SchemaField.line` holds), so they render like body text.
    package static func of(_ document: Document, body: MarkdownNode) -> [Int: MarkdownNode] {
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
}
