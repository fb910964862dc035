/// `catalog.mustache`: one page of one kind's documents as a table of their key fields.
package struct CatalogView: TemplateObject, Sendable {
    /// One document's row.
    package struct Row: TemplateObject, Sendable {
        package var href: String
        package var title: String
        package var id: String
        package var state: String
        package var cells: [String]

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .href: .string(href)
            case .title: .string(title)
            case .id: .string(id)
            case .state: .string(state)
            case .cells: .strings(cells)
            default: nil
            }
        }
    }

    package var kind: String
    package var label: String
    package var columns: [String]
    package var rows: [Row]
    /// Documents of the kind on all pages (`rows` holds this page's only).
    package var total: Int
    /// Links to the other pages of the catalog; nil when it has one page.
    package var pager: CatalogPager?

    package init(kind: String, label: String, columns: [String], rows: [Row], total: Int, pager: CatalogPager? = nil) {
        self.kind = kind
        self.label = label
        self.columns = columns
        self.rows = rows
        self.total = total
        self.pager = pager
    }

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .kind: .string(kind)
        case .label: .string(label)
        case .count: .int(total)
        case .columns: .strings(columns)
        case .rows: .list(rows)
        case .pager: .optional(pager)
        default: nil
        }
    }
}
