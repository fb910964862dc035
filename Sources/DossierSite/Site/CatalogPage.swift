import DossierCore
import DossierModel

/// One page per kind: a table of its documents with the fields a reader scans for.
package struct CatalogPage {
    package let site: SiteContext
    /// nil: plain pages.
    package let kind: DocumentKind?

    package var path: String { SiteLayout.catalog(kind) }

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

    package func render(theme: Theme) -> String {
        let project = site.project
        let linker = PageLinker(site: site, page: path, sourcePath: "")
        var rows: [CatalogView.Row] = []
        let members = project.documents.indices.filter {
            project.documents[$0].kind == kind && $0 != site.layout.homeDocument
        }
        .sorted {
            (project.documents[$0].title.lowercased(), project.documents[$0].path) < (
                project.documents[$1].title.lowercased(), project.documents[$1].path
            )
        }
        for i in members {
            let document = project.documents[i]
            rows.append(
                CatalogView.Row(
                    href: linker.url(document: i), title: document.title, id: document.id,
                    state: StateTone.badge(state: project.states[i], findings: project.documentFindings[i]).cssClass,
                    cells: cells(document)))
        }
        let label = kind?.pluralName ?? "Pages"
        let view = CatalogView(
            kind: kind?.rawValue ?? "page", label: label, columns: Self.columns(for: kind), rows: rows)
        let layout = site.layoutContext(
            page: path, title: label, pageType: "catalog", currentKind: kind?.rawValue ?? "page")
        return theme.render("catalog", view: view, layout: layout)
    }
}
