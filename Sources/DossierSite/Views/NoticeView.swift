import Mustache

/// A project-wide condition (no git, a shallow clone), shown once on the home and health pages.
package struct NoticeView: MustacheParent, Sendable {
    package var rule: String
    /// HTML.
    package var message: String
    package var documents: Int

    package func child(named name: String) -> Any? {
        switch name {
        case "rule": rule
        case "message": message
        case "documents": documents
        default: nil
        }
    }
}
