@testable import DossierSite
import DossierTestSupport
import Testing

/// The byte writer of the lineage drawing writes what the String writer it replaced wrote, and
/// the list of links beside it is the list the code before its one-pass grouping made.
@Suite struct LineageSVGBytesTests {
    @Test func byteWriterAndListAreWhatTheyWere() {
        var random = SeededGenerator(seed: 1015)
        let kinds = LineageGraph.Layer.allCases.map(\.kind) + ["page", "notebook"]
        let states = ["fresh", "stale", "broken", "drift", "unknown", "weird"]
        // Titles that wrap, need escaping, carry characters XML drops, are wide or empty.
        let titles = [
            "A", "Churn model", "A remarkably long experiment title that needs three lines or more to fit",
            "R&D <b>\"quoted\"</b> it's", "tab\there\r\nline", "bell\u{7}\u{FFFE}\u{FFFF}", "企鹅数据集 and more text",
            "emoji 🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪", "", "   spaced    out   ", String(repeating: "x", count: 60),
        ]
        let hrefs = ["", "a.html", "../b/c.html?x=1&y=2", "javascript:alert(1)", "https://e.org/a\"b", " d.html"]
        for round in 0..<120 {
            let count = Int.random(in: 1...30, using: &random)
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
                let from = Int.random(in: 0..<count, using: &random)
                let to = Int.random(in: 0..<count, using: &random)
                edges.append(LineageGraph.Edge(from: "n\(from)", to: "n\(to)", role: "uses"))
            }
            let graph = LineageGraph(nodes: nodes, edges: edges)
            let highlight = round % 3 == 0 ? nil : "n\(Int.random(in: 0..<count, using: &random))"
            let limit = [2, 3, 12][round % 3]
            let collapsed = ["model": "../dossier/catalog/model.html", "schema": "s&t.html"]
            let layout = graph.arrange(maxNodesPerLayer: limit, highlight: highlight, collapsedHref: collapsed)
            let expected = layout.nodes.isEmpty ? "" : ReferenceSVGWriter.render(layout)
            #expect(
                graph.svg(highlight: highlight, maxNodesPerLayer: limit, collapsedHref: collapsed) == expected,
                "round \(round)")
            #expect(LineageLinks.html(layout) == ReferenceLineageLinks.html(layout), "round \(round)")
            // The page's list and drawing, written into one buffer, are the two joined as before.
            let drawn = !layout.nodes.isEmpty && (highlight == nil || layout.nodes.count > 1)
            let page =
                drawn
                ? ReferenceLineageLinks.html(layout) + "<div class=\"graph\">" + expected + "</div>\n" : ""
            #expect(
                graph.html(highlight: highlight, maxNodesPerLayer: limit, collapsedHref: collapsed) == page,
                "round \(round)")
        }
    }
}
