import DossierCore
import Foundation

/// The lineage of a project's documents — data sources through models — laid out at build time and
/// drawn as one self-contained inline SVG.
///
/// Columns run left to right: data sources, schemas, labeling, experiments, models. Environments
/// and pseudocode are attachments of experiments and models, so they sit in a lower band under the
/// experiment and model columns, next to what uses them. Plain pages and unknown kinds are not
/// lineage: they may be in the graph (for `neighbourhood`) but are never drawn.
package struct LineageGraph: Sendable {
    /// One document.
    package struct Node: Sendable, Hashable {
        package var id: String
        /// `data-source`, `schema`, `labeling`, `experiment`, `model`, `environment`, `pseudocode`, or `page`.
        package var kind: String
        package var title: String
        /// Link to the document's page, relative to the page the SVG is embedded in.
        package var href: String
        /// `fresh`, `stale`, `broken`, `drift` or `unknown`; anything else is drawn as `unknown`.
        package var state: String
        /// The title as a node shows it (`LineageGraph.wrapped`), when the caller has it already;
        /// nil to wrap it when the node is drawn.
        package var titleLines: [String]?

        package init(
            id: String, kind: String, title: String, href: String, state: String = "unknown",
            titleLines: [String]? = nil
        ) {
            self.id = id
            self.kind = kind
            self.title = title
            self.href = href
            self.state = state
            self.titleLines = titleLines
        }
    }

    /// One reference between documents, drawn as an arrow from `from` to `to`.
    package struct Edge: Sendable, Hashable {
        package var from: String
        package var to: String
        /// The front-matter key or link kind that made the reference (`schemas`, `source`, …).
        package var role: String

        package init(from: String, to: String, role: String = "") {
            self.from = from
            self.to = to
            self.role = role
        }
    }

    /// The nodes, sorted by id, one per id.
    package let nodes: [Node]
    /// The edges, sorted, without duplicates.
    package let edges: [Edge]

    /// Sorts and deduplicates the input so that everything derived from it is independent of the
    /// order it came in. Of several nodes with one id (a duplicate-id error elsewhere), the first
    /// in field order is kept, for the same reason.
    package init(nodes: [Node], edges: [Edge]) {
        // Sorted, then the first of each id kept: that is the one `precedes` puts first (two nodes
        // neither precedes are equal in every field, so which is kept makes no difference).
        // Sorting and dropping neighbours hashes no string (every page makes a graph).
        var sortedNodes = nodes
        sortedNodes.sort { $0.id != $1.id ? $0.id < $1.id : Self.precedes($0, $1) }
        var uniqueNodes: [Node] = []
        uniqueNodes.reserveCapacity(sortedNodes.count)
        for i in sortedNodes.indices where i == 0 || sortedNodes[i].id != sortedNodes[i - 1].id {
            uniqueNodes.append(sortedNodes[i])
        }
        self.nodes = uniqueNodes
        // The order covers every field, so equal edges end up side by side.
        var sortedEdges = edges
        sortedEdges.sort { ($0.from, $0.to, $0.role) < ($1.from, $1.to, $1.role) }
        var uniqueEdges: [Edge] = []
        uniqueEdges.reserveCapacity(sortedEdges.count)
        for i in sortedEdges.indices where i == 0 || sortedEdges[i] != sortedEdges[i - 1] {
            uniqueEdges.append(sortedEdges[i])
        }
        self.edges = uniqueEdges
    }

    private static func precedes(_ a: Node, _ b: Node) -> Bool {
        (a.kind, a.title, a.href, a.state) < (b.kind, b.title, b.href, b.state)
    }

    /// The subgraph within `radius` hops of `id` (edges either direction).
    ///
    /// It holds every node reached and every edge between two of them; it is empty when `id` is
    /// not a node. Edges to ids that are not nodes are not followed.
    package func neighbourhood(of id: String, radius: Int = 1) -> LineageGraph {
        // Made here, not with the graph: a page draws a graph of its own relations and never
        // asks for a neighbourhood (keeping these cost every page a dictionary and an array each).
        var nodeIndex: [String: Int] = [:]
        nodeIndex.reserveCapacity(nodes.count)
        for index in nodes.indices { nodeIndex[nodes[index].id] = index }
        guard let start = nodeIndex[id] else { return LineageGraph(nodes: [], edges: []) }
        // Per node, the edges (indices into `edges`) that join it to another node, with that node.
        var incident = Array(repeating: [(edge: Int, other: Int)](), count: nodes.count)
        for number in edges.indices {
            // An edge to an id that is no node (a dangling reference) leads nowhere.
            guard let a = nodeIndex[edges[number].from], let b = nodeIndex[edges[number].to], a != b else { continue }
            incident[a].append((number, b))
            incident[b].append((number, a))
        }
        var reached: Set<Int> = [start]
        var frontier = [start]
        for _ in 0..<max(0, radius) where !frontier.isEmpty {
            var next: [Int] = []
            for index in frontier {
                for (_, other) in incident[index] where reached.insert(other).inserted {
                    next.append(other)
                }
            }
            frontier = next
        }
        var kept = Set<Int>()
        for index in reached {
            for (edge, other) in incident[index] where reached.contains(other) { kept.insert(edge) }
        }
        // Indices sorted are ids sorted: the result does not depend on the sets' order.
        return LineageGraph(nodes: reached.sorted().map { nodes[$0] }, edges: kept.sorted().map { edges[$0] })
    }

    /// Inline SVG (no external resources, no scripts). `highlight` marks the current page's node.
    ///
    /// A kind with more than `maxNodesPerLayer` documents shows its best-connected ones and one
    /// "+N more" node for the rest, linked to `collapsedHref[kind]` when given (a catalog page).
    /// The highlighted node is always shown. Returns an empty string when no node is lineage.
    package func svg(
        highlight: String? = nil,
        maxNodesPerLayer: Int = 12,
        collapsedHref: [String: String] = [:]
    ) -> String {
        let layout = arrange(maxNodesPerLayer: maxNodesPerLayer, highlight: highlight, collapsedHref: collapsedHref)
        guard !layout.nodes.isEmpty else { return "" }
        return LineageSVGWriter.render(layout)
    }

    /// What a page shows: the drawn documents as a list of links by kind (`LineageLinks`), for
    /// narrow screens, then the drawing in a box that scrolls when it is wider than the page, for
    /// wide ones. Empty when no node is lineage, or when the highlighted node would be drawn alone.
    package func html(
        highlight: String? = nil,
        maxNodesPerLayer: Int = 12,
        collapsedHref: [String: String] = [:]
    ) -> String {
        let layout = arrange(maxNodesPerLayer: maxNodesPerLayer, highlight: highlight, collapsedHref: collapsedHref)
        guard !layout.nodes.isEmpty, highlight == nil || layout.nodes.count > 1 else { return "" }
        // The theme shows one of the two: the list on a narrow screen, the drawing on a wide one.
        // Both are written into one byte buffer, made a String once: every page draws this.
        var writer = LineageSVGWriter(capacity: LineageSVGWriter.capacity(for: layout, list: true))
        LineageLinks.write(layout, into: writer.out)
        writer.put("<div class=\"graph\">")
        writer.write(layout)
        writer.put("</div>\n")
        return writer.out.string
    }

    /// Where every drawn node goes; for tests and for callers that want to check geometry.
    package func layout(maxNodesPerLayer: Int = 12, highlight: String? = nil) -> [PlacedNode] {
        arrange(maxNodesPerLayer: maxNodesPerLayer, highlight: highlight, collapsedHref: [:]).nodes
    }
}

