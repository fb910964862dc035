@testable import DossierSite

/// `LineageGraph.arrange` as it was before its rewrite over flat arrays and bit sets (dictionaries
/// and sets of pairs, hashed, per page): the reference the tests hold the rewrite to.
extension LineageGraph {
    /// One node that will be drawn, before it has a place.
    fileprivate struct ReferenceVisible {
        /// Index into the drawable documents; nil for a collapsed node.
        var document: Int?
        var layer: Layer
        var hiddenCount: Int
    }

    fileprivate struct ReferencePair: Hashable {
        var a: Int
        var b: Int
    }

    func referenceArrange(maxNodesPerLayer: Int, highlight: String?, collapsedHref: [String: String]) -> Layout {
        // Fewer than two would leave no room for the current node beside the "+N more" node.
        let limit = max(2, maxNodesPerLayer)

        // Lineage documents and the links between them. `nodes` and `edges` are sorted, so every
        // array built here comes out in the same order whatever order the caller used.
        // Each drawable document by its index in `nodes` (a copy of a `Node` retains five strings).
        var documents: [(node: Int, layer: Layer)] = []
        var indexOf: [String: Int] = [:]
        for index in nodes.indices {
            guard let layer = Layer(kind: nodes[index].kind) else { continue }
            indexOf[nodes[index].id] = documents.count
            documents.append((index, layer))
        }
        var links: [ReferencePair] = []
        var degree = Array(repeating: 0, count: documents.count)
        var seenNeighbours = Set<ReferencePair>()
        for number in edges.indices {
            guard let a = indexOf[edges[number].from], let b = indexOf[edges[number].to], a != b else { continue }
            // `edges` are sorted by their ends (ids are unique): the edges of one pair of
            // documents (several roles) are consecutive, so only the last link can repeat it.
            if links.last != ReferencePair(a: a, b: b) { links.append(ReferencePair(a: a, b: b)) }
            if seenNeighbours.insert(ReferencePair(a: min(a, b), b: max(a, b))).inserted {
                degree[a] += 1
                degree[b] += 1
            }
        }
        let current = highlight.flatMap { indexOf[$0] }

        // Choose what is shown. Over the limit, the best-connected documents stay, since they
        // explain the most of the lineage; the rest fold into one node per kind.
        var visible: [ReferenceVisible] = []
        var visibleOf = Array(repeating: -1, count: documents.count)
        var members = Array(repeating: [Int](), count: Layer.allCases.count)
        for index in documents.indices { members[documents[index].layer.rawValue].append(index) }
        for layer in Layer.allCases {
            var shown = members[layer.rawValue]
            var hidden: [Int] = []
            if shown.count > limit {
                let ranked = shown.sorted {
                    degree[$0] != degree[$1]
                        ? degree[$0] > degree[$1] : nodes[documents[$0].node].id < nodes[documents[$1].node].id
                }
                shown = Array(ranked.prefix(limit - 1))
                if let current, documents[current].layer == layer, !shown.contains(current) {
                    shown[shown.count - 1] = current
                }
                let kept = Set(shown)
                hidden = ranked.filter { !kept.contains($0) }
                shown.sort { nodes[documents[$0].node].id < nodes[documents[$1].node].id }
            }
            for index in shown {
                visibleOf[index] = visible.count
                visible.append(ReferenceVisible(document: index, layer: layer, hiddenCount: 0))
            }
            if !hidden.isEmpty {
                for index in hidden { visibleOf[index] = visible.count }
                visible.append(ReferenceVisible(document: nil, layer: layer, hiddenCount: hidden.count))
            }
        }
        guard !visible.isEmpty else {
            return Layout(nodes: [], edges: [], legend: [], width: 0, height: 0, documentCount: 0, linkCount: 0)
        }

        // Links between shown nodes; those of hidden documents now end at their kind's "+N more".
        var shownLinks: [ReferencePair] = []
        var seenShown = Set<ReferencePair>()
        for link in links {
            let pair = ReferencePair(a: visibleOf[link.a], b: visibleOf[link.b])
            if pair.a != pair.b, seenShown.insert(pair).inserted { shownLinks.append(pair) }
        }
        var neighbours = Array(repeating: [Int](), count: visible.count)
        var seenAdjacent = Set<ReferencePair>()
        for link in shownLinks
        where seenAdjacent.insert(ReferencePair(a: min(link.a, link.b), b: max(link.a, link.b))).inserted {
            neighbours[link.a].append(link.b)
            neighbours[link.b].append(link.a)
        }

        // Squeeze out empty columns so a model's neighbourhood does not start with blank space.
        let usedColumns = Set(visible.map(\.layer.column)).sorted()
        var columnIndex = Array(repeating: 0, count: 5)
        for (index, column) in usedColumns.enumerated() { columnIndex[column] = index }
        func left(_ layer: Layer) -> Int {
            Metrics.padding + columnIndex[layer.column] * (Metrics.nodeWidth + Metrics.columnGap)
        }

        // Rows: every layer's nodes in one vertical stack; main columns are centred on the tallest,
        // attachments stack from the top of their band. A collapsed node always comes last.
        var order = Array(repeating: [Int](), count: Layer.allCases.count)
        var collapsed = Array(repeating: Int?.none, count: Layer.allCases.count)
        for (index, node) in visible.enumerated() {
            if node.document == nil {
                collapsed[node.layer.rawValue] = index
            } else {
                order[node.layer.rawValue].append(index)
            }
        }
        func count(_ layer: Layer) -> Int { order[layer.rawValue].count + (collapsed[layer.rawValue] == nil ? 0 : 1) }
        let mainRows = Layer.allCases.filter { !$0.isAttachment }.map(count).max() ?? 0
        // Every node is as tall as the longest wrapped title needs, so rows stay aligned across columns.
        var titleLines = Array(repeating: [String](), count: visible.count)
        for (index, node) in visible.enumerated() {
            guard let document = node.document else {
                titleLines[index] = ["+\(node.hiddenCount) more"]
                continue
            }
            let title = nodes[documents[document].node].title
            titleLines[index] = Self.wrapped(title, maxUnits: Metrics.titleUnits, maxLines: Metrics.maxTitleLines)
        }
        let nodeHeight = Metrics.nodeHeight(lines: titleLines.map(\.count).max() ?? 1)
        let rowPitch = nodeHeight + Metrics.rowGap
        let mainHeight = mainRows == 0 ? 0 : mainRows * rowPitch - Metrics.rowGap
        let bandTop = Metrics.padding + (mainRows == 0 ? 0 : mainHeight + Metrics.bandGap)
        func top(_ layer: Layer, row: Int) -> Int {
            if layer.isAttachment { return bandTop + row * rowPitch }
            return Metrics.padding + (mainRows - count(layer)) * rowPitch / 2 + row * rowPitch
        }

        var row = Array(repeating: 0, count: visible.count)
        func placeRows(_ layer: Layer) {
            for (position, index) in order[layer.rawValue].enumerated() { row[index] = position }
            if let index = collapsed[layer.rawValue] { row[index] = order[layer.rawValue].count }
        }
        Layer.allCases.forEach(placeRows)
        func centreY(_ index: Int) -> Int { top(visible[index].layer, row: row[index]) + nodeHeight / 2 }
        func centreX(_ index: Int) -> Int { left(visible[index].layer) + Metrics.nodeWidth / 2 }
        func sortID(_ index: Int) -> String { visible[index].document.map { nodes[documents[$0].node].id } ?? "" }

        // Crossing reduction: barycenter sweeps forward and backward over the layers, keeping the
        // order with the fewest crossings of straight centre-to-centre segments. All arithmetic is
        // on integers and every tie falls to the id, so the result is the same on every run.
        func crossings() -> Int {
            let segments = shownLinks.map { link in
                (link, centreX(link.a), centreY(link.a), centreX(link.b), centreY(link.b))
            }
            var total = 0
            for i in segments.indices {
                let (p, ax, ay, bx, by) = segments[i]
                for j in segments.index(after: i)..<segments.endIndex {
                    let (q, cx, cy, dx, dy) = segments[j]
                    if p.a == q.a || p.a == q.b || p.b == q.a || p.b == q.b { continue }
                    let d1 = Self.referenceOrientation(ax, ay, bx, by, cx, cy),
                        d2 = Self.referenceOrientation(ax, ay, bx, by, dx, dy)
                    let d3 = Self.referenceOrientation(cx, cy, dx, dy, ax, ay),
                        d4 = Self.referenceOrientation(cx, cy, dx, dy, bx, by)
                    if d1 * d2 < 0 && d3 * d4 < 0 { total += 1 }
                }
            }
            return total
        }
        func reorder(_ layer: Layer, towards isFixed: (Layer) -> Bool) {
            // Barycenter as an exact fraction (sum of neighbour centres / count); a node with no
            // fixed neighbour keeps its own centre so it stays roughly where it was.
            var key: [Int: (sum: Int, count: Int)] = [:]
            for index in order[layer.rawValue] {
                var sum = 0, n = 0
                for other in neighbours[index] where isFixed(visible[other].layer) {
                    sum += centreY(other)
                    n += 1
                }
                key[index] = n == 0 ? (centreY(index), 1) : (sum, n)
            }
            order[layer.rawValue].sort { a, b in
                let ka = key[a]!, kb = key[b]!
                let lhs = ka.sum * kb.count, rhs = kb.sum * ka.count
                return lhs != rhs ? lhs < rhs : sortID(a) < sortID(b)
            }
            placeRows(layer)
        }
        // Counting is quadratic in links: far past the default limit (thousands of links) the
        // sweeps run unmeasured and the last order stands.
        let measured = shownLinks.count <= 1500
        var best = order
        var fewest = measured ? crossings() : Int.max
        for _ in 0..<4 where fewest > 0 {
            for layer in Layer.allCases {
                reorder(layer) { $0.rawValue < layer.rawValue }
            }
            let forward = measured ? crossings() : Int.max
            if forward < fewest || !measured { (best, fewest) = (order, forward) }
            for layer in Layer.allCases.reversed() {
                reorder(layer) { $0.rawValue > layer.rawValue }
            }
            let backward = measured ? crossings() : Int.max
            if backward < fewest || !measured { (best, fewest) = (order, backward) }
        }
        order = best
        Layer.allCases.forEach(placeRows)

        // Final nodes, in drawing order.
        var placed: [PlacedNode] = []
        var drawIndex = Array(repeating: 0, count: visible.count)
        for layer in Layer.allCases {
            for index in order[layer.rawValue] + (collapsed[layer.rawValue].map { [$0] } ?? []) {
                drawIndex[index] = placed.count
                let x = left(layer), y = top(layer, row: row[index])
                if let document = visible[index].document {
                    let node = nodes[documents[document].node]
                    placed.append(
                        PlacedNode(
                            id: node.id, kind: layer.kind, title: node.title, href: Self.safeHref(node.href),
                            state: Self.normalizedState(node.state), titleLines: titleLines[index], hiddenCount: 0,
                            isCurrent: document == current, x: x, y: y, width: Metrics.nodeWidth, height: nodeHeight
                        ))
                } else {
                    let hidden = visible[index].hiddenCount
                    placed.append(
                        PlacedNode(
                            id: "+more:" + layer.kind, kind: layer.kind, title: "\(hidden) more \(layer.plural)",
                            href: collapsedHref[layer.kind].flatMap(Self.safeHref), state: nil,
                            titleLines: titleLines[index], hiddenCount: hidden, isCurrent: false, x: x, y: y,
                            width: Metrics.nodeWidth, height: nodeHeight
                        ))
                }
            }
        }

        let placedEdges = Self.referenceRoute(
            shownLinks.map { ReferencePair(a: drawIndex[$0.a], b: drawIndex[$0.b]) }, between: placed)

        // Size: the nodes' extent, room for curves that bow out of the last column, then the legend.
        let right = placed.map { $0.x + $0.width }.max() ?? 0
        let needsBowRoom = placedEdges.contains { $0.bows && $0.start.x == right }
        let width = right + (needsBowRoom ? Metrics.bowRoom : Metrics.padding)
        let legend = Self.referenceLegend(for: placed, below: placed.map { $0.y + $0.height }.max() ?? 0, width: width)
        let height = (legend.last?.y ?? 0) + Metrics.swatch + Metrics.padding

        return Layout(
            nodes: placed, edges: placedEdges, legend: legend, width: width, height: height,
            documentCount: documents.count, linkCount: links.count,
            currentTitle: current.map { nodes[documents[$0].node].title }
        )
    }

