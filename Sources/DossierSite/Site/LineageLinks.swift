import DossierCore

/// The documents of a drawn lineage graph as links grouped by kind, in lineage order (data
/// sources first, models last): what a narrow screen shows instead of a drawing it would have to
/// shrink to unreadable text or scroll sideways, and what a screen reader reads there.
///
/// It lists exactly the nodes drawn (a kind over the limit ends in its "+N more" link), so it is
/// as bounded as the drawing.
package enum LineageLinks {
    package static func html(_ layout: LineageGraph.Layout) -> String {
        // The nodes by layer in one pass (`Layer(kind:)` is the inverse of `kind`), not one filter
        // of every node per layer. The current page is the subject of the list, not an entry in it.
        var byLayer = Array(repeating: [LineageGraph.PlacedNode](), count: LineageGraph.Layer.allCases.count)
        for node in layout.nodes where !node.isCurrent {
            if let layer = LineageGraph.Layer(kind: node.kind) { byLayer[layer.rawValue].append(node) }
        }
        var groups: [(layer: LineageGraph.Layer, nodes: [LineageGraph.PlacedNode])] = []
        for layer in LineageGraph.Layer.allCases {
            let nodes = byLayer[layer.rawValue]
            guard !nodes.isEmpty else { continue }
            // Alphabetical by title reads better in a list than the drawing's crossing order.
            // The sort keys are made once per node, not once per comparison (every page lists its
            // neighbourhood). Ids are unique, so the order is total and the same either way.
            let documents = nodes.filter { !$0.isCollapsed }
                .map { node -> (node: LineageGraph.PlacedNode, title: String, lowered: String) in
                    let title = LineageGraph.oneLine(node.title)
                    return (node, title, title.lowercased())
                }
                .sorted { a, b in
                    a.lowered != b.lowered ? a.lowered < b.lowered : (a.title, a.node.id) < (b.title, b.node.id)
                }
                .map(\.node)
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
