import Mustache

/// What `layout.mustache` shows around every page: titles, the root prefix, the sidebar and the
/// page's own content. Lookups go through `child(named:)`, not reflection (SPEC: fast by design).
package struct LayoutView: MustacheParent, Sendable {
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

    package func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "pageTitle": pageTitle
        case "siteTitle": siteTitle
        case "pageType": pageType
        case "navigation": navigation
        case "healthProblems": healthProblems
        case "description": description
        case "canonical": canonical
        case "repoURL": repoURL
        case "content": content
        default: nil
        }
    }
}
