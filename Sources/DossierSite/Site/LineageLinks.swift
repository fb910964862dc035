import DossierCore

/// The documents of a drawn lineage graph as links grouped by kind, in lineage order (data
/// sources first, models last): what a narrow screen shows instead of a drawing it would have to
/// shrink to unreadable text or scroll sideways, and what a screen reader reads there.
///
/// It lists exactly the nodes drawn (a kind over the limit ends in its "+N more" link), so it is
/// as bounded as the drawing.
package enum LineageLinks {
    package static func html(_ layout: LineageGraph.Layout) -> String {
        let out = MarkupBuffer(capacity: 200 + layout.nodes.count * 120)
        write(layout, into: out)
        return out.string
    }

    /// Appends the list's UTF-8 to `out`: `LineageGraph.html` writes it and the drawing into one
    /// buffer, as bytes, because every page lists its neighbourhood and building it from
    /// interpolated Strings was a fifth of drawing one.
    package static func write(_ layout: LineageGraph.Layout, into out: MarkupBuffer) {
        // The nodes by layer in one pass (`Layer(kind:)` is the inverse of `kind`), not one filter
        // of every node per layer. The current page is the subject of the list, not an entry in it.
        // Nodes are handled by their index in `layout.nodes`: a copy of a `PlacedNode` retains
        // and releases its six strings and its lines.
        let nodes = layout.nodes
        var byLayer = Array(repeating: [Int](), count: LineageGraph.Layer.allCases.count)
        for index in nodes.indices where !nodes[index].isCurrent {
            if let layer = LineageGraph.Layer(kind: nodes[index].kind) { byLayer[layer.rawValue].append(index) }
        }
        var groups: [(layer: LineageGraph.Layer, nodes: [Int])] = []
        for layer in LineageGraph.Layer.allCases {
            let members = byLayer[layer.rawValue]
            guard !members.isEmpty else { continue }
            // Most groups of a neighbourhood hold one document: nothing to sort.
            if members.count == 1 {
                groups.append((layer, members))
                continue
            }
            // Alphabetical by title reads better in a list than the drawing's crossing order.
            // The sort keys are made once per node, not once per comparison (every page lists its
            // neighbourhood). Ids are unique, so the order is total and the same either way.
            var keyed: [(node: Int, title: String, lowered: String)] = []
            keyed.reserveCapacity(members.count)
            var collapsed: [Int] = []
            for index in members {
                if nodes[index].isCollapsed {
                    collapsed.append(index)
                } else {
                    let title = LineageGraph.oneLine(nodes[index].title)
                    keyed.append((index, title, title.lowercased()))
                }
            }
            keyed.sort { a, b in
                a.lowered != b.lowered
                    ? a.lowered < b.lowered : (a.title, nodes[a.node].id) < (b.title, nodes[b.node].id)
            }
            groups.append((layer, keyed.map(\.node) + collapsed))
        }
        guard !groups.isEmpty else { return }
        put("<ul class=\"lineage-links\" aria-label=\"", to: out)
        // Escaping goes byte by byte: the title escaped alone is escaped as it was in the label.
        if let title = layout.currentTitle {
            put("Documents linked to ", to: out)
            putEscaped(LineageGraph.oneLine(title), to: out)
            put(" in the lineage", to: out)
        } else {
            put("Documents in the lineage", to: out)
        }
        put("\">\n", to: out)
        for (layer, members) in groups {
            put("<li class=\"lineage-group\"><span class=\"lineage-kind kind-", to: out)
            out.put(string: layer.kind)
            put("\">", to: out)
            out.put(string: groupNames[layer.rawValue])
            put("</span><ul>", to: out)
            for index in members { item(layout.nodes[index], layer: layer, to: out) }
            put("</ul></li>\n", to: out)
        }
        put("</ul>\n", to: out)
    }

    /// What each group is headed: the kind's plural, capitalized. Made once, not per page.
    private static let groupNames = LineageGraph.Layer.allCases.map { layer in
        layer.plural.prefix(1).uppercased() + layer.plural.dropFirst()
    }

    private static func item(_ node: LineageGraph.PlacedNode, layer: LineageGraph.Layer, to out: MarkupBuffer) {
        if node.isCollapsed { put("<li class=\"more\">", to: out) } else { put("<li>", to: out) }
        if let href = node.href {
            put("<a href=\"", to: out)
            putEscaped(href, to: out)
            put("\">", to: out)
        }
        if node.isCollapsed {
            out.put(node.hiddenCount)
            put(" more ", to: out)
            putEscaped(layer.plural, to: out)
        } else {
            putEscaped(LineageGraph.oneLine(node.title), to: out)
        }
        if node.href != nil { put("</a>", to: out) }
        // Only a state that needs attention is named, as on the drawing's nodes.
        if let state = node.state, state != "fresh" {
            put(" <span class=\"lineage-state state-", to: out)
            out.put(string: state)
            put("\">", to: out)
            out.put(string: state)
            put("</span>", to: out)
        }
        put("</li>", to: out)
    }

    @inline(__always)
    private static func put(_ text: StaticString, to out: MarkupBuffer) {
        out.put(text)
    }

    /// Appends `HTML.escape(text)`'s bytes.
    @inline(__always)
    private static func putEscaped(_ text: String, to out: MarkupBuffer) {
        out.put(escaping: text)
    }
}
