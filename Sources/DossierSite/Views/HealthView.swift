import Mustache

/// `health.mustache`: every finding by severity and document, and a count per health state.
package struct HealthView: MustacheParent, Sendable {
    /// The findings of one severity.
    package struct SeverityGroup: MustacheParent, Sendable {
        package var label: String
        package var count: Int
        package var documents: [DocumentEntry]

        package func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "count": count
            case "documents": documents
            default: nil
            }
        }
    }

    /// One file's findings. `href` and `state` are `false` for a file that is not a document, so
    /// the template does not look them up in the enclosing contexts.
    package struct DocumentEntry: MustacheParent, Sendable {
        package var title: String
        package var href: String?
        package var state: String?
        package var findings: [FindingEntry]

        package func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "href": href ?? false
            case "state": state ?? false
            case "findings": findings
            default: nil
            }
        }
    }

    /// One finding: where, what (HTML) and which rule.
    package struct FindingEntry: MustacheParent, Sendable {
        package var location: String
        package var message: String
        package var rule: String
        /// The rule's page (`rule_docs_url`).
        package var ruleURL: String = ""

        package func child(named name: String) -> Any? {
            switch name {
            case "where": location
            case "message": message
            case "rule": rule
            case "ruleURL": ruleURL
            default: nil
            }
        }
    }

    package var errors: Int
    package var warnings: Int
    package var documents: Int
    package var states: [StateCountView]
    package var severities: [SeverityGroup]
    /// Project-wide conditions, each once.
    package var notices: [NoticeView] = []
    /// The documentation coverage line, HTML (nil when the project has no code, notebook or data).
    package var coverage: String? = nil

    package func child(named name: String) -> Any? {
        switch name {
        case "errors": errors
        case "warnings": warnings
        case "documents": documents
        case "states": states
        case "severities": severities
        case "notices": notices
        case "coverage": coverage
        default: nil
        }
    }
}
