/// `document.mustache`: one document's page. Optional parts are nil when the page has none, so
/// their sections do not render.
package struct DocumentView: TemplateObject, Sendable {
    /// The health banner: the state, what it means, and the document's findings.
    package struct Banner: TemplateObject, Sendable {
        package var state: String
        package var heading: String
        package var findings: [Finding]

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .state: .string(state)
            case .heading: .string(heading)
            case .findings: .list(findings)
            default: nil
            }
        }
    }

    /// One finding in the banner; `message` is HTML.
    package struct Finding: TemplateObject, Sendable {
        package var severity: String
        package var message: String
        package var location: String
        package var rule: String = ""
        /// The rule's page (`rule_docs_url`).
        package var ruleURL: String = ""

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .severity: .string(severity)
            case .message: .string(message)
            case .`where`: .string(location)
            case .rule: .string(rule)
            case .ruleURL: .string(ruleURL)
            default: nil
            }
        }
    }

    /// Related documents under one label ("Schemas", "Used by experiments"…).
    package struct RelationGroup: TemplateObject, Sendable {
        package var label: String
        package var items: [Relation]

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .label: .string(label)
            case .items: .list(items)
            default: nil
            }
        }
    }

    /// A link to a related document, or to one of its schema fields.
    package struct Relation: TemplateObject, Sendable {
        package var href: String
        package var title: String
        package var kind: String
        package var kindLabel: String
        package var field: String?

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .href: .string(href)
            case .title: .string(title)
            case .kind: .string(kind)
            case .kindLabel: .string(kindLabel)
            // `false`, not nil, when absent: nil would look `field` up outside the item.
            case .field: .orFalse(field)
            default: nil
            }
        }
    }

    /// A code reference, linked to the repository when `repo_url` is set.
    package struct CodeReference: TemplateObject, Sendable {
        package var text: String
        package var key: String
        package var href: String?

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .text: .string(text)
            case .key: .string(key)
            case .href: .orFalse(href)
            default: nil
            }
        }
    }

    /// The commit that last changed the document.
    package struct Change: TemplateObject, Sendable {
        package var commit: String
        package var date: String
        package var subject: String

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .commit: .string(commit)
            case .date: .string(date)
            case .subject: .string(subject)
            default: nil
            }
        }
    }

    /// One link of the breadcrumb trail above the title.
    package struct Crumb: TemplateObject, Sendable, Hashable {
        package var href: String
        package var title: String

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .href: .string(href)
            case .title: .string(title)
            default: nil
            }
        }
    }

    /// One line of the table of contents; `html` is already escaped.
    package struct TOCEntry: TemplateObject, Sendable {
        package var level: Int
        package var id: String
        package var html: String

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .level: .int(level)
            case .id: .string(id)
            case .html: .string(html)
            default: nil
            }
        }
    }

    package var root = ""
    package var title: String
    /// Home › folders: the trail to this page (the page itself is the last crumb, not a link).
    package var breadcrumbs: [Crumb] = []
    /// The page's h2 and h3 headings, when there are enough to need a table of contents.
    package var toc: [TOCEntry] = []
    package var kind: String
    package var kindLabel: String?
    package var catalogHref: String?
    package var state: String
    /// The badge's colour class and text: the state, or the worst severity of a fresh page's findings.
    package var badgeClass: String = ""
    package var badgeText: String = ""
    package var status: String?
    package var summary: String?
    package var path: String
    package var body: String
    package var banner: Banner?
    package var facts: [FactView] = []
    package var modelCard: String?
    package var pseudocodeIO: String?
    package var runsTable: String?
    /// An inline-SVG bar chart of the selection metric over an experiment's runs.
    package var runsChart: String?
    /// Generated from the checked project: the sample at a glance (schemas) or the class balance
    /// (labeling), with its own heading.
    package var dataProfile: String?
    /// The "ready for production?" checklist (models), with its own heading.
    package var readiness: String?
    package var outgoing: [RelationGroup] = []
    package var incoming: [RelationGroup] = []
    package var hasRelations = false
    package var graph: String?
    package var code: [CodeReference] = []
    package var lastChange: Change?
    package var verified: String?
    package var sourceHref: String?
    package var editHref: String?

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .root: .string(root)
        case .title: .string(title)
        case .breadcrumbs: .list(breadcrumbs)
        case .hasBreadcrumbs: .bool(!breadcrumbs.isEmpty)
        case .toc: .list(toc)
        case .hasTOC: .bool(!toc.isEmpty)
        case .kind: .string(kind)
        case .kindLabel: .optional(kindLabel)
        case .catalogHref: .optional(catalogHref)
        case .state: .string(state)
        case .badgeClass: .string(badgeClass)
        case .badgeText: .string(badgeText)
        case .status: .optional(status)
        case .summary: .optional(summary)
        case .path: .string(path)
        case .body: .string(body)
        case .banner: .optional(banner)
        case .facts: .list(facts)
        case .hasFacts: .bool(!facts.isEmpty)
        case .modelCard: .optional(modelCard)
        case .pseudocodeIO: .optional(pseudocodeIO)
        case .runsTable: .optional(runsTable)
        case .runsChart: .optional(runsChart)
        case .dataProfile: .optional(dataProfile)
        case .readiness: .optional(readiness)
        case .outgoing: .list(outgoing)
        case .incoming: .list(incoming)
        case .hasRelations: .bool(hasRelations)
        case .graph: .optional(graph)
        case .code: .list(code)
        case .hasCode: .bool(!code.isEmpty)
        case .lastChange: .optional(lastChange)
        case .verified: .optional(verified)
        case .sourceHref: .optional(sourceHref)
        case .editHref: .optional(editHref)
        default: nil
        }
    }
}
