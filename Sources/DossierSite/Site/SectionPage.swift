import DossierCore
import DossierModel

/// The listing of one navigation section (a folder, or a `nav:` section): every entry, where
/// the sidebar shows at most `Navigation.maxEntriesPerLevel` and links here for the rest. Each
/// entry is on one section's page, so all these pages together grow with the document count.
package struct SectionPage {
    package let site: SiteContext
    package let section: Int

    package var path: String { NavTree.listingPage(section) }

    package func render(theme: Theme) -> String {
        let tree = site.navigation.tree
        let linker = PageLinker(site: site, page: path, sourcePath: "")
        var rows: [CatalogView.Row] = []
        if let index = tree.sections[section].indexDocument { rows.append(row(index, title: nil, linker: linker)) }
        for entry in tree.sections[section].entries {
            if let child = entry.section, tree.sections[child].entries.isEmpty,
                let index = tree.sections[child].indexDocument
            {
                rows.append(row(index, title: entry.title, linker: linker))
            } else if let child = entry.section {
                let folder = tree.sections[child].folder.map { $0 + "/" } ?? ""
                rows.append(
                    CatalogView.Row(
                        href: linker.url(tree.link(of: child, pages: site.layout.pages)), title: entry.title,
                        id: folder, state: "folder",
                        cells: ["Folder", "\(tree.sections[child].documentCount) documents"]))
            } else if let document = entry.document {
                rows.append(row(document, title: entry.title, linker: linker))
            }
        }
        let label = section == 0 ? "All documents" : tree.sections[section].label
        let view = CatalogView(kind: "section", label: label, columns: ["Kind", "Path"], rows: rows, total: rows.count)
        let layout = site.layoutContext(page: path, title: label, pageType: "catalog", currentSection: section)
        return theme.render("catalog", view: view, layout: layout)
    }

    private func row(_ document: Int, title: String?, linker: PageLinker) -> CatalogView.Row {
        let project = site.project
        let doc = project.documents[document]
        return CatalogView.Row(
            href: linker.url(document: document), title: title ?? doc.title, id: doc.id,
            state: StateTone.badge(state: project.states[document], findings: project.documentFindings[document])
                .cssClass,
            cells: [doc.kind?.displayName ?? "Page", doc.path])
    }
}
