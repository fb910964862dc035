@testable import DossierMarkdown
import DossierTestSupport
import Foundation
import Testing

/// A build renders each body at load with the page's parts left open (`HTMLRenderer.prepare`)
/// and closes them when the page renders (`PreparedHTML.fill`): the page must be exactly what
/// rendering the tree with the page's links and settings makes.
@Suite struct PreparedHTMLTests {
    /// Links as a page resolves them: some to pages, some not at all (a repository file without
    /// `repo_url`), wiki links known or not.
    struct Links: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? {
            url.hasSuffix(".md") ? String(url.dropLast(3)) + ".html" : url.hasSuffix(".py") ? nil : url
        }
        func wikiLink(_ target: String) -> (href: String, text: String)? {
            target == "known" ? ("known.html", "Known & page") : nil
        }
    }

    /// Renders both ways with every combination of the settings `fill` decides.
    private func expectSame(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let root = MathSpans.parse(markdown)
        let ids = MarkdownAnalysis(root).headings.map(\.id)
        for allowRawHTML in [false, true] {
            for dropFirstH1 in [false, true] {
                for replacements in [[:], [0: "<p>first table</p>\n"], [1: "<p>second</p>\n", 2: "<p>third</p>\n"]] {
                    let prepared = HTMLRenderer(headingIDs: ids).prepare(root, leavingTables: Set(replacements.keys))
                    let expected = HTMLRenderer(
                        allowRawHTML: allowRawHTML, tableReplacements: replacements, headingIDs: ids,
                        dropFirstH1: dropFirstH1
                    ).render(root, links: Links())
                    let filled = prepared.fill(
                        links: Links(),
                        closing: PreparedHTML.Closing(
                            allowRawHTML: allowRawHTML, dropFirstH1: dropFirstH1, tableReplacements: replacements))
                    #expect(filled == expected, sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func closesEveryPartAsTheRendererRendersIt() {
        expectSame(
            """
            Before the title [a](a.md).

            # Title with *emphasis*, `code` and [a link](a.md) [[known|label]]

            Intro [[known]], [[missing]], [[missing|shown]], [[known|]], [a path](train.py "T"), a
            www.example.org autolink, ![image](fig.png "title"), ![kept alt *x*](model.py) and
            <span>inline html</span><!-- c --></b> <a name="here"></a>, [outer [[known]] in](b.md)
            and [javascript](javascript:alert(1)) ![bad](javascript:x).

            # A second level-one heading

            | key | type | notes |
            |:----|:----:|------:|
            | id  | *integer* | [[known]] and [x](y.md) <br> |

            ```dot
            digraph { a -> b }
            ```

            ```mermaid
            graph TD; a-->b
            ```

            <div>
            block <b>html</b>
            </div>

            > [!NOTE]
            > An alert with [a link](a.py).

            !!! note "Title"
                Admonished [[known]].

            | second | table |
            |---|---|
            | [p](q.py) | 2 |

            Math $x^2$ and a footnote[^1].

            [^1]: The footnote with [[known]] and [l](l.md).
            """)
        expectSame("")
        expectSame("# Only a title\n")
        expectSame("## No level one\n\n[[known]]")
    }

    @Test func closesRandomBodiesAsTheRendererRendersThem() {
        let pieces = [
            "# Title *x*\n", "## H `c` <a id=\"k\"></a>\n", "Setext\n===\n", "text ", "*em* ", "**strong** ",
            "~~gone~~ ", "`code` ", "[l](a.md#s) ", "[p](x.py) ", "![i](p.png) ", "![j](q.py \"t\") ",
            "[[known|label]] ", "[[known]] ", "[[gone]] ", "[[", "]] ", "\\\n", "\n", "\n\n", "<b>", "</b>",
            "<!-- c -->", "<div>\nblock\n</div>\n", "| k | t |\n|---|:--:|\n| [a](b.py) | *b* |\n",
            "```dot\na -> b\n```\n", "```py\nprint(1)\n```\n", "> quote ", "- item ", "1. first ", "- [x] done ",
            "[^1] ", "[^1]: note [[known]]\n", "é ✓ ", "&amp; ", "$x$ ", "$$\ny\n$$\n", "[a [b](c.md) d](e.py) ",
        ]
        var generator = SeededGenerator(seed: 0x0B0D_1E5)
        for _ in 0..<300 {
            let count = Int(generator.next() % 30)
            expectSame((0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
    }

    /// A Graphviz block is drawn when the page is, with the project's `dot`.
    /// A NUL marks an open part, so text that reads as one must never reach the prepared bytes:
    /// cmark-gfm turns `&#0;` and friends into U+FFFD.
    @Test func charactersThatSpellNULStayText() {
        expectSame("A &#0; and &#x0; and &#00000; [[known]] `&#0;` [a](a.md) &#0;\n\n```\n&#0;\n```\n")
    }

    /// Prepared bytes cut anywhere (never written so, but read back from a file) fill without
    /// crashing or reading past their end: a cut part reads as empty.
    @Test func bytesCutAnywhereStillFill() {
        let root = MathSpans.parse("# T\n\nSee [a](a.md \"t\"), [[known|k]], ![i](f.png) and <b>raw</b>.\n")
        let prepared = HTMLRenderer().prepare(root)
        for length in 0...prepared.bytes.count {
            let cut = PreparedHTML(bytes: Array(prepared.bytes.prefix(length)))
            let filled = cut.fill(links: Links(), closing: PreparedHTML.Closing(allowRawHTML: false, dropFirstH1: true))
            #expect(!filled.utf8.contains(0))
        }
    }

    @Test func leavesGraphvizDiagramsToThePage() {
        let root = MathSpans.parse("```dot\ndigraph { a -> b }\n```\n")
        let prepared = HTMLRenderer().prepare(root)
        #expect(prepared.bytes.contains(0))
        let filled = prepared.fill(links: Links(), closing: PreparedHTML.Closing(allowRawHTML: false))
        #expect(filled == HTMLRenderer().render(root, links: Links()))
        #expect(filled.contains("diagram-unrendered"))
    }
}