    /// Curves for `links` (indices into `placed`), sorted by their ends.
    fileprivate static func referenceRoute(_ links: [ReferencePair], between placed: [PlacedNode]) -> [PlacedEdge] {
        // Edges leave and enter on the sides that face each other. Where several meet one side,
        // their ends spread down that side in the order of the nodes at their other ends, so
        // arrows do not pile onto one point and do not cross right at the node.
        let edgesDrawn = links.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
        struct End { var edge: Int; var isStart: Bool; var otherY: Int; var other: Int }
        var ends = Array(repeating: (left: [End](), right: [End]()), count: placed.count)
        var bows = Array(repeating: false, count: edgesDrawn.count)
        for (number, edge) in edgesDrawn.enumerated() {
            let a = placed[edge.a], b = placed[edge.b]
            // Rightward: out of the right side, into the left; leftward: the mirror image;
            // within one column: right side to right side.
            let start = End(edge: number, isStart: true, otherY: b.y, other: edge.b)
            let end = End(edge: number, isStart: false, otherY: a.y, other: edge.a)
            if a.x > b.x { ends[edge.a].left.append(start) } else { ends[edge.a].right.append(start) }
            if a.x < b.x { ends[edge.b].left.append(end) } else { ends[edge.b].right.append(end) }
            bows[number] = a.x == b.x
        }
        var starts = Array(repeating: Point(x: 0, y: 0), count: edgesDrawn.count)
        var finishes = starts
        for (index, node) in placed.enumerated() {
            for (x, list) in [(node.x, ends[index].left), (node.x + node.width, ends[index].right)] {
                let sorted = list.sorted { ($0.otherY, $0.other, $0.edge) < ($1.otherY, $1.other, $1.edge) }
                for (position, end) in sorted.enumerated() {
                    let point = Point(x: x, y: node.y + node.height * (position + 1) / (sorted.count + 1))
                    if end.isStart { starts[end.edge] = point } else { finishes[end.edge] = point }
                }
            }
        }
        return edgesDrawn.enumerated().map { number, edge in
            PlacedEdge(
                from: edge.a, to: edge.b, start: starts[number], end: finishes[number], bows: bows[number],
                touchesCurrent: placed[edge.a].isCurrent || placed[edge.b].isCurrent
            )
        }
    }

    /// The legend: one swatch per kind drawn, in column order, wrapped to `width`.
    fileprivate static func referenceLegend(for placed: [PlacedNode], below bottom: Int, width: Int) -> [LegendItem] {
        var items: [LegendItem] = []
        let present = Set(placed.map(\.kind))
        var cursor = (x: Metrics.padding, y: bottom + Metrics.legendGap)
        for layer in Layer.allCases where present.contains(layer.kind) {
            let itemWidth = legendItemWidth(layer.label)
            if cursor.x > Metrics.padding && cursor.x + itemWidth > width - Metrics.padding {
                cursor = (Metrics.padding, cursor.y + Metrics.legendRowHeight)
            }
            items.append(LegendItem(kind: layer.kind, label: layer.label, x: cursor.x, y: cursor.y))
            cursor.x += itemWidth
        }
        return items
    }

    /// The sign of the turn from segment (a→b) to point c.
    fileprivate static func referenceOrientation(
        _ ax: Int, _ ay: Int, _ bx: Int, _ by: Int, _ cx: Int, _ cy: Int
    ) -> Int {
        let cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        return cross > 0 ? 1 : cross < 0 ? -1 : 0
    }
}
