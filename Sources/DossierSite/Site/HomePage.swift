import DossierCore
import DossierModel

/// The home page: the README, then counts by kind, the health summary and the lineage graph.
package struct HomePage {
    /// Model checklists shown in full; past that a line counts the rest (each model's page has its
    /// own), so 6,000 models do not make a 15 MB home page.
    package static let maxChecklists = 12

    package let site: SiteContext

    /// "N more models, R of all M ready: see the Models catalog", or nothing.
    func moreChecklists(linker: PageLinker) -> String {
        let all = site.project.readiness
        guard all.count > Self.maxChecklists else { return "" }
        let ready = all.filter(\.isReady).count
        let href = HTML.escape(linker.url(SiteLayout.catalog(.model)))
        return "<p class=\"readiness-more\">\(all.count - Self.maxChecklists) more models; \(ready) of all "
            + "\(all.count) are ready. Each model's page has its checklist: see the "
            + "<a href=\"\(href)\">Models catalog</a>.</p>\n"
    }

    package func render(theme: Theme) -> String {
        let page = SiteLayout.home
        let project = site.project
        let source = site.layout.homeDocument.map { project.documents[$0].path } ?? "README.md"
        let linker = PageLinker(site: site, page: page, sourcePath: source)
        let body =
            site.layout.homeDocument.map {
                DocumentPage(site: site, index: $0).bodyHTML(linker: linker, dropTitle: false)
            } ?? "<h1>\(HTML.escape(site.navigation.siteTitle))</h1>"
        var counts: [DocumentKind: Int] = [:]
        var pages = 0
        for (i, document) in project.documents.enumerated() where i != site.layout.homeDocument {
            if let kind = document.kind { counts[kind, default: 0] += 1 } else { pages += 1 }
        }
        var kinds: [HomeView.KindCard] = DocumentKind.allCases.sorted().compactMap { kind in
            counts[kind].map {
                HomeView.KindCard(
                    kind: kind.rawValue, label: kind.pluralName, count: $0, href: SiteLayout.catalog(kind))
            }
        }
        if pages > 0 {
            kinds.append(HomeView.KindCard(kind: "page", label: "Pages", count: pages, href: SiteLayout.pagesCatalog))
        }
        var view = HomeView(
            root: "", body: body, kinds: kinds, states: HealthPage.stateCounts(project),
            errors: project.errorCount, warnings: project.warningCount,
            graph: LineageView.whole(site: site, linker: linker))
        view.notices = HealthPage.notices(project)
        let readinessView = ReadinessView(site: site, linker: linker)
        let checklists = project.readiness.prefix(Self.maxChecklists).map {
            readinessView.html($0, headingLevel: 3, titled: true)
        }
        view.readiness = checklists.isEmpty ? nil : checklists.joined() + moreChecklists(linker: linker)
        view.repository =
            RepositoryPage.coverageHTML(project.repository, linker: linker)
            ?? "<a href=\"\(linker.url(RepositoryPage.path))\">Repository</a>: what each folder and file is."
        let layout = site.layoutContext(
            page: page, title: "Home", pageType: "home",
            description: site.layout.homeDocument.flatMap { project.documents[$0].summary })
        return theme.render("home", view: view, layout: layout)
    }
}
