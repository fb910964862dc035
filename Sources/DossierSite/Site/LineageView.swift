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
        let from = project.documents[relation.from]
        let to = project.documents[relation.to]
        guard let fromKind = from.kind, let toKind = to.kind else { return nil }
        return fromKind < toKind
            ? LineageGraph.Edge(from: from.id, to: to.id, role: relation.key)
            : LineageGraph.Edge(from: to.id, to: from.id, role: relation.key)
    }

    package static func collapsedHrefs(linker: PageLinker) -> [String: String] {
        var hrefs: [String: String] = [:]
        for kind in DocumentKind.allCases { hrefs[kind.rawValue] = linker.url(SiteLayout.catalog(kind)) }
        return hrefs
    }

    package static func whole(site: SiteContext, linker: PageLinker) -> String? {
        let svg = graph(site: site, linker: linker).svg(
            highlight: nil, maxNodesPerLayer: 12, collapsedHref: collapsedHrefs(linker: linker))
        return svg.isEmpty ? nil : svg
    }

    /// One document's neighbourhood. Built from its relations only, so ten thousand pages do
    /// not each lay out the whole graph.
    package static func neighbourhood(of index: Int, site: SiteContext, linker: PageLinker) -> String? {
        let project = site.project
        var members: Set<Int> = [index]
        for relation in project.index.outgoing[index] { members.insert(relation.to) }
        for relation in project.index.backlinks[index] { members.insert(relation.from) }
        var nodes: [LineageGraph.Node] = []
        for i in members.sorted() {
            let document = project.documents[i]
            guard let kind = document.kind else { continue }
            nodes.append(
                LineageGraph.Node(
                    id: document.id, kind: kind.rawValue, title: document.title,
                    href: linker.url(document: i), state: project.states[i].rawValue))
        }
        guard nodes.count > 1 else { return nil }
        let edges = (project.index.outgoing[index] + project.index.backlinks[index]).compactMap {
            edge(for: $0, in: project)
        }
        let svg = LineageGraph(nodes: nodes, edges: edges)
            .svg(
                highlight: project.documents[index].id, maxNodesPerLayer: 12,
                collapsedHref: collapsedHrefs(linker: linker))
        return svg.isEmpty ? nil : svg
    }
}
