/// The sidebar: documents grouped by kind, with a health dot per document. Large groups link
/// to their catalog instead of listing every entry, so a 10,000-document site does not repeat
/// thousands of links on every page (MkDocs' 14 GB of HTML on the bench corpus).
public struct Navigation: Sendable {
    public static let maxItemsPerGroup = 40

    struct Item: Sendable {
        var document: Int
        var href: String
        var title: String
        var state: String
    }

    struct Group: Sendable {
        var key: String
        var label: String
        var catalogHref: String
        var items: [Item]
    }

    let groups: [Group]
    public let siteTitle: String
    /// Documents that are not fresh.
    public let problemCount: Int

    init(project: LoadedProject, layout: SiteLayout) {
        var byKind: [String: [Item]] = [:]
        for (index, document) in project.documents.enumerated() where index != layout.homeDocument {
            let key = document.kind?.rawValue ?? "page"
            byKind[key, default: []].append(Item(document: index, href: layout.pages[index], title: document.title,
                                                  state: project.states[index].rawValue))
        }
        var groups: [Group] = []
        for kind in DocumentKind.allCases.sorted() {
            guard let items = byKind[kind.rawValue] else { continue }
            groups.append(Group(key: kind.rawValue, label: kind.pluralName, catalogHref: SiteLayout.catalog(kind),
                                items: items.sorted { ($0.title.lowercased(), $0.href) < ($1.title.lowercased(), $1.href) }))
        }
        if let pages = byKind["page"] {
            groups.insert(Group(key: "page", label: "Pages", catalogHref: SiteLayout.pagesCatalog,
                                items: pages.sorted { $0.href < $1.href }), at: 0)
        }
        self.groups = groups
        problemCount = project.states.filter { $0 != .fresh }.count
        let readmeTitle = layout.homeDocument.flatMap { project.documents[$0].analysis.firstH1 }
        siteTitle = project.config.title ?? readmeTitle ?? project.root.lastPathComponent
    }

    func context(currentDocument: Int?, currentKind: String?) -> [[String: Any]] {
        groups.map { group in
            let isCurrent = group.key == currentKind
            // A large group lists only the current page; its catalog lists the rest.
            var shown = group.items.count <= Self.maxItemsPerGroup ? group.items : []
            if shown.isEmpty, isCurrent, let current = currentDocument,
               let item = group.items.first(where: { $0.document == current }) {
                shown = [item]
            }
            // Every key is set on every level, false included: Mustache looks a missing key up in
            // the enclosing contexts, so an item without `current` would take its group's.
            let items: [[String: Any]] = shown.map { item in
                ["href": item.href, "title": item.title, "state": item.state, "current": item.document == currentDocument]
            }
            return [
                "label": group.label, "count": group.items.count, "catalogHref": group.catalogHref,
                "items": items, "hasItems": !items.isEmpty, "current": isCurrent, "more": group.items.count > shown.count,
            ]
        }
    }
}
