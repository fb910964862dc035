import DossierCore
import DossierModel

/// One catalog per kind: a table of its documents with the fields a reader scans for, split
/// into pages of `rowsPerPage` rows so a kind of 20,000 documents is 40 pages of bounded size
/// rather than one page of 6 MB. The first page keeps the catalog's one URL
/// (`dossier/catalog/schema.html`); page n is `schema-n.html` beside it.
package struct CatalogPage {
    /// Rows per catalog page: a page of about 150 kB that a browser lays out at once; a kind
    /// this size or smaller has one page, as before catalogs were paginated.
    package static let rowsPerPage = 500

    package let site: SiteContext
    /// nil: plain pages.
    package let kind: DocumentKind?
    package let rowsPerPage: Int

    package init(site: SiteContext, kind: DocumentKind?, rowsPerPage: Int = CatalogPage.rowsPerPage) {
        self.site = site
        self.kind = kind
        self.rowsPerPage = max(1, rowsPerPage)
    }

    /// The first page's path.
    package var path: String { SiteLayout.catalog(kind) }

    /// The path of page `page` (1-based) of `kind`'s catalog.
    package static func path(_ kind: DocumentKind?, page: Int) -> String {
        let first = SiteLayout.catalog(kind)
        guard page > 1 else { return first }
        return String(first.dropLast(".html".count)) + "-\(page).html"
    }

    package static func columns(for kind: DocumentKind?) -> [String] {
        switch kind {
        case .dataSource: ["Location", "Format", "Owner", "Refresh", "License"]
        case .schema: ["Source", "Fields", "Sample", "Owner"]
        case .labeling: ["Method", "Target", "Classes", "Agreement"]
        case .experiment: ["Metric", "Selected", "Runs", "Best"]
        case .environment: ["Python", "Packages", "Hardware", "Owner"]
        case .pseudocode: ["Inputs", "Outputs", "Implements"]
        case .model: ["Experiments", "Selected", "License", "Pipeline"]
        case nil: ["Path", "Owner"]
        }
    }

    package func cells(_ document: Document) -> [String] {
        func text(_ key: String) -> String {
            guard let value = document[key] else { return "" }
            if let list = value.stringList { return list.joined(separator: ", ") }
            if let name = value["name"]?.scalarText {
                let goal = value["goal"]?.scalarText
                return goal.map { "\(name) (\($0))" } ?? name
            }
            if let entries = value.entries {
                return entries.compactMap { e in e.value.scalarText.map { "\(e.key): \($0)" } }.joined(separator: ", ")
            }
            return ""
        }
        let owner = document.owners.joined(separator: ", ")
        switch kind {
        case .dataSource: return [text("location"), text("format"), owner, text("refresh"), text("license")]
        case .schema: return [text("source"), String(document.schemaFields.count), text("sample"), owner]
        case .labeling: return [text("method"), text("target"), text("classes"), text("agreement")]
        case .experiment:
            let best =
                RunsView.bestRun(document.runs, metric: document.selectionMetric).map { document.runs[$0].name } ?? ""
            return [text("metric"), document.selected ?? "", String(document.runs.count), best]
        case .environment:
            return [text("python"), String(document["packages"]?.entries?.count ?? 0), text("hardware"), owner]
        case .pseudocode: return [text("inputs"), text("outputs"), text("implements")]
        case .model: return [text("experiments"), document.selected ?? "", text("license"), text("pipeline_tag")]
        case nil: return [document.path, owner]
        }
    }

    /// The documents of the catalog in table order: by title, then path.
    package func members() -> [Int] {
        let project = site.project
        let documents = project.documents
        let keyed = documents.indices.filter { documents[$0].kind == kind && $0 != site.layout.homeDocument }
            .map { (title: documents[$0].title.lowercased(), path: documents[$0].path, index: $0) }
        return keyed.sorted { ($0.title, $0.path) < ($1.title, $1.path) }.map(\.index)
    }

    /// Every page of the catalog, the first at `path`; an empty kind still has its one page.
    package func files(theme: Theme) -> [SiteFile] {
        let members = members()
        let pageCount = max(1, (members.count + rowsPerPage - 1) / rowsPerPage)
        return (1...pageCount).map { page in
            let start = (page - 1) * rowsPerPage
            let rows = members[start..<min(members.count, start + rowsPerPage)]
            return SiteFile(
                path: Self.path(kind, page: page),
                text: render(page: page, pageCount: pageCount, rows: rows, total: members.count, theme: theme))
        }
    }

    /// Page `page` of `pageCount`, holding the documents `rows` of `total`.
    package func render(page: Int, pageCount: Int, rows members: ArraySlice<Int>, total: Int, theme: Theme) -> String {
        let project = site.project
        let pagePath = Self.path(kind, page: page)
        let linker = PageLinker(site: site, page: pagePath, sourcePath: "")
        var rows: [CatalogView.Row] = []
        rows.reserveCapacity(members.count)
        for i in members {
            let document = project.documents[i]
            rows.append(
                CatalogView.Row(
                    href: linker.url(document: i), title: document.title, id: document.id,
                    state: StateTone.badge(state: project.states[i], findings: project.documentFindings[i]).cssClass,
                    cells: cells(document)))
        }
        let label = kind?.pluralName ?? "Pages"
        let kind = self.kind
        let pager =
            pageCount > 1
            ? CatalogPager(
                page: page, pageCount: pageCount, firstRow: members.startIndex + 1, lastRow: members.endIndex,
                total: total, href: { linker.url(Self.path(kind, page: $0)) }) : nil
        let view = CatalogView(
            kind: kind?.rawValue ?? "page", label: label, columns: Self.columns(for: kind), rows: rows, total: total,
            pager: pager)
        // Later pages say which they are, so titles (tabs, history, search results) stay distinct.
        let title = page > 1 ? "\(label), page \(page) of \(pageCount)" : label
        let layout = site.layoutContext(
            page: pagePath, title: title, pageType: "catalog", currentKind: kind?.rawValue ?? "page")
        return theme.render("catalog", view: view, layout: layout)
    }
}
