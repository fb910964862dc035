@testable import DossierCore
@testable import DossierSite

// LineageLinks as it was before its sort keys and grouping were made once (commit 1db379e), kept to
// test that the list is the same. Only the type's name is changed.

enum ReferenceLineageLinks {
    static func html(_ layout: LineageGraph.Layout) -> String {
        var groups: [(layer: LineageGraph.Layer, nodes: [LineageGraph.PlacedNode])] = []
        for layer in LineageGraph.Layer.allCases {
            // The current page is the subject of the list, not an entry in it.
            let nodes = layout.nodes.filter { $0.kind == layer.kind && !$0.isCurrent }
            guard !nodes.isEmpty else { continue }
            // Alphabetical by title reads better in a list than the drawing's crossing order.
            let documents = nodes.filter { !$0.isCollapsed }.sorted {
                let (a, b) = (LineageGraph.oneLine($0.title), LineageGraph.oneLine($1.title))
                let (la, lb) = (a.lowercased(), b.lowercased())
                return la != lb ? la < lb : (a, $0.id) < (b, $1.id)
            }
            groups.append((layer, documents + nodes.filter(\.isCollapsed)))
        }
        guard !groups.isEmpty else { return "" }
        let label =
            layout.currentTitle.map { "Documents linked to \(LineageGraph.oneLine($0)) in the lineage" }
            ?? "Documents in the lineage"
        var out = "<ul class=\"lineage-links\" aria-label=\"\(HTML.escape(label))\">\n"
        for (layer, nodes) in groups {
            let name = layer.plural.prefix(1).uppercased() + layer.plural.dropFirst()
            out += "<li class=\"lineage-group\"><span class=\"lineage-kind kind-\(layer.kind)\">\(name)</span><ul>"
            for node in nodes { out += item(node, layer: layer) }
            out += "</ul></li>\n"
        }
        out += "</ul>\n"
        return out
    }

    private static func item(_ node: LineageGraph.PlacedNode, layer: LineageGraph.Layer) -> String {
        let text = node.isCollapsed ? "\(node.hiddenCount) more \(layer.plural)" : LineageGraph.oneLine(node.title)
        var out = node.isCollapsed ? "<li class=\"more\">" : "<li>"
        if let href = node.href {
            out += "<a href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
        } else {
            out += HTML.escape(text)
        }
        // Only a state that needs attention is named, as on the drawing's nodes.
        if let state = node.state, state != "fresh" {
            out += " <span class=\"lineage-state state-\(state)\">\(state)</span>"
        }
        return out + "</li>"
    }
}
