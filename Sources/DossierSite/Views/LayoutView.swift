/// What `layout.mustache` shows around every page: titles, the root prefix, the sidebar and the
/// page's own content. Lookups go through `child(named:)`, not reflection (SPEC: fast by design).
package struct LayoutView: TemplateObject {
    package var root: String
    package var pageTitle: String
    package var siteTitle: String
    package var pageType: String
    /// The sidebar's groups, already rendered (the same on most pages; see `Navigation`).
    package var navigation: String
    /// Documents that are not fresh; nil when every document is.
    package var healthProblems: Int?
    package var description: String?
    package var canonical: String?
    package var repoURL: String?
    /// The page template's output.
    package var content = ""

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .root: .string(root)
        case .pageTitle: .string(pageTitle)
        case .siteTitle: .string(siteTitle)
        case .pageType: .string(pageType)
        case .navigation: .string(navigation)
        case .healthProblems: healthProblems.map { .int($0) }
        case .description: .optional(description)
        case .canonical: .optional(canonical)
        case .repoURL: .optional(repoURL)
        case .content: .string(content)
        default: nil
        }
    }
}
