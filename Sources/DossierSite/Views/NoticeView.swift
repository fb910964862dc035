/// A project-wide condition (no git, a shallow clone), shown once on the home and health pages.
package struct NoticeView: TemplateObject, Sendable {
    package var rule: String
    /// HTML.
    package var message: String
    package var documents: Int

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .rule: .string(rule)
        case .message: .string(message)
        case .documents: .int(documents)
        default: nil
        }
    }
}
