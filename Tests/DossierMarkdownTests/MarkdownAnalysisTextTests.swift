@testable import DossierMarkdown
import Testing

/// `check` analyses bodies without building the search text (`keepingText: false`); what it
/// keeps must be what the full analysis finds, the mkdocstrings objects (found in that text) most of all.
@Suite struct MarkdownAnalysisTextTests {
    static let bodies = [
        "::: pkg.module\n",
        "# ::: heading.object\n\nText.\n",
        "Intro\n\n::: a.b\n    options:\n      show_source: false\n\n::: c.d\n",
        // An entity for a line end inside a paragraph starts a new line of the text.
        "foo&#10;::: from.entity\n",
        "&#58;&#58;&#58; entity.colons\n",
        "\\:\\:\\: escaped.colons\n",
        // Colons split across text and code spans.
        "::`:` split.nodes\n",
        "| a | b |\n|---|---|\n| ::: in.row | x |\n",
        "| ::: in.header | b |\n|---|---|\n| 1 | 2 |\n",
        "- ::: in.list\n- > ::: in.quote\n",
        "```\n::: in.code.block\n```\n",
        "<div>\n::: in.html\n</div>\n",
        "$$\n::: in.math\n$$\n\nand $::: inline.math$ too\n",
        "::: a\n::: b\n",
        "a::: not.start\n\n:::\n\n::: \n\n:::x\n",
        "Time 10:30, ratio 1:2, url http://x.y/z:1\n",
    ]

    @Test(arguments: bodies) func withoutTextFindsWhatTheFullAnalysisFinds(_ body: String) {
        let root = MathSpans.parse(body)
        let full = MarkdownAnalysis(root, lineOffset: 3)
        let lean = MarkdownAnalysis(root, lineOffset: 3, keepingText: false)
        #expect(lean.text.isEmpty)
        #expect(lean.autodocObjects == full.autodocObjects)
        #expect(lean.autodocObjects == MarkdownAnalysis.autodocObjects(in: full.text))
        #expect(lean.headings == full.headings)
        #expect(lean.links == full.links)
        #expect(lean.wikiLinks == full.wikiLinks)
        #expect(lean.tables == full.tables)
        #expect(lean.codeBlocks == full.codeBlocks)
        #expect(lean.rawHTML == full.rawHTML)
    }

    @Test func theTrickyBodiesDoDocumentObjects() {
        // Guards the test above against passing because nothing was found at all.
        let found = Self.bodies.flatMap { MarkdownAnalysis(MathSpans.parse($0)).autodocObjects }
        #expect(found.contains("from.entity"))
        #expect(found.contains("in.rowx"))  // a row's cells run together in the text
        #expect(found.contains("heading.object"))
    }
}
