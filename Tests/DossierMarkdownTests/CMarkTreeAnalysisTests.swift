@testable import DossierMarkdown
import Foundation
import Testing

/// `check` reads what it needs of a body from cmark-gfm's tree without copying it
/// (`MathSpans.analysisReporting`); it must find exactly what analysing the copied tree finds.
@Suite struct CMarkTreeAnalysisTests {
    /// The analysis of the copied tree, the way `check` made it before.
    private func copied(_ markdown: String, lineOffset: Int) -> (MarkdownAnalysis, [MarkdownParseNote]) {
        let (root, notes) = MathSpans.parseReporting(markdown)
        return (MarkdownAnalysis(root, lineOffset: lineOffset, keepingText: false), notes)
    }

    private func expectSame(
        _ markdown: String, lineOffset: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let (expected, expectedNotes) = copied(markdown, lineOffset: lineOffset)
        let (read, notes) = MathSpans.analysisReporting(markdown, lineOffset: lineOffset)
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
        // Read from the C tree, not from a copy.
        #expect(CMarkParser.analysisReporting("# T\n\ntext [[x]]\n", lineOffset: 0) != nil)
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
