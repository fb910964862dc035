@testable import DossierMarkdown
import Testing

/// MkDocs Material admonitions and content tabs (issue 14, item 5).
@Suite struct MkDocsSyntaxTests {
    struct NoLinks: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? { url }
        func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
    }

    static func html(_ markdown: String) -> String {
        HTMLRenderer().render(CMarkParser.parse(MkDocsSyntax.rewrite(markdown)), links: NoLinks())
    }

    @Test func admonitionsRenderAsCallOuts() {
        let html = Self.html(
            """
            Before.

            !!! note "Read <this>"
                The **content**, indented.

                ```python
                x = 1
                ```

            After.
            """)
        #expect(
            html.contains(
                "<div class=\"admonition note\" role=\"note\"><p class=\"admonition-title\">Read &lt;this&gt;</p>"),
            "\(html)")
        #expect(html.contains("<p>The <strong>content</strong>, indented.</p>"))
        #expect(html.contains("language-python"))
        #expect(html.contains("</div>\n<p>After.</p>"), "\(html)")
        #expect(!html.contains("raw HTML omitted"))
    }

    @Test func collapsibleAdmonitionsAreDetails() {
        let closed = Self.html("??? warning\n    Hidden until opened.\n")
        #expect(closed.contains("<details class=\"admonition warning\"><summary>Warning</summary>"), "\(closed)")
        #expect(closed.contains("Hidden until opened.") && closed.contains("</details>"))
        let open = Self.html("???+ tip \"Open\"\n    Shown.\n")
        #expect(open.contains("<details class=\"admonition tip\" open><summary>Open</summary>"), "\(open)")
    }

    @Test func consecutiveTabsFormOneSet() {
        let html = Self.html(
            """
            === "pip"

                ```sh
                pip install x
                ```

            === "uv"

                uv add x

            Text after.
            """)
        #expect(html.components(separatedBy: "class=\"tabbed-set\"").count == 2, "\(html)")
        #expect(
            html.contains(
                "<input type=\"radio\" name=\"tabset-1\" id=\"tabset-1-1\" checked><label for=\"tabset-1-1\">pip</label>"
            ))
        #expect(html.contains("<label for=\"tabset-1-2\">uv</label>"))
        #expect(html.contains("language-sh") && html.contains("<p>uv add x</p>"), "\(html)")
        #expect(html.hasSuffix("</div>\n</div>\n<p>Text after.</p>\n"), "\(html)")
    }

    /// Line numbers survive, so findings in MkDocs pages point at the right lines.
    @Test func linesKeepTheirNumbers() {
        let text = "# T\n\n!!! note\n    A [link](missing.md).\n\nEnd.\n"
        let rewritten = MkDocsSyntax.rewrite(text)
        #expect(
            rewritten.split(separator: "\n", omittingEmptySubsequences: false).count
                == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(rewritten.split(separator: "\n", omittingEmptySubsequences: false)[3] == "A [link](missing.md).")
    }

    @Test func codeAndOrdinaryTextAreLeftAlone() {
        let text = "```\n!!! note\n    not an admonition\n```\n\na === b\n"
        #expect(MkDocsSyntax.rewrite(text) == text)
        // A hand-written directive can only open a call-out, escaped, and is closed at the end.
        let html = Self.html("<!--dossier:admonition x\"><script> plain a-->\n\ntext\n")
        #expect(!html.contains("<script>") && html.hasSuffix("</div>\n"), "\(html)")
    }
}
