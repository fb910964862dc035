@testable import DossierSite
import DossierTestSupport
import Foundation
import FoundationXML
import Testing

#if canImport(FoundationXML)
#endif

@Suite struct LineageGraphTests {
    typealias Node = LineageGraph.Node
    typealias Edge = LineageGraph.Edge

    // MARK: Helpers

    static func node(_ id: String, _ kind: String, state: String = "fresh") -> Node {
        Node(id: id, kind: kind, title: id.capitalized, href: "\(kind)/\(id).html", state: state)
    }

    static let tinyNodes = [
        Node(
            id: "penguins-raw", kind: "data-source", title: "Palmer penguins", href: "data-source/penguins-raw.html",
            state: "fresh"),
        Node(
            id: "penguins", kind: "schema", title: "Penguin measurements", href: "schema/penguins.html", state: "stale"),
        Node(
            id: "species-clf", kind: "model", title: "Species classifier", href: "model/species-clf.html",
            state: "fresh"),
    ]
    static let tinyEdges = [
        Edge(from: "penguins-raw", to: "penguins", role: "source"),
        Edge(from: "penguins", to: "species-clf", role: "schemas"),
    ]

    /// About 300 documents of every kind, wired the way a real project is: schemas from data
    /// sources, labels from schemas, experiments from all of those, models from experiments.
    static func bigGraph(seed: UInt64 = 42) -> LineageGraph {
        var random = SeededGenerator(seed: seed)
        let counts = [
            ("data-source", 20), ("schema", 40), ("labeling", 20), ("experiment", 80),
            ("environment", 30), ("pseudocode", 30), ("model", 70), ("page", 10),
        ]
        let states = ["fresh", "stale", "broken", "drift", "unknown"]
        var nodes: [Node] = []
        var ids: [String: [String]] = [:]
        for (kind, count) in counts {
            for n in 0..<count {
                let id = "\(kind)-\(n)"
                ids[kind, default: []].append(id)
                nodes.append(
                    Node(
                        id: id, kind: kind, title: "\(kind) number \(n) with a fairly long title",
                        href: "\(kind)/\(id).html", state: states[Int(random.next() % 5)]
                    ))
            }
        }
        var edges: [Edge] = []
        func link(_ from: String, _ toKind: String, _ role: String, count: Int) {
            for _ in 0..<count {
                let targets = ids[toKind]!
                edges.append(Edge(from: targets[Int(random.next() % UInt64(targets.count))], to: from, role: role))
            }
        }
        for id in ids["schema"]! { link(id, "data-source", "source", count: 1) }
        for id in ids["labeling"]! { link(id, "schema", "schemas", count: 1) }
        for id in ids["experiment"]! {
            link(id, "schema", "schemas", count: 2)
            link(id, "labeling", "labeling", count: 1)
            link(id, "environment", "environment", count: 1)
            link(id, "pseudocode", "pseudocode", count: 1)
        }
        for id in ids["model"]! {
            link(id, "experiment", "experiments", count: 2)
            link(id, "environment", "environment", count: 1)
        }
        for id in ids["pseudocode"]! { link(id, "schema", "inputs", count: 1) }
        for id in ids["page"]! { link(id, "model", "related", count: 2) }
        return LineageGraph(nodes: nodes, edges: edges)
    }

    static func overlapping(_ nodes: [LineageGraph.PlacedNode]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for i in nodes.indices {
            for j in nodes.indices where j > i {
                let a = nodes[i], b = nodes[j]
                if a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height {
                    pairs.append((a.id, b.id))
                }
            }
        }
        return pairs
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// True when `text` is well-formed XML, as a browser's SVG parser needs it to be.
    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    static func shuffled(_ graph: LineageGraph, seed: UInt64) -> LineageGraph {
        var random = SeededGenerator(seed: seed)
        // Repeat some edges too: duplicates must not change the picture.
        let edges = graph.edges + graph.edges.prefix(5)
        return LineageGraph(nodes: graph.nodes.shuffled(using: &random), edges: edges.shuffled(using: &random))
    }

    // MARK: Determinism

    @Test func sameSVGWhateverTheInputOrder() {
        let tiny = LineageGraph(nodes: Self.tinyNodes, edges: Self.tinyEdges)
        let big = Self.bigGraph()
        for seed in [UInt64(1), 2, 3] {
            #expect(Self.shuffled(tiny, seed: seed).svg(highlight: "penguins") == tiny.svg(highlight: "penguins"))
            #expect(Self.shuffled(big, seed: seed).svg() == big.svg())
            #expect(Self.shuffled(big, seed: seed).svg(highlight: "model-3") == big.svg(highlight: "model-3"))
            let hood = big.neighbourhood(of: "experiment-7", radius: 2)
            #expect(
                Self.shuffled(hood, seed: seed).svg(highlight: "experiment-7") == hood.svg(highlight: "experiment-7"))
        }
    }

