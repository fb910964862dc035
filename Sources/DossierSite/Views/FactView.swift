/// One row of a page's facts card: a label and its value as HTML.
package struct FactView: TemplateObject, Sendable {
    package var label: String
    package var html: String

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .label: .string(label)
        case .html: .string(html)
        default: nil
        }
    }
}
