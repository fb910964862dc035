import DossierChecks
import DossierCore
import DossierModel

/// Builds the lineage graph from the documentation graph and draws it for a page.
package enum LineageView {
    /// The graph of every typed document; hrefs are site-relative (made relative per page).
    package static func graph(site: SiteContext, linker: PageLinker) -> LineageGraph {
        let project = site.project
        var nodes: [LineageGraph.Node] = []
        for (i, document) in project.documents.enumerated() {
            guard let kind = document.kind else { continue }
            nodes.append(
                LineageGraph.Node(
                    id: document.id, kind: kind.rawValue, title: document.title,
                    href: linker.url(document: i), state: project.states[i].rawValue))
        }
        let edges = project.index.relations.compactMap { edge(for: $0, in: project) }
        return LineageGraph(nodes: nodes, edges: edges)
    }

    /// The lineage edge of a relation between two typed documents, running upstream to
    /// downstream whichever side wrote the reference; nil for mentions and `related`.
    package static func edge(for relation: Relation, in project: LoadedProject) -> LineageGraph.Edge? {
        guard relation.key != "body", relation.key != "related" else { return nil }
        // Fields are read through the array, not from a copy of each `Document` (a copy retains
        // and releases every one of its stored properties; pages build thousands of edges).
        let documents = project.documents
        guard let fromKind = documents[relation.from].kind, let toKind = documents[relation.to].kind else {
            return nil
        }
        let from = documents[relation.from].id
        let to = documents[relation.to].id
        return fromKind < toKind
            ? LineageGraph.Edge(from: from, to: to, role: relation.key)
            : LineageGraph.Edge(from: to, to: from, role: relation.key)
    }

    package static func collapsedHrefs(linker: PageLinker) -> [String: String] {
        // `linker.url` is the page's root prefix and the path: the prefix is made once, not per kind.
        let root = ProjectPath.rootPrefix(for: linker.page)
        var hrefs: [String: String] = [:]
        hrefs.reserveCapacity(catalogs.count)
        for (kind, catalog) in catalogs { hrefs[kind] = root + catalog }
        return hrefs
    }

    /// Each kind's name and catalog page, made once rather than on every page drawn.
    private static let catalogs: [(kind: String, page: String)] = DocumentKind.allCases.map {
        ($0.rawValue, SiteLayout.catalog($0))
    }

    /// The home page's graph of the whole project, with its list of links.
    package static func whole(site: SiteContext, linker: PageLinker) -> String? {
        let html = graph(site: site, linker: linker).html(
            highlight: nil, maxNodesPerLayer: 12, collapsedHref: collapsedHrefs(linker: linker))
        return html.isEmpty ? nil : html
    }

    /// One document's neighbourhood, with its list of links. Built from its relations only, so
    /// ten thousand pages do not each lay out the whole graph; at most twelve documents of a
    /// kind are drawn (`LineageGraph.html`), whatever the number of neighbours.
    package static func neighbourhood(of index: Int, site: SiteContext, linker: PageLinker) -> String? {
        let graph = neighbourhoodGraph(of: index, project: site.project, titles: site.lineageTitles) {
            linker.url(document: $0)
        }
        guard graph.nodes.count > 1 else { return nil }
        let html = graph.html(
            highlight: site.project.documents[index].id, maxNodesPerLayer: maxNodesPerLayer,
            collapsedHref: collapses(graph) ? collapsedHrefs(linker: linker) : [:])
        return html.isEmpty ? nil : html
    }

    /// Documents of one kind drawn at most on a page's graph; more fold into a "+N more" node.
    static let maxNodesPerLayer = 12

    /// True when some kind has more documents than a page draws: only then is a "+N more" node
    /// drawn, and its link to the kind's catalog needed (made per page, they cost every page).
    static func collapses(_ graph: LineageGraph) -> Bool {
        var counts = Array(repeating: 0, count: LineageGraph.Layer.allCases.count)
        for i in graph.nodes.indices {
            guard let layer = LineageGraph.Layer(kind: graph.nodes[i].kind) else { continue }
            counts[layer.rawValue] += 1
        }
        // `arrange` never draws fewer than two of a kind.
        return counts.contains { $0 > max(2, maxNodesPerLayer) }
    }

    /// The document and the documents its lineage relations join it to. A document it only
    /// mentions in the text or lists as `related` has no lineage edge, so it is not a member:
    /// every node but the document itself has an edge to it. `titles`, when given, wraps each
    /// title once for every page that draws it.
    package static func neighbourhoodGraph(
        of index: Int, project: LoadedProject, titles: LineageTitles? = nil, url: (Int) -> String
    ) -> LineageGraph {
        // The members in a sorted array, not a hashed set: every page gathers its neighbourhood.
        var members = [index]
        var edges: [LineageGraph.Edge] = []
        for relations in [project.index.outgoing[index], project.index.backlinks[index]] {
            for relation in relations {
                guard let edge = edge(for: relation, in: project) else { continue }
                edges.append(edge)
                members.append(relation.from)
                members.append(relation.to)
            }
        }
        members.sort()
        var nodes: [LineageGraph.Node] = []
        nodes.reserveCapacity(members.count)
        let documents = project.documents
        for (position, i) in members.enumerated() where position == 0 || members[position - 1] != i {
            guard let kind = documents[i].kind else { continue }
            nodes.append(
                LineageGraph.Node(
                    id: documents[i].id, kind: kind.rawValue, title: documents[i].title,
                    href: url(i), state: project.states[i].rawValue,
                    titleLines: titles?.lines(of: i) { documents[i].title }))
        }
        return LineageGraph(nodes: nodes, edges: edges)
    }
}
