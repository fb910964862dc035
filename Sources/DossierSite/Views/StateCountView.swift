import Mustache

/// How many documents are in one health state (home and health pages).
package struct StateCountView: MustacheParent, Sendable {
    package var state: String
    package var count: Int

    package func child(named name: String) -> Any? {
        switch name {
        case "state": state
        case "count": count
        default: nil
        }
    }
}
