import Mustache

/// `catalog.mustache`: one kind's documents as a table of their key fields.
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

    package func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "label": label
        case "count": rows.count
        case "columns": columns
        case "rows": rows
        default: nil
        }
    }
}
