/// How many documents are in one health state (home and health pages).
package struct StateCountView: TemplateObject, Sendable {
    package var state: String
    package var count: Int

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .state: .string(state)
        case .count: .int(count)
        default: nil
        }
    }
}