    @Test func inputIsSortedAndDeduplicated() {
        let graph = LineageGraph(
            nodes: [Self.node("b", "schema"), Self.node("a", "data-source"), Self.node("b", "schema")],
            edges: [Edge(from: "a", to: "b", role: "source"), Edge(from: "a", to: "b", role: "source")]
        )
        #expect(graph.nodes.map(\.id) == ["a", "b"])
        #expect(graph.edges == [Edge(from: "a", to: "b", role: "source")])
    }

    // MARK: Geometry

    @Test func smallGraphNodesDoNotOverlap() {
        let graph = LineageGraph(
            nodes: Self.tinyNodes + [
                Self.node("env", "environment"), Self.node("steps", "pseudocode"),
                Self.node("exp", "experiment"), Self.node("labels", "labeling"),
            ],
            edges: Self.tinyEdges + [
                Edge(from: "exp", to: "env"), Edge(from: "species-clf", to: "env"),
                Edge(from: "species-clf", to: "steps"), Edge(from: "labels", to: "exp"),
            ]
        )
        let placed = graph.layout()
        #expect(placed.count == 7)
        #expect(Self.overlapping(placed).isEmpty)
    }

    @Test(arguments: [12, 4, 1000])
    func bigGraphNodesDoNotOverlap(maxNodesPerLayer: Int) {
        let graph = Self.bigGraph()
        let placed = graph.layout(maxNodesPerLayer: maxNodesPerLayer)
        #expect(Self.overlapping(placed).isEmpty)
        // 290 lineage documents; pages are not drawn.
        #expect(placed.count == (maxNodesPerLayer == 1000 ? 290 : 7 * maxNodesPerLayer))
        for id in ["model-5", "experiment-12", "schema-0"] {
            #expect(
                Self.overlapping(
                    graph.neighbourhood(of: id, radius: 2).layout(maxNodesPerLayer: maxNodesPerLayer, highlight: id)
                ).isEmpty)
        }
    }

    @Test func everythingFitsInTheViewBox() {
        for graph in [
            LineageGraph(nodes: Self.tinyNodes, edges: Self.tinyEdges), Self.bigGraph(),
            Self.bigGraph().neighbourhood(of: "model-1"),
        ] {
            let layout = graph.arrange(maxNodesPerLayer: 12, highlight: nil, collapsedHref: [:])
            for node in layout.nodes {
                #expect(
                    node.x >= 0 && node.y >= 0 && node.x + node.width <= layout.width
                        && node.y + node.height <= layout.height)
            }
            for item in layout.legend {
                #expect(
                    item.x + LineageGraph.legendItemWidth(item.label) <= layout.width + 18
                        && item.y + 12 <= layout.height)
            }
            for edge in layout.edges where edge.bows {
                // The curve reaches at most three quarters of its control offset past the column.
                #expect(edge.start.x + 3 * (LineageGraph.Metrics.columnGap - 12) / 4 <= layout.width)
            }
        }
    }

    @Test func barycenterSweepsRemoveAnAvoidableCrossing() {
        // In id order the two links cross; one swap untangles them.
        let graph = LineageGraph(
            nodes: [
                Self.node("a", "data-source"), Self.node("b", "data-source"), Self.node("s1", "schema"),
                Self.node("s2", "schema"),
            ],
            edges: [Edge(from: "b", to: "s1"), Edge(from: "a", to: "s2")]
        )
        let y = Dictionary(uniqueKeysWithValues: graph.layout().map { ($0.id, $0.y) })
        #expect((y["a"]! < y["b"]!) == (y["s2"]! < y["s1"]!))
    }

    @Test func attachmentsSitInABandBelowTheirColumns() {
        let graph = LineageGraph(
            nodes: [
                Self.node("exp", "experiment"), Self.node("clf", "model"), Self.node("env", "environment"),
                Self.node("steps", "pseudocode"),
            ],
            edges: [Edge(from: "exp", to: "clf"), Edge(from: "exp", to: "env"), Edge(from: "clf", to: "steps")]
        )
        let placed = Dictionary(uniqueKeysWithValues: graph.layout().map { ($0.id, $0) })
        #expect(placed["env"]!.x == placed["exp"]!.x && placed["env"]!.y > placed["exp"]!.y + placed["exp"]!.height)
        #expect(placed["steps"]!.x == placed["clf"]!.x && placed["steps"]!.y > placed["clf"]!.y + placed["clf"]!.height)
        // Empty columns (data sources, schemas, labeling) are squeezed out.
        #expect(placed["exp"]!.x == LineageGraph.Metrics.padding)
    }

    // MARK: Collapsing

    /// One data source feeding 30 schemas; the first five schemas also feed an experiment.
    static func wideGraph() -> LineageGraph {
        var nodes = [node("src", "data-source"), node("exp", "experiment")]
        var edges: [Edge] = []
        for n in 0..<30 {
            let id = String(format: "s%02d", n)
            nodes.append(node(id, "schema"))
            edges.append(Edge(from: "src", to: id, role: "source"))
            if n < 5 { edges.append(Edge(from: id, to: "exp", role: "schemas")) }
        }
        return LineageGraph(nodes: nodes, edges: edges)
    }

    @Test func collapsesALayerOverTheLimit() {
        let graph = Self.wideGraph()
        let layout = graph.arrange(maxNodesPerLayer: 12, highlight: nil, collapsedHref: [:])
        let schemas = layout.nodes.filter { $0.kind == "schema" }
        #expect(schemas.count == 12)
        #expect(schemas.filter(\.isCollapsed).map(\.hiddenCount) == [19])
        // The best-connected schemas stay, then the first by id.
        #expect(Set(schemas.filter { !$0.isCollapsed }.map(\.id)) == Set((0..<11).map { String(format: "s%02d", $0) }))
        // src → 11 shown schemas, src → "+19 more" once (not 19 times), 5 schemas → exp.
        #expect(layout.edges.count == 17)

        let svg = graph.svg()
        #expect(svg.contains("<g class=\"node collapsed kind-schema\"><title>19 more schemas not shown</title>"))
        #expect(svg.contains(">+19 more</text>"))
        #expect(Self.occurrences(of: "<path class=\"edge", in: svg) == 17)
        #expect(
            graph.svg(collapsedHref: ["schema": "catalog/schema.html"])
                .contains("<a class=\"node collapsed kind-schema\" href=\"catalog/schema.html\">"))
    }

    @Test func theListOfLinksIsAsBoundedAsTheDrawing() {
        let html = Self.wideGraph().html(collapsedHref: ["schema": "catalog/schema.html"])
        let list = String(html[..<html.range(of: "<div class=\"graph\"")!.lowerBound])
        // 11 schemas drawn, then the link for the 19 that are not.
        #expect(Self.occurrences(of: "<a href=\"schema/", in: list) == 11)
        #expect(list.contains("<li class=\"more\"><a href=\"catalog/schema.html\">19 more schemas</a></li>"))
    }

    @Test func theHighlightedNodeIsNeverCollapsed() {
        let placed = Self.wideGraph().layout(maxNodesPerLayer: 12, highlight: "s29")
        #expect(placed.contains { $0.id == "s29" && $0.isCurrent })
        #expect(placed.filter { $0.kind == "schema" }.count == 12)
    }

    @Test func noCollapseAtTheLimitAndATinyLimitStillShowsOne() {
        #expect(Self.wideGraph().layout(maxNodesPerLayer: 30).allSatisfy { !$0.isCollapsed })
        let tight = Self.wideGraph().layout(maxNodesPerLayer: 0).filter { $0.kind == "schema" }
        #expect(tight.map(\.hiddenCount).sorted() == [0, 29])
    }

    // MARK: Neighbourhood

    /// d → s → l → e → m, e → v, and l → ghost → x where ghost is no node.
    static let chain = LineageGraph(
        nodes: [
            node("d", "data-source"), node("s", "schema"), node("l", "labeling"), node("e", "experiment"),
            node("m", "model"), node("v", "environment"), node("x", "model"),
        ],
        edges: [
            Edge(from: "d", to: "s"), Edge(from: "s", to: "l"), Edge(from: "l", to: "e"), Edge(from: "e", to: "m"),
            Edge(from: "e", to: "v"), Edge(from: "l", to: "ghost"), Edge(from: "ghost", to: "x"),
        ]
    )

    @Test func neighbourhoodFollowsEdgesBothWaysUpToTheRadius() {
        #expect(Self.chain.neighbourhood(of: "l", radius: 0).nodes.map(\.id) == ["l"])
        let one = Self.chain.neighbourhood(of: "l")
        #expect(one.nodes.map(\.id) == ["e", "l", "s"])
        #expect(one.edges == [Edge(from: "l", to: "e"), Edge(from: "s", to: "l")])
        let two = Self.chain.neighbourhood(of: "l", radius: 2)
        #expect(two.nodes.map(\.id) == ["d", "e", "l", "m", "s", "v"])
        #expect(two.edges.count == 5)
        // x is reachable only through a missing id.
        #expect(Self.chain.neighbourhood(of: "l", radius: 10).nodes.count == 6)
        #expect(Self.chain.neighbourhood(of: "nope", radius: 3).nodes.isEmpty)
    }

    // MARK: Text and links

    @Test func escapesTitlesAndHrefs() {
        let graph = LineageGraph(
            nodes: [
                Node(id: "a", kind: "schema", title: #"<b>"R&D's"</b>"#, href: #"a&b"c<d>.html"#, state: "fresh"),
                Node(
                    id: "b", kind: "model", title: "nul\u{0}and\u{1B}escape", href: "b.html",
                    state: "stale\" onload=\"x"),
            ],
            edges: [Edge(from: "a", to: "b")]
        )
        let svg = graph.svg(highlight: "a")
        #expect(svg.contains("<title>&lt;b&gt;&quot;R&amp;D&#39;s&quot;&lt;/b&gt; (schema, fresh, this page)</title>"))
        #expect(svg.contains(">&lt;b&gt;&quot;R&amp;D&#39;s&quot;&lt;/b&gt;</text>"))
        #expect(svg.contains(#"href="a&amp;b&quot;c&lt;d&gt;.html""#))
        #expect(
            svg.contains(#"aria-label="Lineage of &lt;b&gt;&quot;R&amp;D&#39;s&quot;&lt;/b&gt;: 2 documents, 1 link""#))
        #expect(svg.contains(">nulandescape</text>"))
        #expect(svg.contains("class=\"node kind-model state-unknown\""))  // an odd state never becomes markup
        #expect(!svg.contains("<b>") && !svg.contains("onload"))
        #expect(Self.isWellFormedXML(svg))
        // The list of links escapes the same way.
        let html = graph.html(highlight: "b")
        #expect(
            html.contains("<a href=\"a&amp;b&quot;c&lt;d&gt;.html\">&lt;b&gt;&quot;R&amp;D&#39;s&quot;&lt;/b&gt;</a>"))
        #expect(graph.html(highlight: "a").contains(#"aria-label="Documents linked to &lt;b&gt;&quot;R&amp;D&#39;s"#))
        #expect(!html.contains("<b>") && !html.contains("onload"))
    }

    @Test func unsafeHrefsAreNotLinks() {
        for href in [
            "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x",
            "", "  ",
        ] {
            #expect(LineageGraph.safeHref(href) == nil, "\(href)")
        }
        for href in ["../schema/x.html", "x.html#top", "page.html?at=a:b", "dir/a:b", "https://example.org/"] {
            #expect(LineageGraph.safeHref(href) == href)
        }
        let svg = LineageGraph(
            nodes: [Node(id: "a", kind: "model", title: "A", href: "javascript:alert(1)")], edges: []
        ).svg()
        #expect(svg.contains("<g class=\"node kind-model state-unknown\"><title>"))
        #expect(!svg.contains("javascript") && !svg.contains("href="))
    }

    @Test func longTitlesWrapInFullAndOnlyVeryLongOnesAreCut() {
        let long = "A remarkably long experiment title that fits"
        let svg = LineageGraph(nodes: [Node(id: "e", kind: "experiment", title: long, href: "e.html")], edges: []).svg()
        // Three lines of at most 18 characters, every word drawn, nothing cut; the node grows to fit.
        #expect(LineageGraph.Metrics.titleUnits == 18)
        #expect(svg.contains(">A remarkably long</tspan>"))
        #expect(svg.contains(">experiment title</tspan>"))
        #expect(svg.contains(">that fits</tspan>"))
        #expect(!svg.contains("…"))
        #expect(svg.contains("height=\"\(LineageGraph.Metrics.nodeHeight(lines: 3))\" rx=\"6\""))
        #expect(svg.contains("<title>\(long) (experiment, unknown)</title>"))
        #expect(Self.isWellFormedXML(svg))

        // Past three lines the last is cut; the full title stays in the tooltip and in the list.
        let longer = long + " on a phone, a tablet or a very wide screen"
        let graph = LineageGraph(
            nodes: [Node(id: "e", kind: "experiment", title: longer, href: "e.html"), Self.node("m", "model")],
            edges: [Edge(from: "e", to: "m")])
        let lines = LineageGraph.wrapped(longer, maxUnits: LineageGraph.Metrics.titleUnits, maxLines: 3)
        #expect(lines.count == 3 && lines[2].hasSuffix("…"))
        #expect(lines.allSatisfy { LineageGraph.displayUnits($0) <= LineageGraph.Metrics.titleUnits })
        let html = graph.html(highlight: "m")
        #expect(html.contains("<title>\(longer) (experiment, unknown)</title>"))
        #expect(html.contains("<a href=\"e.html\">\(longer)</a>"))
        // A word longer than a line is broken inside; wide characters count double.
        let word = String(repeating: "x", count: 30)
        #expect(LineageGraph.wrapped(word, maxUnits: 21, maxLines: 3).map(\.count) == [21, 9])
        #expect(
            LineageGraph.wrapped(String(repeating: "企鹅", count: 20), maxUnits: 21, maxLines: 3)
                .allSatisfy { LineageGraph.displayUnits($0) <= 21 })
        let cut = LineageGraph.truncated(long, maxUnits: LineageGraph.Metrics.titleUnits)
        #expect(cut.hasSuffix("…") && LineageGraph.displayUnits(cut) <= LineageGraph.Metrics.titleUnits)
        // Wide characters count double, and short titles are left alone (whitespace folded).
        #expect(
            LineageGraph.displayUnits(LineageGraph.truncated(String(repeating: "企鹅", count: 20), maxUnits: 21)) <= 21)
        #expect(LineageGraph.truncated("Short\n title", maxUnits: 21) == "Short title")
    }

    // MARK: What is not drawn

    @Test func pagesUnknownKindsAndDanglingEdgesAreLeftOut() {
        let graph = LineageGraph(
            nodes: [Self.node("readme", "page"), Self.node("nb", "notebook"), Self.node("clf", "model")],
            edges: [
                Edge(from: "readme", to: "clf"), Edge(from: "nb", to: "clf"), Edge(from: "clf", to: "gone"),
                Edge(from: "clf", to: "clf"),
            ]
        )
        let layout = graph.arrange(maxNodesPerLayer: 12, highlight: "readme", collapsedHref: [:])
        #expect(layout.nodes.map(\.id) == ["clf"])
        #expect(layout.edges.isEmpty)
        #expect(LineageGraph(nodes: [Self.node("readme", "page")], edges: []).svg().isEmpty)
        #expect(LineageGraph(nodes: [], edges: []).svg().isEmpty)
    }

    @Test func bigGraphIsWellFormedXML() {
        let graph = Self.bigGraph()
        #expect(Self.isWellFormedXML(graph.svg(highlight: "schema-3", collapsedHref: ["model": "catalog/model.html"])))
        #expect(Self.isWellFormedXML(graph.svg(maxNodesPerLayer: 1000)))
    }

    // MARK: Golden

    /// The page's lineage: the list of links by kind a narrow screen shows, then the drawing a
    /// wide one shows, a named group holding a list of links.
    @Test func tinyGraphGolden() {
        let html = LineageGraph(nodes: Self.tinyNodes, edges: Self.tinyEdges).html(highlight: "penguins")
        let expected = """
            <ul class="lineage-links" aria-label="Documents linked to Penguin measurements in the lineage">
            <li class="lineage-group"><span class="lineage-kind kind-data-source">Data sources</span><ul><li><a href="data-source/penguins-raw.html">Palmer penguins</a></li></ul></li>
            <li class="lineage-group"><span class="lineage-kind kind-model">Models</span><ul><li><a href="model/species-clf.html">Species classifier</a></li></ul></li>
            </ul>
            <div class="graph"><svg xmlns="http://www.w3.org/2000/svg" class="lineage-graph" viewBox="0 0 584 123" width="584" height="123" style="max-width:100%;min-width:536px;height:auto" role="group" aria-label="Lineage of Penguin measurements: 3 documents, 2 links" font-family="system-ui,sans-serif" font-size="12">
            <defs><marker id="lineage-arrow-f1422748" class="edge-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z" fill="#8c959f"/></marker></defs>
            <g class="edges" fill="none" stroke="#8c959f" stroke-width="1.5" marker-end="url(#lineage-arrow-f1422748)" aria-hidden="true">
            <path class="edge current" d="M168 43C192 43 192 43 216 43"/>
            <path class="edge current" d="M368 43C392 43 392 43 416 43"/>
            </g>
            <g class="nodes" role="list">
            <g role="listitem"><a class="node kind-data-source state-fresh" href="data-source/penguins-raw.html"><title>Palmer penguins (data source, fresh)</title><rect x="16" y="16" width="152" height="55" rx="6" fill="#ddf4ff" stroke="#1a7f37"/><text class="node-title" x="26" y="33">Palmer penguins</text><text class="node-kind" x="26" y="48" font-size="10" fill="#57606a">data source</text></a></g>
            <g role="listitem"><a class="node kind-schema state-stale current" href="schema/penguins.html"><title>Penguin measurements (schema, stale, this page)</title><rect x="216" y="16" width="152" height="55" rx="6" fill="#dafbe1" stroke="#9a6700" stroke-width="3"/><text class="node-title" x="226" y="33"><tspan x="226" y="33">Penguin</tspan><tspan x="226" y="48">measurements</tspan></text><text class="node-kind" x="226" y="63" font-size="10" fill="#57606a">schema · stale</text></a></g>
            <g role="listitem"><a class="node kind-model state-fresh" href="model/species-clf.html"><title>Species classifier (model, fresh)</title><rect x="416" y="16" width="152" height="55" rx="6" fill="#ffebe9" stroke="#1a7f37"/><text class="node-title" x="426" y="33">Species classifier</text><text class="node-kind" x="426" y="48" font-size="10" fill="#57606a">model</text></a></g>
            </g>
            <g class="legend" font-size="11" aria-hidden="true">
            <g class="legend-item kind-data-source"><rect x="16" y="95" width="12" height="12" rx="3" fill="#ddf4ff" stroke="#6e7781"/><text x="34" y="105" fill="#1f2328">data source</text></g>
            <g class="legend-item kind-schema"><rect x="129" y="95" width="12" height="12" rx="3" fill="#dafbe1" stroke="#6e7781"/><text x="147" y="105" fill="#1f2328">schema</text></g>
            <g class="legend-item kind-model"><rect x="207" y="95" width="12" height="12" rx="3" fill="#ffebe9" stroke="#6e7781"/><text x="225" y="105" fill="#1f2328">model</text></g>
            </g>
            </svg></div>

            """
        #expect(html == expected)
    }

    /// Not an image that holds links: the drawing is a named group whose nodes are a list of
    /// links (no `tabindex` in SVG, which HTML validators refuse), and the list a narrow screen
    /// shows instead has the same links.
    @Test func theDrawingIsAGroupOfLinksAndTheListHasTheSameLinks() throws {
        let graph = Self.bigGraph()
        for highlight in [nil, "schema-3", "model-7"] {
            let html = graph.html(highlight: highlight, collapsedHref: ["model": "catalog/model.html"])
            let split = try #require(html.range(of: "<div class=\"graph\">"))
            let list = String(html[..<split.lowerBound]), drawing = String(html[split.lowerBound...])
            #expect(!html.contains("role=\"img\"") && !html.contains("tabindex"))
            #expect(drawing.contains("<svg") && drawing.contains("role=\"group\" aria-label=\"Lineage"))
            #expect(drawing.contains("<g class=\"nodes\" role=\"list\">"))
            let drawnLinks = drawing.components(separatedBy: "<a ").dropFirst()
            #expect(!drawnLinks.isEmpty)
            #expect(Self.occurrences(of: "<g role=\"listitem\"><a class=\"node", in: drawing) == drawnLinks.count)
            for link in drawnLinks {
                let hrefStart = try #require(link.range(of: "href=\""))
                let href = link[hrefStart.upperBound...].prefix { $0 != "\"" }
                // The current page is the list's subject, not one of its entries.
                if link.contains(" current\"") { continue }
                #expect(list.contains("<a href=\"\(href)\">"), "\(href) is drawn but not listed")
            }
            #expect(Self.occurrences(of: "<a href=", in: list) == drawnLinks.count - (highlight == nil ? 0 : 1))
        }
    }
}
