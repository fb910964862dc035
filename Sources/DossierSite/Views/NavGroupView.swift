import Mustache

/// One sidebar group (`nav.mustache`). Every key is answered on every level, `false` included:
/// Mustache looks a missing key up in the enclosing contexts, so an item without `current` would
/// take its group's.
package struct NavGroupView: MustacheParent, Sendable {
    package struct Item: MustacheParent, Sendable {
        package var href: String
        package var title: String
        package var state: String
        package var current: Bool

        package func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "title": title
            case "state": state
            case "current": current
            default: nil
            }
        }
    }

    package var root: String
    package var label: String
    package var count: Int
    package var catalogHref: String
    package var items: [Item]
    package var current: Bool
    package var more: Bool

    package func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "label": label
        case "count": count
        case "catalogHref": catalogHref
        case "items": items
        case "hasItems": !items.isEmpty
        case "current": current
        case "more": more
        default: nil
        }
    }
}
