@testable import DossierSite
import DossierTestSupport
import Testing

/// `arrange` over flat arrays and bit sets lays out every graph as the code over dictionaries and
/// hashed sets did (`referenceArrange`): same nodes, edges, legend and size.
@Suite struct LineageArrangeTests {
    /// A random graph of `count` nodes: kinds drawn and not, duplicate and dangling edges,
    /// several roles between one pair, edges to itself.
    static func randomGraph(count: Int, using random: inout SeededGenerator) -> LineageGraph {
        let kinds = LineageGraph.Layer.allCases.map(\.kind) + ["page"]
        let states = ["fresh", "stale", "broken", "drift", "unknown", "weird"]
        let titles = [
            "A", "Churn model", "A remarkably long experiment title that needs three lines or more to fit",
            "R&D <b>\"quoted\"</b> it's", "tab\there", "企鹅数据集 and more", "", "  spaced   out ",
        ]
        let hrefs = ["", "a.html", "../b/c.html", "javascript:alert(1)", " d.html"]
        var nodes: [LineageGraph.Node] = []
        for i in 0..<count {
            nodes.append(
                LineageGraph.Node(
                    id: "n\(i)", kind: kinds.randomElement(using: &random)!,
                    title: titles.randomElement(using: &random)!, href: hrefs.randomElement(using: &random)!,
                    state: states.randomElement(using: &random)!))
        }
        var edges: [LineageGraph.Edge] = []
        for _ in 0..<Int.random(in: 0...(count * 2), using: &random) {
            let from = "n\(Int.random(in: 0...count, using: &random))"
            let to = "n\(Int.random(in: 0..<count, using: &random))"
            edges.append(
                LineageGraph.Edge(from: from, to: to, role: ["uses", "schemas"].randomElement(using: &random)!))
        }
        return LineageGraph(nodes: nodes, edges: edges)
    }

    @Test func layoutIsTheReferenceLayout() {
        var random = SeededGenerator(seed: 2015)
        let collapsed = ["model": "../dossier/catalog/model.html", "schema": "s&t.html"]
        for round in 0..<300 {
            // Past 64 documents the pairs are hashed rather than kept as bits: both are tried.
            let count =
                round % 10 == 0 ? Int.random(in: 60...150, using: &random) : Int.random(in: 1...30, using: &random)
            let graph = Self.randomGraph(count: count, using: &random)
            let highlight = round % 3 == 0 ? nil : "n\(Int.random(in: 0...count, using: &random))"
            let limit = [2, 3, 12, 100][round % 4]
            let layout = graph.arrange(maxNodesPerLayer: limit, highlight: highlight, collapsedHref: collapsed)
            let expected = graph.referenceArrange(
                maxNodesPerLayer: limit, highlight: highlight, collapsedHref: collapsed)
            #expect(layout.nodes == expected.nodes, "round \(round)")
            #expect(layout.edges == expected.edges, "round \(round)")
            #expect(layout.legend == expected.legend, "round \(round)")
            #expect(
                [layout.width, layout.height, layout.documentCount, layout.linkCount]
                    == [expected.width, expected.height, expected.documentCount, expected.linkCount],
                "round \(round)")
            #expect(layout.currentTitle == expected.currentTitle, "round \(round)")
        }
    }
}
