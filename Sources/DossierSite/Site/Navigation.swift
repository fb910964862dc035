import DossierChecks
import DossierCore
import DossierModel

/// The sidebar: documents grouped by kind, with a health dot per document. Large groups link
/// to their catalog instead of listing every entry, so a 10,000-document site does not repeat
/// thousands of links on every page (MkDocs' 14 GB of HTML on the bench corpus).
package struct Navigation: Sendable {
    package static let maxItemsPerGroup = 40

    package struct Item: Sendable {
        package var document: Int
        package var href: String
        package var title: String
        package var state: String
    }

    package struct Group: Sendable {
        package var key: String
        package var label: String
        package var catalogHref: String
        package var items: [Item]
    }

    package let groups: [Group]
    package let siteTitle: String
    /// Documents that are not fresh.
    package let problemCount: Int
    package let theme: Theme
    /// Each group's HTML when it is not the current page's group, by page depth: the same on
    /// every page at that depth, so it is rendered once instead of ten thousand times.
    package let inactiveHTML: [[String]]

    package init(project: LoadedProject, layout: SiteLayout, theme: Theme) {
        var byKind: [String: [Item]] = [:]
        for (index, document) in project.documents.enumerated() where index != layout.homeDocument {
            let key = document.kind?.rawValue ?? "page"
            byKind[key, default: []].append(
                Item(
                    document: index, href: layout.pages[index], title: document.title,
                    state: StateTone.badge(
                        state: project.states[index],
                        findings: project.documentFindings[index]
                    ).cssClass))
        }
        // `nav:` (dossier.yml, or mkdocs.yml's) puts the pages it names first, in its order.
        var navIndex: [Int: Int] = [:]
        let byPath = Dictionary(
            project.documents.enumerated().map { ($1.path, $0) },
            uniquingKeysWith: { first, _ in first })
        for (position, path) in project.config.nav.enumerated() {
            if let document = byPath[path], navIndex[document] == nil { navIndex[document] = position }
        }
        func rank(_ item: Item) -> Int { navIndex[item.document] ?? Int.max }
        var groups: [Group] = []
        for kind in DocumentKind.allCases.sorted() {
            guard let items = byKind[kind.rawValue] else { continue }
            groups.append(
                Group(
                    key: kind.rawValue, label: kind.pluralName, catalogHref: SiteLayout.catalog(kind),
                    items: items.sorted { a, b in
                        (rank(a), a.title.lowercased(), a.href) < (rank(b), b.title.lowercased(), b.href)
                    }))
        }
        if let pages = byKind["page"] {
            groups.insert(
                Group(
                    key: "page", label: "Pages", catalogHref: SiteLayout.pagesCatalog,
                    items: pages.sorted { (rank($0), $0.href) < (rank($1), $1.href) }), at: 0)
        }
        self.groups = groups
        problemCount = project.states.filter { $0 != .fresh }.count
        let readmeTitle = layout.homeDocument.flatMap { project.documents[$0].analysis.firstH1 }
        siteTitle = project.config.title ?? readmeTitle ?? project.root.lastPathComponent
        self.theme = theme
        let deepest = (layout.pages + ["dossier/catalog/x.html"]).map { $0.split(separator: "/").count - 1 }.max() ?? 0
        let built = groups
        inactiveHTML = (0...deepest).map { depth in
            built.map {
                Self.render(
                    $0, root: String(repeating: "../", count: depth), currentDocument: nil, isCurrent: false,
                    theme: theme)
            }
        }
    }

    /// The sidebar's groups for a page at `depth` folders below the root.
    package func html(depth: Int, currentDocument: Int?, currentKind: String?) -> String {
        var out = ""
        for (index, group) in groups.enumerated() {
            if group.key == currentKind || depth >= inactiveHTML.count {
                out += Self.render(
                    group, root: String(repeating: "../", count: depth), currentDocument: currentDocument,
                    isCurrent: group.key == currentKind, theme: theme)
            } else {
                out += inactiveHTML[depth][index]
            }
        }
        return out
    }

    package static func render(
        _ group: Group, root: String, currentDocument: Int?, isCurrent: Bool, theme: Theme
    ) -> String {
        // A large group lists only the current page; its catalog lists the rest.
        var shown = group.items.count <= maxItemsPerGroup ? group.items : []
        if shown.isEmpty, isCurrent, let current = currentDocument,
            let item = group.items.first(where: { $0.document == current })
        {
            shown = [item]
        }
        // Every key is set on every level, false included: Mustache looks a missing key up in
        // the enclosing contexts, so an item without `current` would take its group's.
        let view = NavGroupView(
            root: root, label: group.label, count: group.items.count, catalogHref: group.catalogHref,
            items: shown.map { item in
                NavGroupView.Item(
                    href: item.href, title: item.title, state: item.state,
                    current: item.document == currentDocument)
            },
            current: isCurrent, more: group.items.count > shown.count)
        return theme.library.render(view, withTemplate: "nav") ?? ""
    }
}