// MARK: - Layers

extension LineageGraph {
    /// The kinds that are drawn. The case order is the order crossing reduction sweeps them:
    /// each attachment comes right after the column whose nodes use it most.
    package enum Layer: Int, CaseIterable, Sendable {
        case dataSource, schema, labeling, experiment, environment, model, pseudocode

        init?(kind: String) {
            switch kind {
            case "data-source": self = .dataSource
            case "schema": self = .schema
            case "labeling": self = .labeling
            case "experiment": self = .experiment
            case "environment": self = .environment
            case "model": self = .model
            case "pseudocode": self = .pseudocode
            default: return nil
            }
        }

        package var kind: String {
            switch self {
            case .dataSource: "data-source"
            case .schema: "schema"
            case .labeling: "labeling"
            case .experiment: "experiment"
            case .environment: "environment"
            case .model: "model"
            case .pseudocode: "pseudocode"
            }
        }

        /// Column in the left-to-right flow, before empty columns are squeezed out.
        package var column: Int {
            switch self {
            case .dataSource: 0
            case .schema: 1
            case .labeling: 2
            case .experiment, .environment: 3
            case .model, .pseudocode: 4
            }
        }

        /// Attachments go in a band under the main flow so they never push the lineage apart.
        package var isAttachment: Bool { self == .environment || self == .pseudocode }

        /// What a reader calls one of these.
        package var label: String { self == .dataSource ? "data source" : kind }

        /// What a reader calls several, for the "+N more" node.
        package var plural: String {
            switch self {
            case .dataSource: "data sources"
            case .labeling: "labeling docs"
            case .pseudocode: "pseudocode docs"
            default: kind + "s"
            }
        }
    }
}

// MARK: - Layout

extension LineageGraph {
    /// A drawn node: a document, or the stand-in for a kind's documents that did not fit.
    package struct PlacedNode: Sendable, Hashable {
        /// The document's id; `+more:KIND` for a collapsed node.
        package var id: String
        package var kind: String
        package var title: String
        /// Safe to emit; nil when the node is not a link.
        package var href: String?
        /// Normalized health state; nil for a collapsed node.
        package var state: String?
        /// The title as drawn: wrapped to the node's width, at most `Metrics.maxTitleLines` lines.
        package var titleLines: [String]
        /// How many documents a collapsed node stands for; 0 for a document.
        package var hiddenCount: Int
        package var isCurrent: Bool
        package var x: Int
        package var y: Int
        package var width: Int
        package var height: Int

        package var isCollapsed: Bool { hiddenCount > 0 }
    }

    package struct Point: Sendable, Hashable {
        package var x: Int
        package var y: Int
    }

    package struct PlacedEdge: Sendable, Hashable {
        /// Indices into `Layout.nodes`.
        package var from: Int
        package var to: Int
        package var start: Point
        package var end: Point
        /// Both ends on one side of one column: the curve bows out into the gap to the right.
        package var bows: Bool
        package var touchesCurrent: Bool
    }

    package struct LegendItem: Sendable, Hashable {
        package var kind: String
        package var label: String
        package var x: Int
        package var y: Int
    }

    package struct Layout: Sendable {
        /// In drawing order: by layer, then top to bottom.
        package var nodes: [PlacedNode]
        /// Sorted by (from, to).
        package var edges: [PlacedEdge]
        package var legend: [LegendItem]
        package var width: Int
        package var height: Int
        /// Lineage documents and links before collapsing, for the accessible label.
        package var documentCount: Int
        package var linkCount: Int
        package var currentTitle: String?
    }

    /// Geometry, in SVG user units (CSS pixels at scale 1).
    package enum Metrics {
        package static let nodeWidth = 152
        /// A node with a one-line title; each further title line adds `titleLineHeight`.
        package static let nodeHeight = 40
        package static let columnGap = 48
        package static let rowGap = 14
        package static let rowPitch = nodeHeight + rowGap
        /// Between the main flow and the band of attachments under it.
        package static let bandGap = 40
        package static let padding = 16
        /// Room right of the last column for curves that leave and re-enter it.
        package static let bowRoom = 44
        package static let legendGap = 24
        package static let legendRowHeight = 20
        package static let swatch = 12
        /// Approximate advance of one narrow character at the 12px title size; used to truncate.
        package static let charWidth = 7
        package static let textInset = 10
        package static let titleUnits = (nodeWidth - 2 * textInset) / charWidth
        /// Titles wrap onto up to this many lines; only a longer one is cut (the full title is in
        /// the node's `<title>` and in the list of links beside the graph).
        package static let maxTitleLines = 3
        package static let titleLineHeight = 15

        /// The height of a node whose title takes `lines` lines.
        package static func nodeHeight(lines: Int) -> Int { nodeHeight + (max(1, lines) - 1) * titleLineHeight }
    }

