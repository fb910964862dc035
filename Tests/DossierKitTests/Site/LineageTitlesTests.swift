@testable import DossierSite
import Testing

/// The build's wrapped titles are the lines `LineageGraph` wraps itself, made once per document.
@Suite struct LineageTitlesTests {
    @Test func keepsTheLinesWrappingMakesAndAsksForATitleOnce() {
        let titles = LineageTitles(documentCount: 2)
        let long = "A rather long title for a lineage node that has to wrap onto several lines, and more"
        var asked = 0
        let first = titles.lines(of: 1) {
            asked += 1
            return long
        }
        let again = titles.lines(of: 1) {
            asked += 1
            return "a different title"
        }
        #expect(first == LineageGraph.wrappedTitle(long))
        #expect(first.count > 1)
        #expect(again == first)
        #expect(asked == 1)
        // An index past the documents (never asked by a page) is wrapped, not kept.
        #expect(titles.lines(of: 5) { "Short" } == LineageGraph.wrappedTitle("Short"))
    }

    @Test func nodesGivenTheirLinesDrawAsNodesWithout() {
        let titles = ["Raw penguins measured at three islands over three seasons", "Penguins"]
        func graph(wrapped: Bool) -> LineageGraph {
            LineageGraph(
                nodes: titles.enumerated().map { index, title in
                    LineageGraph.Node(
                        id: "n\(index)", kind: index == 0 ? "data-source" : "schema", title: title,
                        href: "n\(index).html", state: "fresh",
                        titleLines: wrapped ? LineageGraph.wrappedTitle(title) : nil)
                },
                edges: [LineageGraph.Edge(from: "n0", to: "n1", role: "source")])
        }
        #expect(graph(wrapped: true).html(highlight: "n1") == graph(wrapped: false).html(highlight: "n1"))
    }
}
