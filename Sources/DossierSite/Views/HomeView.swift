/// `home.mustache`: the README, counts by kind, the health line and the lineage graph.
package struct HomeView: TemplateObject, Sendable {
    /// One overview card: a kind and how many documents it has.
    package struct KindCard: TemplateObject, Sendable {
        package var kind: String
        package var label: String
        package var count: Int
        package var href: String

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .kind: .string(kind)
            case .label: .string(label)
            case .count: .int(count)
            case .href: .string(href)
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

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .root: .string(root)
        case .body: .string(body)
        case .kinds: .list(kinds)
        case .states: .list(states)
        case .errors: .int(errors)
        case .warnings: .int(warnings)
        case .graph: .optional(graph)
        case .notices: .list(notices)
        case .readiness: .optional(readiness)
        case .repository: .optional(repository)
        default: nil
        }
    }
}
