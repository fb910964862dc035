@testable import DossierMarkdown
import DossierTestSupport
import Foundation
import Testing

/// Loading reads what it needs of a body from cmark-gfm's tree without copying it
/// (`MathSpans.analysisReporting`): `check` without the search text, a build with it. It must find
/// exactly what analysing the copied tree finds.
@Suite struct CMarkTreeAnalysisTests {
    /// The analysis of the copied tree, the way loading made it before.
    private func copied(
        _ markdown: String, lineOffset: Int, keepingText: Bool
    ) -> (MarkdownAnalysis, [MarkdownParseNote]) {
        let (root, notes) = MathSpans.parseReporting(markdown)
        return (MarkdownAnalysis(root, lineOffset: lineOffset, keepingText: keepingText), notes)
    }

    /// Compares both ways, with and without the search text.
    private func expectSame(
        _ markdown: String, lineOffset: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectSame(markdown, lineOffset: lineOffset, keepingText: false, sourceLocation: sourceLocation)
        expectSame(markdown, lineOffset: lineOffset, keepingText: true, sourceLocation: sourceLocation)
    }

    private func expectSame(
        _ markdown: String, lineOffset: Int, keepingText: Bool, sourceLocation: SourceLocation
    ) {
        let (expected, expectedNotes) = copied(markdown, lineOffset: lineOffset, keepingText: keepingText)
        let (read, notes) = MathSpans.analysisReporting(markdown, lineOffset: lineOffset, keepingText: keepingText)
        #expect(read.headings == expected.headings, sourceLocation: sourceLocation)
        #expect(read.wikiLinks == expected.wikiLinks, sourceLocation: sourceLocation)
        #expect(read.links == expected.links, sourceLocation: sourceLocation)
        #expect(read.tables == expected.tables, sourceLocation: sourceLocation)
        #expect(read.rawHTML == expected.rawHTML, sourceLocation: sourceLocation)
        #expect(read.htmlAnchors == expected.htmlAnchors, sourceLocation: sourceLocation)
        #expect(read.codeBlocks == expected.codeBlocks, sourceLocation: sourceLocation)
        #expect(read.autodocObjects == expected.autodocObjects, sourceLocation: sourceLocation)
        #expect(read.text == expected.text, sourceLocation: sourceLocation)
        #expect(notes == expectedNotes, sourceLocation: sourceLocation)
    }

    @Test func readsWhatTheCopyHolds() {
        expectSame(
            """
            # Title with *emphasis*, `code` and [a link](a.md) [[wiki|label]]

            Intro [[penguins.species]] and [[ spaced | label ]], a www.example.org autolink,
            mail a@example.org, ![image](fig.png "title") and <span>inline html</span><!-- c --></b>.
            An anchor <a name="here"></a> in the text.
            Soft break above; hard break here\\
            next line with ~~strike~~ and a footnote[^1].

            ## Heading two {#custom} <a id='two'></a> *<a name="deep">*

            | key | type: kind | notes |
            |:----|:----------:|------:|
            | id  | *integer*  | [[schema]] and [x](y.md) |
            | b   | `str: x`   | <br> |

            ```Python extra words
            print("::: not.autodoc")
            ```

                indented code

            <details>
            <summary>More</summary>
            </details>

            > quote with [[quoted]] and
            > - a list item [link](l.md)
            >   1. nested [[deep]]

            - [x] task done
            - [ ] task open: with a colon

            ::: package.module.Object
            ::: other.thing

            ---

            [^1]: The footnote with [[fn-link]].
            """, lineOffset: 7)
        // Read from the C tree, not from a copy, with the search text too.
        #expect(CMarkParser.analysisReporting("# T\n\ntext [[x]]\n", lineOffset: 0) != nil)
        let read = CMarkParser.analysisReporting("# T\n\ntext *a* [[x]]\n", lineOffset: 0, keepingText: true)
        #expect(read?.analysis.text == "T\ntext a [[x]] \n")
        expectSame("")
        expectSame("plain text only")
        expectSame("# A\n\n# A\n\n## A\n")
        expectSame("[[a]][[b]] [[ ]] [[x|]] [[[y]]] [[unclosed\n[[z]]")
    }

    /// Bodies the copy handles apart: formulas, runs the guard shows as plain text, crowded
    /// bare URLs (autolink left out), nesting deeper than `maxDepth`.
    @Test func readsTheSameWhereTheCopyIsSpecial() {
        expectSame("Euler: $e^{i\\\\pi} + 1 = 0$ and\n\n$$\n\\\\int x\n$$\n\n# Heading $x$\n")
        expectSame("# T\n\n" + String(repeating: "![[]()", count: 20_000) + "\n\n[[after]]\n")
        expectSame("See https://example.org.\n\n" + String(repeating: "<http://a", count: 3_000) + "\n\n[[x]]: y\n")
        expectSame(String(repeating: "> ", count: 99) + "[[deep]] *a*\n")
        // The reader leaves these to the copy.
        #expect(CMarkParser.analysisReporting(String(repeating: "![[]()", count: 20_000), lineOffset: 0) == nil)
        let nested = String(repeating: "*a ", count: 150) + "[[x]]" + String(repeating: " a*", count: 150) + "\n"
        #expect(CMarkParser.analysisReporting(nested, lineOffset: 0) == nil)
        expectSame(String(repeating: "*a ", count: 150) + "[[x]]" + String(repeating: " a*", count: 150) + "\n")
        expectSame(String(repeating: "[", count: 120) + "x" + String(repeating: "](u)", count: 120) + "\n")
    }

    /// Bodies pieced together at random from Markdown's constructs, including crowded and
    /// unclosed ones, each read both ways.
    @Test func readsRandomBodiesAsTheCopyDoes() {
        let pieces = [
            "# Title *x*\n", "## H `c` <a id=\"k\"></a>\n", "Setext\n---\n", "text ", "*em* ", "**strong** ",
            "~~gone~~ ", "`code: x` ", "[l](a.md#s) ", "![i](p.png) ", "[[wiki|label]] ", "[[a]][[b]] ", "[[",
            "]] ", "\\\n", "  \n", "\n", "\n\n", "<b>", "</b>", "<!-- c -->", "<div>\nblock\n</div>\n",
            "| k | t: v |\n|---|:--:|\n| a | *b* |\n", "```py x\nprint(1)\n```\n", "    indented\n",
            "> quote ", "- item ", "1. first ", "- [x] done ", "[^1] ", "[^1]: note\n", "::: pkg.Obj\n",
            "www.example.org ", "a@b.org ", "é ü ✓ ", "日本語 ", "&amp; &#x41; ", "$", "$x$ ", "$$\ny\n$$\n", "\t",
        ]
        var generator = SeededGenerator(seed: 0x0A11_1A55)
        for _ in 0..<400 {
            let count = Int(generator.next() % 40)
            let body = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            expectSame(body, lineOffset: Int(generator.next() % 5))
        }
    }

    /// Every page of Dossier's own documentation and of the example project.
    @Test func readsTheRepositorysPagesAsTheCopyDoes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var pages: [URL] = []
        for folder in ["docs", "ExampleProject"] {
            let enumerator = FileManager.default.enumerator(
                at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "md" { pages.append(url) }
            }
        }
        #expect(pages.count > 10)
        for page in pages.sorted(by: { $0.path < $1.path }) {
            expectSame(try String(contentsOf: page, encoding: .utf8), lineOffset: 3)
        }
    }
}
