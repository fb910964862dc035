import Mustache

/// One row of a page's facts card: a label and its value as HTML.
package struct FactView: MustacheParent, Sendable {
    package var label: String
    package var html: String

    package func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "html": html
        default: nil
        }
    }
}
