/// `health.mustache`: every finding by severity and document, and a count per health state.
package struct HealthView: TemplateObject, Sendable {
    /// The findings of one severity.
    package struct SeverityGroup: TemplateObject, Sendable {
        package var label: String
        package var count: Int
        package var documents: [DocumentEntry]

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .label: .string(label)
            case .count: .int(count)
            case .documents: .list(documents)
            default: nil
            }
        }
    }

    /// One file's findings. `href` and `state` are `false` for a file that is not a document, so
    /// the template does not look them up in the enclosing contexts.
    package struct DocumentEntry: TemplateObject, Sendable {
        package var title: String
        package var href: String?
        package var state: String?
        package var findings: [FindingEntry]

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .title: .string(title)
            case .href: .orFalse(href)
            case .state: .orFalse(state)
            case .findings: .list(findings)
            default: nil
            }
        }
    }

    /// One finding: where, what (HTML) and which rule.
    package struct FindingEntry: TemplateObject, Sendable {
        package var location: String
        package var message: String
        package var rule: String
        /// The rule's page (`rule_docs_url`).
        package var ruleURL: String = ""

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .`where`: .string(location)
            case .message: .string(message)
            case .rule: .string(rule)
            case .ruleURL: .string(ruleURL)
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

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .errors: .int(errors)
        case .warnings: .int(warnings)
        case .documents: .int(documents)
        case .states: .list(states)
        case .severities: .list(severities)
        case .notices: .list(notices)
        case .coverage: .optional(coverage)
        default: nil
        }
    }
}
