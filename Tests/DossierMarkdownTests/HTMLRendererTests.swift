@testable import DossierCore
@testable import DossierMarkdown
import Testing

/// Golden tests: Markdown in, exact HTML out.
@Suite struct HTMLRendererTests {
    struct Links: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? {
            url.hasSuffix(".md") ? String(url.dropLast(3)) + ".html" : url.hasSuffix(".py") ? nil : url
        }
        func wikiLink(_ target: String) -> (href: String, text: String)? {
            target == "known" ? ("known.html", "Known page") : nil
        }
    }

    func render(_ markdown: String, unsafe: Bool = false) -> String {
        let root = CMarkParser.parse(markdown)
        let analysis = MarkdownAnalysis(root)
        return HTMLRenderer(allowRawHTML: unsafe, headingIDs: analysis.headings.map(\.id)).render(root, links: Links())
    }

    @Test func headingsGetIDsAndAnchors() {
        #expect(
            render("# Hello World\n\n## Hello World") == """
                <h1 id="hello-world">Hello World<a class="anchor" href="#hello-world" aria-label="Link to this section">#</a></h1>
                <h2 id="hello-world-1">Hello World<a class="anchor" href="#hello-world-1" aria-label="Link to this section">#</a></h2>

                """)
    }

    @Test func paragraphsEmphasisAndLinks() {
        #expect(
            render("Read *this* and **that** in [the guide](guide.md \"Guide\").") == """
                <p>Read <em>this</em> and <strong>that</strong> in <a href="guide.html" title="Guide">the guide</a>.</p>

                """)
    }

    @Test func repositoryFileWithoutRepoURLIsShownNotLinked() {
        #expect(
            render("See [train](models/train.py).") == """
                <p>See <span class="repo-path" title="models/train.py">train</span>.</p>

                """)
    }

    @Test func wikiLinksResolveOrAreMarked() {
        #expect(
            render("[[known]], [[known|label]] and [[missing]]") == """
                <p><a class="xref" href="known.html">Known page</a>, <a class="xref" href="known.html">label</a> and <span class="xref-broken" title="unresolved reference">missing</span></p>

                """)
    }

    /// A README's `<a name="intro"></a>` table-of-contents anchor is kept, as an empty `<a id>`,
    /// with raw HTML off and on (the sanitizer drops `name` and `id`); other raw HTML is not.
    @Test func rawAnchorsAreKeptAsIDs() {
        for unsafe in [false, true] {
            let html = render("<a name=\"intro\"></a>\n# Intro\n\nSee <a id='x\"y'>here</a>.\n", unsafe: unsafe)
            #expect(html.hasPrefix("<p><a id=\"intro\"></a>"), "\(html)")
            #expect(!html.contains("name="))
            // A quote ends the value: that tag is not an anchor, and stays raw HTML.
            #expect(!html.contains("id=\"x"))
        }
        #expect(render("<a id=\"a<b\">\n").contains("raw HTML omitted"))
        let analysis = MarkdownAnalysis(
            CMarkParser.parse("<a name=\"intro\"></a>\n<b>x</b> <a id=top>\n\n## 1. Setup <a id='setup'></a>\n"))
        #expect(analysis.htmlAnchors == ["intro", "top", "setup"])
        #expect(analysis.headings.map(\.id) == ["1-setup"])
        #expect(analysis.rawHTML.map(\.excerpt) == ["<b>"])
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        #expect(
            render("<div onclick=\"x()\">hi</div>\n\ntext <b>bold</b>") == """
                <!-- raw HTML omitted -->
                <p>text <!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>

                """)
        #expect(
            render("<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">x</a>", unsafe: true) == """

                <p><a>x</a></p>

                """)
    }

    @Test func javascriptURLsNeverSurvive() {
        let html = render("[click](javascript:alert(1)) ![img](JaVaScRiPt:alert(2)) [ok](https://example.org)")
        #expect(!html.lowercased().contains("javascript:"))
        #expect(html.contains("<a href=\"https://example.org\">ok</a>"))
    }

    @Test func alertsBecomeCallouts() {
        #expect(
            render("> [!WARNING]\n> Mind the *gap*.") == """
                <div class="alert alert-warning" role="note"><p class="alert-title">Warning</p>
                <p>Mind the <em>gap</em>.</p>
                </div>

                """)
        #expect(
            render("> [!tip] Inline text") == """
                <div class="alert alert-tip" role="note"><p class="alert-title">Tip</p>
                <p>Inline text</p>
                </div>

                """)
        #expect(render("> [!OTHER]\n> plain quote").hasPrefix("<blockquote>"))
    }

    @Test func tablesTasksAndFootnotes() {
        #expect(
            render("| a | b |\n|:-:|---|\n| `x` | y |") == """
                <div class="table-wrap" tabindex="0" role="region" aria-label="Table: a, b"><table>
                <thead>
                <tr><th style="text-align:center">a</th><th>b</th></tr>
                </thead>
                <tbody>
                <tr><td style="text-align:center"><code>x</code></td><td>y</td></tr>
                </tbody>
                </table></div>

                """)
        #expect(
            render("- [x] done\n- [ ] todo") == """
                <ul class="tasks">
                <li><input type="checkbox" checked disabled> done</li>
                <li><input type="checkbox" disabled> todo</li>
                </ul>

                """)
        let footnote = render("Claim[^a] and[^b].\n\n[^b]: B.\n[^a]: Source.")
        #expect(footnote.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"))
        #expect(footnote.contains("<li id=\"fn-1\"><p>Source.</p>"))
        #expect(footnote.contains("<li id=\"fn-2\"><p>B.</p>"))
    }

    @Test func pseudocodeBlocksGetLineNumbers() {
        let html = render("```pseudocode\nfor each x do\n  return x\n```")
        #expect(html.hasPrefix("<div class=\"code pseudocode\"><pre tabindex=\"0\"><code>"))
        #expect(html.contains("<span class=\"ln\" aria-hidden=\"true\">1</span>"))
        #expect(html.contains("<span class=\"ln\" aria-hidden=\"true\">2</span>"))
        #expect(html.contains("<span class=\"tok-kw\">return</span>"))
    }

    @Test func codeBlocksAreHighlightedWithACopyButton() {
        let html = render("```python\ndef f(): return 1\n```")
        #expect(html.contains("<button class=\"copy\""))
        #expect(html.contains("class=\"language-python\""))
        #expect(html.contains("<span class=\"tok-kw\">def</span>"))
    }

    // A keyboard must reach whatever scrolls sideways (axe-core's scrollable-region-focusable):
    // code blocks are focusable, and a table's box is a named, focusable region.
    @Test func scrollingCodeAndTablesAreReachableByKeyboard() {
        #expect(render("```python\nx = 1\n```").contains("<pre tabindex=\"0\"><code class=\"language-python\">"))
        #expect(render("```\nplain\n```").contains("<pre tabindex=\"0\"><code>"))
        #expect(
            render("| Metric | *Value* |\n|---|---|\n| f1 | 1 |").hasPrefix(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table: Metric, Value\">"))
        #expect(
            render("| | |\n|---|---|\n| a | b |").hasPrefix(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">"))
        #expect(HTML.tableWrap(label: "Runs of \"a\"").contains("aria-label=\"Runs of &quot;a&quot;\""))
    }

    @Test func findingMessagesShowNamesAsCode() {
        #expect(HTML.message("column `a<b>` is missing") == "column <code>a&lt;b&gt;</code> is missing")
        #expect(HTML.message("a `b` and `c") == "a <code>b</code> and `c")
        #expect(HTML.message("no code <here>") == "no code &lt;here&gt;")
        #expect(HTML.message("``") == "<code></code>")
        #expect(HTML.message("`a``b`") == "<code>a</code><code>b</code>")
        // A backtick joined with a combining mark is another character, not a code delimiter.
        #expect(HTML.message("é `x` and `\u{301}y`") == "é <code>x</code> and `\u{301}y`")
    }
}
