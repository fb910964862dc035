import DossierCore
import DossierModel

/// The home page: the README, then counts by kind, the health summary and the lineage graph.
package struct HomePage {
    package let site: SiteContext

    package func render(theme: Theme) -> String {
        let page = SiteLayout.home
        let project = site.project
        let source = site.layout.homeDocument.map { project.documents[$0].path } ?? "README.md"
        let linker = PageLinker(site: site, page: page, sourcePath: source)
        var context: [String: Any] = ["root": ""]
        if let home = site.layout.homeDocument {
            context["body"] = DocumentPage(site: site, index: home).bodyHTML(linker: linker, dropTitle: false)
        } else {
            context["body"] = "<h1>\(HTML.escape(site.navigation.siteTitle))</h1>"
        }
        var counts: [DocumentKind: Int] = [:]
        var pages = 0
        for (i, document) in project.documents.enumerated() where i != site.layout.homeDocument {
            if let kind = document.kind { counts[kind, default: 0] += 1 } else { pages += 1 }
        }
        var kinds: [[String: Any]] = DocumentKind.allCases.sorted().compactMap { kind in
            guard let count = counts[kind] else { return nil }
            return ["kind": kind.rawValue, "label": kind.pluralName, "count": count, "href": SiteLayout.catalog(kind)]
        }
        if pages > 0 { kinds.append(["kind": "page", "label": "Pages", "count": pages, "href": SiteLayout.pagesCatalog]) }
        context["kinds"] = kinds
        context["states"] = HealthPage.stateCounts(project)
        context["errors"] = project.errorCount
        context["warnings"] = project.warningCount
        if let graph = LineageView.whole(site: site, linker: linker) { context["graph"] = graph }
        let layout = site.layoutContext(page: page, title: "Home", pageType: "home",
                                        description: site.layout.homeDocument.flatMap { project.documents[$0].summary })
        return theme.render("home", context: context, layout: layout)
    }
}
