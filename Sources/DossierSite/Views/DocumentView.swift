import Mustache

/// `document.mustache`: one document's page. Optional parts are nil when the page has none, so
/// their sections do not render.
package struct DocumentView: MustacheParent, Sendable {
    /// The health banner: the state, what it means, and the document's findings.
    package struct Banner: MustacheParent, Sendable {
        package var state: String
        package var heading: String
        package var findings: [Finding]

        package func child(named name: String) -> Any? {
            switch name {
            case "state": state
            case "heading": heading
            case "findings": findings
            default: nil
            }
        }
    }

    /// One finding in the banner; `message` is HTML.
    package struct Finding: MustacheParent, Sendable {
        package var severity: String
        package var message: String
        package var location: String
        package var rule: String = ""
        /// The rule's page (`rule_docs_url`).
        package var ruleURL: String = ""

        package func child(named name: String) -> Any? {
            switch name {
            case "severity": severity
            case "message": message
            case "where": location
            case "rule": rule
            case "ruleURL": ruleURL
            default: nil
            }
        }
    }

    /// Related documents under one label ("Schemas", "Used by experiments"…).
    package struct RelationGroup: MustacheParent, Sendable {
        package var label: String
        package var items: [Relation]

        package func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "items": items
            default: nil
            }
        }
    }

    /// A link to a related document, or to one of its schema fields.
    package struct Relation: MustacheParent, Sendable {
        package var href: String
        package var title: String
        package var kind: String
        package var kindLabel: String
        package var field: String?

        package func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "title": title
            case "kind": kind
            case "kindLabel": kindLabel
            // `false`, not nil, when absent: nil would look `field` up outside the item.
            case "field": field ?? false
            default: nil
            }
        }
    }

    /// A code reference, linked to the repository when `repo_url` is set.
    package struct CodeReference: MustacheParent, Sendable {
        package var text: String
        package var key: String
        package var href: String?

        package func child(named name: String) -> Any? {
            switch name {
            case "text": text
            case "key": key
            case "href": href ?? false
            default: nil
            }
        }
    }

    /// The commit that last changed the document.
    package struct Change: MustacheParent, Sendable {
        package var commit: String
        package var date: String
        package var subject: String

        package func child(named name: String) -> Any? {
            switch name {
            case "commit": commit
            case "date": date
            case "subject": subject
            default: nil
            }
        }
    }

    /// One link of the breadcrumb trail above the title.
    package struct Crumb: MustacheParent, Sendable, Hashable {
        package var href: String
        package var title: String

        package func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "title": title
            default: nil
            }
        }
    }

    /// One line of the table of contents; `html` is already escaped.
    package struct TOCEntry: MustacheParent, Sendable {
        package var level: Int
        package var id: String
        package var html: String

        package func child(named name: String) -> Any? {
            switch name {
            case "level": level
            case "id": id
            case "html": html
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

    package func child(named name: String) -> Any? {
        switch name {
        case "root": root
        case "title": title
        case "breadcrumbs": breadcrumbs
        case "hasBreadcrumbs": !breadcrumbs.isEmpty
        case "toc": toc
        case "hasTOC": !toc.isEmpty
        case "kind": kind
        case "kindLabel": kindLabel
        case "catalogHref": catalogHref
        case "state": state
        case "badgeClass": badgeClass
        case "badgeText": badgeText
        case "status": status
        case "summary": summary
        case "path": path
        case "body": body
        case "banner": banner
        case "facts": facts
        case "hasFacts": !facts.isEmpty
        case "modelCard": modelCard
        case "pseudocodeIO": pseudocodeIO
        case "runsTable": runsTable
        case "runsChart": runsChart
        case "dataProfile": dataProfile
        case "readiness": readiness
        case "outgoing": outgoing
        case "incoming": incoming
        case "hasRelations": hasRelations
        case "graph": graph
        case "code": code
        case "hasCode": !code.isEmpty
        case "lastChange": lastChange
        case "verified": verified
        case "sourceHref": sourceHref
        case "editHref": editHref
        default: nil
        }
    }
}