    /// One node that will be drawn, before it has a place.
    private struct Visible {
        /// Index into the drawable documents; nil for a collapsed node.
        package var document: Int?
        package var layer: Layer
        package var hiddenCount: Int
    }

    private struct Pair: Hashable {
        package var a: Int
        package var b: Int
    }

    /// Pairs of indices below `count` already seen: bits when there are few (every page's
    /// neighbourhood, where hashing each pair was a tenth of laying it out), a hashed set
    /// otherwise (the home page's whole graph).
    private struct PairSet {
        private let count: Int
        private var bits: [UInt64] = []
        private var hashed: Set<Pair> = []

        init(count: Int) {
            self.count = count
            if count <= 64 { bits = Array(repeating: 0, count: count) }
        }

        /// Adds (a, b); false when it was already there.
        mutating func insert(_ a: Int, _ b: Int) -> Bool {
            guard count <= 64 else { return hashed.insert(Pair(a: a, b: b)).inserted }
            let mask: UInt64 = 1 << UInt64(b)
            if bits[a] & mask != 0 { return false }
            bits[a] |= mask
            return true
        }
    }

    /// The index in `nodes` of the node with `id`: `nodes` are sorted by id and unique, so a
    /// binary search finds what a dictionary of every id (made per page) found.
    private func nodeIndex(of id: String) -> Int? {
        var low = 0
        var high = nodes.count
        while low < high {
            let middle = (low + high) / 2
            if nodes[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < nodes.count && nodes[low].id == id ? low : nil
    }

    package func arrange(maxNodesPerLayer: Int, highlight: String?, collapsedHref: [String: String]) -> Layout {
        // Fewer than two would leave no room for the current node beside the "+N more" node.
        let limit = max(2, maxNodesPerLayer)
        let layerCount = Layer.allCases.count

        // Lineage documents and the links between them. `nodes` and `edges` are sorted, so every
        // array built here comes out in the same order whatever order the caller used.
        // Each drawable document by its index in `nodes` (a copy of a `Node` retains five strings).
        // Every page lays out its neighbourhood: the arrays here are flat and indexed, not
        // dictionaries and sets of hashed keys.
        var documents: [(node: Int, layer: Layer)] = []
        documents.reserveCapacity(nodes.count)
        var documentOfNode = Array(repeating: -1, count: nodes.count)
        for index in nodes.indices {
            guard let layer = Layer(kind: nodes[index].kind) else { continue }
            documentOfNode[index] = documents.count
            documents.append((index, layer))
        }
        func document(_ id: String) -> Int? {
            guard let node = nodeIndex(of: id) else { return nil }
            let document = documentOfNode[node]
            return document < 0 ? nil : document
        }
        var links: [Pair] = []
        var degree = Array(repeating: 0, count: documents.count)
        var seenNeighbours = PairSet(count: documents.count)
        // Edges are sorted by `from`: one lookup serves a run of edges from one document.
        var lastFrom: (id: String, document: Int?)?
        for number in edges.indices {
            let from: Int?
            if let last = lastFrom, last.id == edges[number].from {
                from = last.document
            } else {
                from = document(edges[number].from)
                lastFrom = (edges[number].from, from)
            }
            guard let a = from, let b = document(edges[number].to), a != b else { continue }
            // `edges` are sorted by their ends (ids are unique): the edges of one pair of
            // documents (several roles) are consecutive, so only the last link can repeat it.
            if links.last != Pair(a: a, b: b) { links.append(Pair(a: a, b: b)) }
            if seenNeighbours.insert(min(a, b), max(a, b)) {
                degree[a] += 1
                degree[b] += 1
            }
        }
        let current = highlight.flatMap { document($0) }

        // Choose what is shown. Over the limit, the best-connected documents stay, since they
        // explain the most of the lineage; the rest fold into one node per kind.
        var visible: [Visible] = []
        visible.reserveCapacity(min(documents.count, layerCount * limit))
        var visibleOf = Array(repeating: -1, count: documents.count)
        var layerSizes = Array(repeating: 0, count: layerCount)
        for index in documents.indices { layerSizes[documents[index].layer.rawValue] += 1 }
        for layer in Layer.allCases where layerSizes[layer.rawValue] > 0 {
            // The layer's documents, in id order (as `documents` are).
            var shown: [Int] = []
            shown.reserveCapacity(layerSizes[layer.rawValue])
            for index in documents.indices where documents[index].layer == layer { shown.append(index) }
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
                visible.append(Visible(document: index, layer: layer, hiddenCount: 0))
            }
            if !hidden.isEmpty {
                for index in hidden { visibleOf[index] = visible.count }
                visible.append(Visible(document: nil, layer: layer, hiddenCount: hidden.count))
            }
        }
        guard !visible.isEmpty else {
            return Layout(nodes: [], edges: [], legend: [], width: 0, height: 0, documentCount: 0, linkCount: 0)
        }

        // Links between shown nodes; those of hidden documents now end at their kind's "+N more".
        var shownLinks: [Pair] = []
        shownLinks.reserveCapacity(links.count)
        var seenShown = PairSet(count: visible.count)
        for link in links {
            let pair = Pair(a: visibleOf[link.a], b: visibleOf[link.b])
            if pair.a != pair.b, seenShown.insert(pair.a, pair.b) { shownLinks.append(pair) }
        }

        // Squeeze out empty columns so a model's neighbourhood does not start with blank space.
        var columnUsed = Array(repeating: false, count: 5)
        for node in visible { columnUsed[node.layer.column] = true }
        var columnIndex = Array(repeating: 0, count: 5)
        var usedSoFar = 0
        for column in columnUsed.indices where columnUsed[column] {
            columnIndex[column] = usedSoFar
            usedSoFar += 1
        }
        func left(_ layer: Layer) -> Int {
            Metrics.padding + columnIndex[layer.column] * (Metrics.nodeWidth + Metrics.columnGap)
        }

        // Rows: every layer's nodes in one vertical stack; main columns are centred on the tallest,
        // attachments stack from the top of their band. A collapsed node always comes last.
        var order = Array(repeating: [Int](), count: layerCount)
        var collapsed = Array(repeating: Int?.none, count: layerCount)
        for (index, node) in visible.enumerated() {
            if node.document == nil {
                collapsed[node.layer.rawValue] = index
            } else {
                order[node.layer.rawValue].append(index)
            }
        }
        func count(_ layer: Layer) -> Int { order[layer.rawValue].count + (collapsed[layer.rawValue] == nil ? 0 : 1) }
        var mainRows = 0
        for layer in Layer.allCases where !layer.isAttachment { mainRows = max(mainRows, count(layer)) }
        // Every node is as tall as the longest wrapped title needs, so rows stay aligned across columns.
        var titleLines = Array(repeating: [String](), count: visible.count)
        var mostLines = 1
        for (index, node) in visible.enumerated() {
            if let document = node.document {
                let at = documents[document].node
                titleLines[index] =
                    nodes[at].titleLines ?? Self.wrappedTitle(nodes[at].title)
            } else {
                titleLines[index] = ["+\(node.hiddenCount) more"]
            }
            mostLines = max(mostLines, titleLines[index].count)
        }
        let nodeHeight = Metrics.nodeHeight(lines: mostLines)
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
                    let d1 = Self.orientation(ax, ay, bx, by, cx, cy), d2 = Self.orientation(ax, ay, bx, by, dx, dy)
                    let d3 = Self.orientation(cx, cy, dx, dy, ax, ay), d4 = Self.orientation(cx, cy, dx, dy, bx, by)
                    if d1 * d2 < 0 && d3 * d4 < 0 { total += 1 }
                }
            }
            return total
        }
        // Counting is quadratic in links: far past the default limit (thousands of links) the
        // sweeps run unmeasured and the last order stands.
        let measured = shownLinks.count <= 1500
        var fewest = measured ? crossings() : Int.max
        // Most neighbourhoods are drawn without a crossing: the sweeps, and the adjacency they
        // read, are made only when there is one to remove.
        if fewest > 0 {
            var neighbours = Array(repeating: [Int](), count: visible.count)
            var seenAdjacent = PairSet(count: visible.count)
            for link in shownLinks where seenAdjacent.insert(min(link.a, link.b), max(link.a, link.b)) {
                neighbours[link.a].append(link.b)
                neighbours[link.b].append(link.a)
            }
            // Barycenters as exact fractions (sum of neighbour centres / count), by visible index.
            var keySum = Array(repeating: 0, count: visible.count)
            var keyCount = Array(repeating: 1, count: visible.count)
            func reorder(_ layer: Layer, towards isFixed: (Layer) -> Bool) {
                // A node with no fixed neighbour keeps its own centre so it stays roughly where it was.
                for index in order[layer.rawValue] {
                    var sum = 0, n = 0
                    for other in neighbours[index] where isFixed(visible[other].layer) {
                        sum += centreY(other)
                        n += 1
                    }
                    (keySum[index], keyCount[index]) = n == 0 ? (centreY(index), 1) : (sum, n)
                }
                order[layer.rawValue].sort { a, b in
                    let lhs = keySum[a] * keyCount[b], rhs = keySum[b] * keyCount[a]
                    return lhs != rhs ? lhs < rhs : sortID(a) < sortID(b)
                }
                placeRows(layer)
            }
            var best = order
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
        }

        // Final nodes, in drawing order.
        var placed: [PlacedNode] = []
        placed.reserveCapacity(visible.count)
        var drawIndex = Array(repeating: 0, count: visible.count)
        var right = 0
        var bottom = 0
        func place(_ index: Int, _ layer: Layer) {
            drawIndex[index] = placed.count
            let x = left(layer), y = top(layer, row: row[index])
            right = max(right, x + Metrics.nodeWidth)
            bottom = max(bottom, y + nodeHeight)
            if let document = visible[index].document {
                // Fields read through the array: a copy of the `Node` would retain all five strings.
                let node = documents[document].node
                placed.append(
                    PlacedNode(
                        id: nodes[node].id, kind: layer.kind, title: nodes[node].title,
                        href: Self.safeHref(nodes[node].href), state: Self.normalizedState(nodes[node].state),
                        titleLines: titleLines[index], hiddenCount: 0, isCurrent: document == current, x: x, y: y,
                        width: Metrics.nodeWidth, height: nodeHeight))
            } else {
                let hidden = visible[index].hiddenCount
                placed.append(
                    PlacedNode(
                        id: "+more:" + layer.kind, kind: layer.kind, title: "\(hidden) more \(layer.plural)",
                        href: collapsedHref[layer.kind].flatMap(Self.safeHref), state: nil,
                        titleLines: titleLines[index], hiddenCount: hidden, isCurrent: false, x: x, y: y,
                        width: Metrics.nodeWidth, height: nodeHeight))
            }
        }
        var present = Array(repeating: false, count: layerCount)
        for layer in Layer.allCases {
            for index in order[layer.rawValue] { place(index, layer) }
            if let index = collapsed[layer.rawValue] { place(index, layer) }
            present[layer.rawValue] = count(layer) > 0
        }

        let placedEdges = Self.route(shownLinks.map { Pair(a: drawIndex[$0.a], b: drawIndex[$0.b]) }, between: placed)

        // Size: the nodes' extent, room for curves that bow out of the last column, then the legend.
        let needsBowRoom = placedEdges.contains { $0.bows && $0.start.x == right }
        let width = right + (needsBowRoom ? Metrics.bowRoom : Metrics.padding)
        let legend = Self.legend(present: present, below: bottom, width: width)
        let height = (legend.last?.y ?? 0) + Metrics.swatch + Metrics.padding

        return Layout(
            nodes: placed, edges: placedEdges, legend: legend, width: width, height: height,
            documentCount: documents.count, linkCount: links.count,
            currentTitle: current.map { nodes[documents[$0].node].title }
        )
    }

    /// Curves for `links` (indices into `placed`), sorted by their ends.
    private static func route(_ links: [Pair], between placed: [PlacedNode]) -> [PlacedEdge] {
        // Edges leave and enter on the sides that face each other. Where several meet one side,
        // their ends spread down that side in the order of the nodes at their other ends, so
        // arrows do not pile onto one point and do not cross right at the node.
        let edgesDrawn = links.sorted { $0.a != $1.a ? $0.a < $1.a : $0.b < $1.b }
        /// One end of an edge on one side (0 left, 1 right) of a node.
        struct End {
            var node: Int
            var side: Int
            var otherY: Int
            var other: Int
            var edge: Int
            var isStart: Bool
        }
        // Every end in one array, sorted by node and side and then as each side orders its ends,
        // rather than two arrays per node sorted one by one.
        var ends: [End] = []
        ends.reserveCapacity(edgesDrawn.count * 2)
        var bows = Array(repeating: false, count: edgesDrawn.count)
        for (number, edge) in edgesDrawn.enumerated() {
            let ax = placed[edge.a].x, bx = placed[edge.b].x
            // Rightward: out of the right side, into the left; leftward: the mirror image;
            // within one column: right side to right side.
            ends.append(
                End(
                    node: edge.a, side: ax > bx ? 0 : 1, otherY: placed[edge.b].y, other: edge.b, edge: number,
                    isStart: true))
            ends.append(
                End(
                    node: edge.b, side: ax < bx ? 0 : 1, otherY: placed[edge.a].y, other: edge.a, edge: number,
                    isStart: false))
            bows[number] = ax == bx
        }
        ends.sort { p, q in
            if p.node != q.node { return p.node < q.node }
            if p.side != q.side { return p.side < q.side }
            return (p.otherY, p.other, p.edge) < (q.otherY, q.other, q.edge)
        }
        var starts = Array(repeating: Point(x: 0, y: 0), count: edgesDrawn.count)
        var finishes = starts
        var first = 0
        while first < ends.count {
            let node = ends[first].node, side = ends[first].side
            var end = first + 1
            while end < ends.count, ends[end].node == node, ends[end].side == side { end += 1 }
            let x = side == 0 ? placed[node].x : placed[node].x + placed[node].width
            let (y, height, count) = (placed[node].y, placed[node].height, end - first)
            for position in 0..<count {
                let point = Point(x: x, y: y + height * (position + 1) / (count + 1))
                if ends[first + position].isStart {
                    starts[ends[first + position].edge] = point
                } else {
                    finishes[ends[first + position].edge] = point
                }
            }
            first = end
        }
        return edgesDrawn.enumerated().map { number, edge in
            PlacedEdge(
                from: edge.a, to: edge.b, start: starts[number], end: finishes[number], bows: bows[number],
                touchesCurrent: placed[edge.a].isCurrent || placed[edge.b].isCurrent
            )
        }
    }

    /// The legend: one swatch per kind drawn (`present`, by layer), in column order, wrapped to `width`.
    private static func legend(present: [Bool], below bottom: Int, width: Int) -> [LegendItem] {
        var items: [LegendItem] = []
        var cursor = (x: Metrics.padding, y: bottom + Metrics.legendGap)
        for layer in Layer.allCases where present[layer.rawValue] {
            let itemWidth = legendItemWidths[layer.rawValue]
            if cursor.x > Metrics.padding && cursor.x + itemWidth > width - Metrics.padding {
                cursor = (Metrics.padding, cursor.y + Metrics.legendRowHeight)
            }
            items.append(LegendItem(kind: layer.kind, label: layer.label, x: cursor.x, y: cursor.y))
            cursor.x += itemWidth
        }
        return items
    }

    /// Each layer's legend item width, measured once rather than on every page drawn.
    private static let legendItemWidths = Layer.allCases.map { legendItemWidth($0.label) }

    package static func legendItemWidth(_ label: String) -> Int {
        Metrics.swatch + 6 + displayUnits(label) * Metrics.charWidth + 18
    }

    /// Health states the theme styles; anything else would make up a class name, so it is `unknown`.
    package static func normalizedState(_ state: String) -> String {
        switch state {
        case "fresh", "stale", "broken", "drift", "unknown": state
        default: "unknown"
        }
    }

    /// The href to emit, or nil when the node should not be a link: empty, or a URL scheme other
    /// than http, https or mailto (`javascript:` must never survive, SPEC §3).
    package static func safeHref(_ href: String) -> String? {
        // Every page draws a neighbourhood: skip Foundation's trimming when there is nothing to trim.
        // One pass over the contiguous bytes looks for both (three walks of the UTF8View, one
        // of them for the colon, were 2,500 instructions an href).
        var bytes = href
        let (needsTrim, hasColon) = bytes.withUTF8 { bytes -> (Bool, Bool) in
            guard let first = bytes.first, let last = bytes.last else { return (false, false) }
            var needsTrim = first <= 0x20 || last <= 0x20
            var hasColon = false
            for byte in bytes {
                if byte < 0x20 || byte == 0x7F || byte >= 0x80 {
                    needsTrim = true
                } else if byte == UInt8(ascii: ":") {
                    hasColon = true
                }
            }
            return (needsTrim, hasColon)
        }
        // A page's own links are relative and have no colon: nothing below can change them, and
        // looking for the colon Character by Character was most of this function's time.
        if !needsTrim, !hasColon { return href.isEmpty ? nil : href }
        let trimmed = needsTrim ? href.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters)) : href
        guard !trimmed.isEmpty else { return nil }
        // A colon before any of `/?#` means the text before it is a scheme, as a browser reads it.
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(where: { "/?#".contains($0) }) {
            let scheme = trimmed[..<colon].lowercased()
            return ["http", "https", "mailto"].contains(scheme) ? trimmed : nil
        }
        return trimmed
    }

    /// The sign of the turn from segment (a→b) to point c.
    private static func orientation(_ ax: Int, _ ay: Int, _ bx: Int, _ by: Int, _ cx: Int, _ cy: Int) -> Int {
        let cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        return cross > 0 ? 1 : cross < 0 ? -1 : 0
    }
}

