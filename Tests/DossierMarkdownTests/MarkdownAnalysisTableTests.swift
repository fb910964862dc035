@testable import DossierMarkdown
import Testing

/// Links and `[[…]]` inside table cells are collected like those of paragraphs, so a broken one
/// in a schema or runs table is a finding before the page renders it as a link.
@Suite struct MarkdownAnalysisTableTests {
    @Test func collectsWikiLinksAndLinksInTableCells() {
        let root = CMarkParser.parse(
            """
            | Key | Description |
            |---|---|
            | a | Becomes [[penguins.species]]. |
            | b | See [the guide](guide.md) and ![plot](plot.png). |
            """)
        let analysis = MarkdownAnalysis(root, lineOffset: 10)
        #expect(analysis.wikiLinks.map(\.target) == ["penguins.species"])
        #expect(analysis.wikiLinks.first?.line == 13)
        #expect(analysis.links.map(\.url) == ["guide.md", "plot.png"])
        #expect(analysis.links.map(\.isImage) == [false, true])
        // Each row is still one line of search text.
        #expect(analysis.text.contains("See the guide and plot"))
        #expect(analysis.tables.first?.rows.count == 2)
    }
}
