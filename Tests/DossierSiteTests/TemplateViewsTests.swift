import DossierTestSupport
import Foundation
import Testing

@testable import DossierSite

/// Each default template renders a view the same with the compiled renderer and with
/// swift-mustache, with every optional part absent and with all of them present, lists empty and
/// full, text HTML-special and non-ASCII.
@Suite struct TemplateViewsTests {
    static let odd = ["", "a & b", "<script>'x'</script>", "\"q\"", "café é<", "👩‍💻 & \u{2028}", "\r\n<"]

    static func theme() throws -> Theme {
        let project = try TemporaryProject()
        defer { project.remove() }
        return try Theme.load(folder: nil, projectRoot: project.url)
    }

    static func expectSame(_ theme: Theme, _ template: String, _ view: any TemplateObject) {
        let compiled = theme.compiled.render(template, view: view)
        #expect(compiled != nil)
        #expect(compiled == theme.library.render(view, withTemplate: template), "\(template)")
    }

    static func document(_ text: String, full: Bool) -> DocumentView {
        typealias View = DocumentView
        var view = View(
            title: text, kind: "schema", state: "fresh", path: "docs/\(text).md", body: "<p>\(text)</p>")
        guard full else { return view }
        view.root = "../"
        view.breadcrumbs = [View.Crumb(href: "a.html", title: text), View.Crumb(href: "", title: "")]
        view.toc = [View.TOCEntry(level: 2, id: "x", html: text), View.TOCEntry(level: 3, id: "", html: "")]
        view.kindLabel = text
        view.catalogHref = "dossier/catalog/schema.html"
        view.badgeClass = "stale"
        view.badgeText = text
        view.status = text
        view.summary = text
        view.banner = View.Banner(
            state: "stale", heading: text,
            findings: [
                View.Finding(severity: "error", message: text, location: "a.md:1", rule: "r", ruleURL: "u&v"),
                View.Finding(severity: "warning", message: "", location: "", rule: "", ruleURL: ""),
            ])
        view.facts = [FactView(label: text, html: text), FactView(label: "", html: "")]
        view.modelCard = text
        view.pseudocodeIO = text
        view.runsTable = text
        view.runsChart = text
        view.dataProfile = text
        view.readiness = text
        view.outgoing = [
            View.RelationGroup(
                label: text,
                items: [
                    View.Relation(href: "h", title: text, kind: "schema", kindLabel: text, field: text),
                    View.Relation(href: "", title: "", kind: "", kindLabel: "", field: nil),
                ])
        ]
        view.hasRelations = true
        view.graph = text
        view.code = [View.CodeReference(text: text, key: "code", href: "x"), .init(text: "", key: "", href: nil)]
        view.lastChange = View.Change(commit: "abc", date: "2025", subject: text)
        view.verified = text
        view.sourceHref = text
        view.editHref = text
        return view
    }

    @Test func documentPages() throws {
        let theme = try Self.theme()
        for text in Self.odd {
            Self.expectSame(theme, "document", Self.document(text, full: false))
            Self.expectSame(theme, "document", Self.document(text, full: true))
            var relationsWithoutGroups = Self.document(text, full: true)
            relationsWithoutGroups.outgoing = []
            Self.expectSame(theme, "document", relationsWithoutGroups)
        }
    }

    @Test func listingPages() throws {
        let theme = try Self.theme()
        for (i, text) in Self.odd.enumerated() {
            let pager = CatalogPager(page: i + 1, pageCount: 9, firstRow: 1, lastRow: 2, total: 3) { "p\($0)&.html" }
            let rows = [CatalogView.Row(href: "a", title: text, id: text, state: "fresh", cells: [text, ""])]
            for view in [
                CatalogView(kind: "schema", label: text, columns: [], rows: [], total: 0),
                CatalogView(kind: text, label: text, columns: [text, "b"], rows: rows, total: 1, pager: pager),
            ] {
                Self.expectSame(theme, "catalog", view)
            }
            let states = [StateCountView(state: "fresh", count: 0), StateCountView(state: text, count: 3)]
            let notices = [NoticeView(rule: text, message: text, documents: 2)]
            let finding = HealthView.FindingEntry(
                location: text, message: text, rule: "r", ruleURL: i % 2 == 0 ? "" : "u")
            let documents = [
                HealthView.DocumentEntry(title: text, href: nil, state: nil, findings: []),
                HealthView.DocumentEntry(title: text, href: "h", state: "stale", findings: [finding]),
            ]
            let severities = [HealthView.SeverityGroup(label: text, count: 2, documents: documents)]
            Self.expectSame(
                theme, "health", HealthView(errors: 0, warnings: 0, documents: 0, states: [], severities: []))
            Self.expectSame(
                theme, "health",
                HealthView(
                    errors: 1, warnings: -1, documents: 2, states: states, severities: severities, notices: notices,
                    coverage: text))
            let card = HomeView.KindCard(kind: "schema", label: text, count: 2, href: "c.html")
            Self.expectSame(
                theme, "home",
                HomeView(root: "", body: text, kinds: [], states: [], errors: 0, warnings: 0, graph: nil))
            Self.expectSame(
                theme, "home",
                HomeView(
                    root: "../", body: text, kinds: [card], states: states, errors: 2, warnings: 3, graph: text,
                    notices: notices, readiness: text, repository: text))
            Self.expectSame(theme, "notfound", RootView(root: text))
        }
    }

    @Test func experimentsAndNavigation() throws {
        let theme = try Self.theme()
        for text in Self.odd {
            typealias View = ExperimentsView
            let cells = [View.Cell(text: text, value: "1.5"), View.Cell(text: "", value: "")]
            let rows = [
                View.Row(
                    href: "e.html", experiment: text, run: text, model: text, metric: "0.9", metricValue: "0.9",
                    metricCells: cells, paramCells: [], selected: true, best: false, recordedIn: text),
                View.Row(
                    href: "", experiment: "", run: "", model: "", metric: "", metricValue: "", metricCells: [],
                    paramCells: cells, selected: false, best: true),
            ]
            let columns = [View.Column(name: text, type: "num")]
            Self.expectSame(
                theme, "experiments",
                View(experimentCount: 0, metricColumns: [], paramColumns: [], rows: [], chart: nil))
            Self.expectSame(
                theme, "experiments",
                View(experimentCount: 2, metricColumns: columns, paramColumns: columns, rows: rows, chart: text))
            let entries = [
                NavLevelView.Entry(href: "a.html", title: text),
                NavLevelView.Entry(
                    href: text, title: text, state: "stale", current: true, folder: true, open: true, count: 0,
                    children: "<ul>\(text)</ul>"),
            ]
            Self.expectSame(theme, "nav", NavLevelView(root: "../", heading: nil, entries: []))
            Self.expectSame(
                theme, "nav",
                NavLevelView(
                    root: text, heading: text, block: "nav-kinds", entries: entries, more: 3, moreHref: "m&.html"))
        }
    }
}