// MARK: - Text

extension LineageGraph {
    /// Approximate width in narrow-character units: East Asian wide characters and emoji count two.
    package static func displayUnits(_ text: String) -> Int {
        if isASCII(text) { return text.utf8.count }
        return text.reduce(0) { $0 + units($1) }
    }

    /// Whether every byte is ASCII, read from the contiguous UTF-8 (every drawn title is
    /// measured, several times).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        }
    }

    /// The text with runs of white space folded to one space (fast when there are none: printable
    /// ASCII with single spaces inside, read from the contiguous UTF-8).
    package static func oneLine(_ text: String) -> String {
        var copy = text
        let plain = copy.withUTF8 { bytes -> Bool in
            var previousSpace = true
            for byte in bytes {
                if byte == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else if byte < 0x20 || byte >= 0x80 {
                    return false
                } else {
                    previousSpace = false
                }
            }
            return !previousSpace || bytes.isEmpty
        }
        if plain { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func units(_ character: Character) -> Int {
        guard let value = character.unicodeScalars.first?.value else { return 0 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// A node's title as the node shows it.
    package static func wrappedTitle(_ title: String) -> [String] {
        wrapped(title, maxUnits: Metrics.titleUnits, maxLines: Metrics.maxTitleLines)
    }

    /// `text` wrapped onto at most `maxLines` lines of at most `maxUnits` each: broken between
    /// words, inside a word only when it is longer than a line. When text is left over, the last
    /// line is cut with an ellipsis.
    package static func wrapped(_ text: String, maxUnits: Int, maxLines: Int) -> [String] {
        let line = oneLine(text)
        guard displayUnits(line) > maxUnits, maxUnits > 1 else { return [line] }
        if isASCII(line) { return wrappedASCII(line, maxUnits: maxUnits, maxLines: maxLines) }
        return wrappedCharacters(line, maxUnits: maxUnits, maxLines: maxLines)
    }

    /// `wrapped` for a line of one-unit characters, by bytes: every neighbourhood drawn wraps
    /// its titles, and splitting them into Strings and Characters was a tenth of drawing one.
    /// After `oneLine` an ASCII line has no CR LF, the one ASCII pair that is a single Character,
    /// so bytes, Characters and units coincide (`wrappedCharacters` is the reference).
    package static func wrappedASCII(_ line: String, maxUnits: Int, maxLines: Int) -> [String] {
        var line = line
        let folded = line.withUTF8 { bytes in
            bytes.first != UInt8(ascii: " ") && bytes.last != UInt8(ascii: " ")
                && !zip(bytes, bytes.dropFirst()).contains { $0 == UInt8(ascii: " ") && $1 == UInt8(ascii: " ") }
        }
        let lines = folded ? foldedLines(line, maxUnits: maxUnits) : bufferedLines(line, maxUnits: maxUnits)
        guard lines.count > max(1, maxLines) else { return lines }
        let kept = max(1, maxLines) - 1
        return Array(lines.prefix(kept)) + [truncated(lines[kept...].joined(separator: " "), maxUnits: maxUnits)]
    }

    /// The lines of a folded ASCII line (words one space apart, none at either end): each line
    /// is then a run of the text, made a String straight from it. Every page wraps the titles of
    /// its neighbourhood; gathering each line's bytes in a buffer first cost 6,000 instructions a
    /// title.
    private static func foldedLines(_ line: String, maxUnits: Int) -> [String] {
        var lines: [String] = []
        // Room for every line at once: growing the array line by line was a third of wrapping.
        lines.reserveCapacity(line.utf8.count / max(1, maxUnits) + 2)
        var line = line
        line.withUTF8 { bytes in
            // The line being filled is bytes[lineStart..<lineEnd]; empty when they are equal.
            var lineStart = 0
            var lineEnd = 0
            func flush(_ end: Int) {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self))
            }
            var start = 0
            while start < bytes.count {
                var end = start + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                let used = lineEnd - lineStart
                if used > 0 && used + 1 + (end - start) <= maxUnits {
                    lineEnd = end
                } else {
                    if used > 0 { flush(lineEnd) }
                    // A word longer than a line fills lines byte by byte: a full line whenever
                    // one more byte would not fit.
                    let width = max(1, maxUnits)
                    lineStart = start
                    while end - lineStart > width {
                        flush(lineStart + width)
                        lineStart += width
                    }
                    lineEnd = end
                }
                start = end + 1
            }
            if lineEnd > lineStart { flush(lineEnd) }
        }
        return lines
    }

    /// The lines of any ASCII line, runs of spaces included, each gathered in a buffer.
    private static func bufferedLines(_ line: String, maxUnits: Int) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(maxUnits)
        func flush() {
            lines.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        // Words are found by offset in the contiguous bytes: `utf8.split` made an array of slices
        // walked through the UTF8View, most of this function's time.
        var line = line
        line.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                if bytes[start] == UInt8(ascii: " ") {
                    start += 1
                    continue
                }
                var end = start + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end
                if !current.isEmpty && current.count + 1 + word.count <= maxUnits {
                    current.append(UInt8(ascii: " "))
                    current.append(contentsOf: word)
                    continue
                }
                if !current.isEmpty { flush() }
                // A word longer than a line fills lines byte by byte.
                for byte in word {
                    if current.count + 1 > maxUnits, !current.isEmpty { flush() }
                    current.append(byte)
                }
            }
        }
        if !current.isEmpty { flush() }
        return lines
    }

    /// `wrapped` for a line already folded by `oneLine` and wider than `maxUnits`, Character by Character.
    package static func wrappedCharacters(_ line: String, maxUnits: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var used = 0
        for word in line.split(separator: " ") {
            let width = displayUnits(String(word))
            if !current.isEmpty && used + 1 + width <= maxUnits {
                current += " " + word
                used += 1 + width
                continue
            }
            if !current.isEmpty { lines.append(current) }
            (current, used) = ("", 0)
            // A word longer than a line fills lines character by character.
            for character in word {
                let units = units(character)
                if used + units > maxUnits, !current.isEmpty {
                    lines.append(current)
                    (current, used) = ("", 0)
                }
                current.append(character)
                used += units
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > max(1, maxLines) else { return lines }
        let kept = max(1, maxLines) - 1
        return Array(lines.prefix(kept)) + [truncated(lines[kept...].joined(separator: " "), maxUnits: maxUnits)]
    }

    /// `text` on one line, cut with an ellipsis to at most `maxUnits`. Cuts between characters
    /// (grapheme clusters), never inside one.
    package static func truncated(_ text: String, maxUnits: Int) -> String {
        let line = oneLine(text)
        guard displayUnits(line) > maxUnits else { return line }
        var result = ""
        var used = 0
        for character in line {
            let width = units(character)
            if used + width > maxUnits - 1 { break }
            result.append(character)
            used += width
        }
        while result.last == " " { result.removeLast() }
        result.append("…")
        return result
    }
}

// MARK: - SVG

/// Writes a `Layout` as SVG into one growing byte buffer.
///
/// Colours are presentation attributes, the weakest kind of styling: a theme's CSS rules on the
/// class names win over them, and without a theme the graph is still legible. No `<style>`
/// element, because in inline SVG it would apply to the whole page.
///
/// Every document page draws its neighbourhood, about sixty pieces a node: they are appended as
/// bytes (literals copied, numbers formatted in place, into a `MarkupBuffer`) rather than through
/// interpolated Strings, which were 3% of a build. `ReferenceSVGWriter` in the tests is the String
/// writer it replaced.
private struct LineageSVGWriter {
    package typealias Metrics = LineageGraph.Metrics

    package let out: MarkupBuffer

    init(capacity: Int) {
        out = MarkupBuffer(capacity: capacity)
    }

    package static func render(_ layout: LineageGraph.Layout) -> String {
        var writer = LineageSVGWriter(capacity: capacity(for: layout, list: false))
        writer.write(layout)
        return writer.out.string
    }

    /// Room for the drawing of `layout` (and its list of links), so the buffer grows rarely.
    package static func capacity(for layout: LineageGraph.Layout, list: Bool) -> Int {
        let drawing = 640 + layout.nodes.count * 460 + layout.edges.count * 110 + layout.legend.count * 160
        return drawing + (list ? 200 + layout.nodes.count * 120 : 0)
    }

    package static func fill(_ kind: String) -> StaticString {
        switch kind {
        case "data-source": "#ddf4ff"
        case "schema": "#dafbe1"
        case "labeling": "#fff8c5"
        case "experiment": "#fbefff"
        case "model": "#ffebe9"
        case "environment": "#eaeef2"
        case "pseudocode": "#d8f3f0"
        default: "#ffffff"
        }
    }

    package static func stroke(state: String?) -> StaticString {
        switch state {
        case "fresh": "#1a7f37"
        case "stale": "#9a6700"
        case "broken": "#cf222e"
        case "drift": "#8250df"
        default: "#6e7781"
        }
    }

    /// Appends a literal's UTF-8.
    @inline(__always)
    fileprivate mutating func put(_ text: StaticString) {
        out.put(text)
    }

    /// Appends text that needs no escaping (class names, colours, numbers made here).
    private mutating func put(unescaped text: String) {
        out.put(string: text)
    }

    /// Appends `number` in decimal, as `"\(number)"` writes it.
    @inline(__always)
    private mutating func put(_ number: Int) {
        out.put(number)
    }

    package mutating func write(_ layout: LineageGraph.Layout) {
        // Several graphs may share a page; an id derived from what is drawn keeps their markers
        // apart without giving up byte-identical output.
        let marker = "lineage-arrow-" + Self.fnv1a(ids: layout.nodes)

        // A named group holding a list of links, one per node, not an image (an image's content
        // is not for assistive technology, and it would hold links). Edges and legend say nothing
        // the nodes' own text does not, so they are hidden from it. The drawing shrinks to fit its
        // box, but never below 11/12 of its size, so that titles stay at 11 px or more; past that
        // its box scrolls.
        let minimumWidth = (layout.width * 11 + 11) / 12
        put("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage-graph\" viewBox=\"0 0 ")
        put(layout.width)
        put(" ")
        put(layout.height)
        put("\" width=\"")
        put(layout.width)
        put("\" height=\"")
        put(layout.height)
        put("\" style=\"max-width:100%;min-width:")
        put(minimumWidth)
        put("px;height:auto\" role=\"group\" aria-label=\"")
        // "Lineage of TITLE: 3 documents, 1 link", written in pieces (escaping goes character by
        // character, so the title escaped alone is escaped as it was inside the whole label).
        if let title = layout.currentTitle {
            put("Lineage of ")
            escape(title)
        } else {
            put("Lineage graph")
        }
        put(": ")
        put(layout.documentCount)
        put(layout.documentCount == 1 ? " document, " : " documents, ")
        put(layout.linkCount)
        put(layout.linkCount == 1 ? " link" : " links")
        put("\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n")
        put("<defs><marker id=\"")
        put(unescaped: marker)
        put("\" class=\"edge-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        put(" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
        put("<path d=\"M0 0L10 5L0 10z\" fill=\"#8c959f\"/></marker></defs>\n")

        // Edges first, so nodes cover any curve that passes behind them.
        // `marker-end` is inherited, so the group gives every edge its arrow.
        put("<g class=\"edges\" fill=\"none\" stroke=\"#8c959f\" stroke-width=\"1.5\" marker-end=\"url(#")
        put(unescaped: marker)
        put(")\" aria-hidden=\"true\">\n")
        for edge in layout.edges {
            if edge.touchesCurrent {
                put("<path class=\"edge current\" d=\"")
            } else {
                put("<path class=\"edge\" d=\"")
            }
            path(edge)
            put("\"/>\n")
        }
        put("</g>\n<g class=\"nodes\" role=\"list\">\n")
        for node in layout.nodes { self.node(node) }
        put("</g>\n")

        if !layout.legend.isEmpty {
            put("<g class=\"legend\" font-size=\"11\" aria-hidden=\"true\">\n")
            for item in layout.legend {
                put("<g class=\"legend-item kind-")
                put(unescaped: item.kind)
                put("\"><rect x=\"")
                put(item.x)
                put("\" y=\"")
                put(item.y)
                put("\" width=\"")
                put(Metrics.swatch)
                put("\" height=\"")
                put(Metrics.swatch)
                put("\" rx=\"3\" fill=\"")
                put(Self.fill(item.kind))
                put("\" stroke=\"#6e7781\"/><text x=\"")
                put(item.x + Metrics.swatch + 6)
                put("\" y=\"")
                put(item.y + Metrics.swatch - 2)
                put("\" fill=\"#1f2328\">")
                escape(item.label)
                put("</text></g>\n")
            }
            put("</g>\n")
        }
        put("</svg>")
    }

    private mutating func path(_ edge: LineageGraph.PlacedEdge) {
        let (x1, y1, x2, y2) = (edge.start.x, edge.start.y, edge.end.x, edge.end.y)
        // Same column: out into the gap on the right and back, further for longer spans so that
        // nested curves stay apart, but never as far as the next column. Otherwise horizontal
        // tangents at both ends: the curve leaves and enters its nodes square on, which keeps the
        // marker arrow pointing into the node.
        let reach = min(Metrics.columnGap - 12, 20 + abs(y2 - y1) / 10)
        let half = (x2 - x1) / 2
        let (c1, c2) = edge.bows ? (x1 + reach, x2 + reach) : (x1 + half, x2 - half)
        put("M")
        put(x1)
        put(" ")
        put(y1)
        put("C")
        put(c1)
        put(" ")
        put(y1)
        put(" ")
        put(c2)
        put(" ")
        put(y2)
        put(" ")
        put(x2)
        put(" ")
        put(y2)
    }

    private mutating func node(_ node: LineageGraph.PlacedNode) {
        let link = node.href
        put("<g role=\"listitem\">")
        if link == nil { put("<g class=\"node") } else { put("<a class=\"node") }
        if node.isCollapsed {
            put(" collapsed kind-")
            put(unescaped: node.kind)
        } else {
            put(" kind-")
            put(unescaped: node.kind)
            put(" state-")
            put(unescaped: node.state ?? "unknown")
        }
        if node.isCurrent { put(" current") }
        put("\"")
        if let link {
            put(" href=\"")
            escape(link)
            put("\"")
        }
        put("><title>")
        let layer = LineageGraph.Layer(kind: node.kind)
        if node.isCollapsed {
            escape(node.title)
            put(" not shown")
        } else {
            escape(LineageGraph.oneLine(node.title))
            put(" (")
            label(layer, kind: node.kind)
            put(", ")
            state(node.state ?? "unknown")
            if node.isCurrent { put(", this page") }
            put(")")
        }
        put("</title><rect x=\"")
        put(node.x)
        put("\" y=\"")
        put(node.y)
        put("\" width=\"")
        put(node.width)
        put("\" height=\"")
        put(node.height)
        put("\" rx=\"6\" fill=\"")
        put(Self.fill(node.kind))
        put("\" stroke=\"")
        put(Self.stroke(state: node.state))
        put("\"")
        if node.isCurrent { put(" stroke-width=\"3\"") }
        if node.isCollapsed { put(" stroke-dasharray=\"4 3\"") }
        put("/>")

        // Two lines: the title, and the kind (with the state when it needs attention) so that
        // neither depends on telling colours apart.
        let textX = node.x + Metrics.textInset
        put("<text class=\"node-title\" x=\"")
        put(textX)
        put("\" y=\"")
        put(node.y + 17)
        put("\">")
        if node.titleLines.count == 1 {
            escape(node.titleLines[0])
        } else {
            for (number, line) in node.titleLines.enumerated() {
                put("<tspan x=\"")
                put(textX)
                put("\" y=\"")
                put(node.y + 17 + number * Metrics.titleLineHeight)
                put("\">")
                escape(line)
                put("</tspan>")
            }
        }
        let kindY = node.y + 17 + max(1, node.titleLines.count) * Metrics.titleLineHeight
        put("</text><text class=\"node-kind\" x=\"")
        put(textX)
        put("\" y=\"")
        put(kindY)
        put("\" font-size=\"10\" fill=\"#57606a\">")
        if node.isCollapsed {
            escape(layer?.plural ?? node.kind)
        } else if let state = node.state, state != "fresh" {
            label(layer, kind: node.kind)
            put(" · ")
            self.state(state)
        } else {
            label(layer, kind: node.kind)
        }
        put("</text>")
        if link == nil { put("</g></g>\n") } else { put("</a></g>\n") }
    }

    /// Appends what a reader calls a node of `layer` (`Layer.label`), or its `kind` escaped when
    /// it is not drawn: every node names its kind twice, and a literal needs no escaping scan.
    private mutating func label(_ layer: LineageGraph.Layer?, kind: String) {
        switch layer {
        case .dataSource: put("data source")
        case .schema: put("schema")
        case .labeling: put("labeling")
        case .experiment: put("experiment")
        case .environment: put("environment")
        case .model: put("model")
        case .pseudocode: put("pseudocode")
        case nil: escape(kind)
        }
    }

    /// Appends a node's state escaped: the states `normalizedState` leaves as literals.
    private mutating func state(_ state: String) {
        switch state {
        case "fresh": put("fresh")
        case "stale": put("stale")
        case "broken": put("broken")
        case "drift": put("drift")
        case "unknown": put("unknown")
        default: escape(state)
        }
    }

    /// Appends `text` escaped for XML text and attribute values, dropping characters XML 1.0
    /// cannot carry (control characters other than tab and line breaks, U+FFFE, U+FFFF).
    private mutating func escape(_ text: String) {
        // About a dozen calls a node: the usual plain text is scanned and copied as one buffer,
        // not walked through the UTF8View twice.
        var text = text
        let out = out
        let plain = text.withUTF8 { bytes in
            // `& < > " '` and control characters as bits of one word; 0xEF leads U+FFFE and U+FFFF.
            let specials: UInt64 = 0xFFFF_FFFF | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
            for byte in bytes where byte < 64 ? specials & (1 &<< UInt64(byte)) != 0 : byte == 0xEF {
                return false
            }
            out.put(bytes)
            return true
        }
        if plain { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": put("&amp;")
            case "<": put("&lt;")
            case ">": put("&gt;")
            case "\"": put("&quot;")
            case "'": put("&#39;")
            case "\t", "\n", "\r": UTF8.encode(scalar) { out.put(byte: $0) }
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                UTF8.encode(scalar) { out.put(byte: $0) }
            }
        }
    }

    /// 32-bit FNV-1a of the nodes' ids joined by line feeds, as 8 hex digits: stable across runs
    /// and platforms, unlike `Hasher`. The ids are hashed one after another, not joined first.
    package static func fnv1a(ids nodes: [LineageGraph.PlacedNode]) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for (number, node) in nodes.enumerated() {
            if number > 0 {
                hash ^= UInt32(UInt8(ascii: "\n"))
                hash = hash &* 0x0100_0193
            }
            var id = node.id
            id.withUTF8 { bytes in
                for byte in bytes {
                    hash ^= UInt32(byte)
                    hash = hash &* 0x0100_0193
                }
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
