import Mustache

/// `home.mustache`: the README, counts by kind, the health line and the lineage graph.
package struct HomeView: MustacheParent, Sendable {
    /// One overview card: a kind and how many documents it has.
    package struct KindCard: MustacheParent, Sendable {
        package var kind: String
        package var label: String
        package var count: Int
        package var href: String

        package func child(named name: String) -> Any? {
            switch name {
            case "kind": kind
            case "label": label
            case "count": count
            case "href": href
            default: nil
            }
        }
    }

    package var root: String
    package var body: String
    package var kinds: [KindCard]
    package var states: [StateCountView]
    package var errors: Int
    package var warnings: Int
    package var graph: String?
    /// Project-wide conditions, each once.
    package var notices: [NoticeView] = []
    /// Each model's "ready for production?" checklist, HTML.
    package var readiness: String? = nil
    /// The Repository page link and the documentation coverage figure, HTML.
    package var repository: String? = nil

    package func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "body": body
        case "kinds": kinds
        case "states": states
        case "errors": errors
        case "warnings": warnings
        case "graph": graph
        case "notices": notices
        case "readiness": readiness
        case "repository": repository
        default: nil
        }
    }
}
