import Mustache

/// `catalog.mustache`: one page of one kind's documents as a table of their key fields.
package struct CatalogView: MustacheParent, Sendable {
    /// One document's row.
    package struct Row: MustacheParent, Sendable {
        package var href: String
        package var title: String
        package var id: String
        package var state: String
        package var cells: [String]

        package func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "title": title
            case "id": id
            case "state": state
            case "cells": cells
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

    package func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "label": label
        case "count": total
        case "columns": columns
        case "rows": rows
        case "pager": pager
        default: nil
        }
    }
}
