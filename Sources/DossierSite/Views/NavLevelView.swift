/// One level of the sidebar (`nav.mustache`): a list of pages and folders, an open folder's
/// level already rendered inside it. Every key is answered on every level, `false` included:
/// Mustache looks a missing key up in the enclosing contexts, so an entry without `current` would
/// take its level's.
package struct NavLevelView: TemplateObject, Sendable {
    package struct Entry: TemplateObject, Sendable {
        package var href: String
        package var title: String
        /// The health dot's class; empty for folders and catalogs.
        package var state: String = ""
        package var current: Bool = false
        package var folder: Bool = false
        package var open: Bool = false
        package var count: Int = 0
        /// The open folder's level, rendered.
        package var children: String = ""

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .href: .string(href)
            case .title: .string(title)
            case .state: .string(state)
            case .hasState: .bool(!state.isEmpty)
            case .current: .bool(current)
            case .folder: .bool(folder)
            case .open: .bool(open)
            case .count: .int(count)
            case .children: .string(children)
            default: nil
            }
        }
    }

    package var root: String
    /// The top level's heading and class (`nav-tree`, `nav-kinds`); nil for a nested level.
    package var heading: String?
    package var block: String = ""
    package var entries: [Entry]
    /// How many entries are not shown, and the page that lists them all.
    package var more: Int = 0
    package var moreHref: String = ""

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .root: .string(root)
        case .heading: .orFalse(heading)
        case .block: .string(block)
        case .entries: .list(entries)
        case .more: more > 0 ? .int(more) : .bool(false)
        case .moreHref: .string(moreHref)
        default: nil
        }
    }
}
