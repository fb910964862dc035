@testable import DossierCore
@testable import DossierMarkdown
import Foundation
import Testing

/// Math is protected from Markdown (GitHub's rules), diagrams render or stay readable.
@Suite struct MathAndDiagramTests {
    struct Links: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? { url }
        func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
    }

    func render(_ markdown: String, graphviz: GraphvizRenderer? = nil) -> String {
        var renderer = HTMLRenderer()
        renderer.graphviz = graphviz
        return renderer.render(MathSpans.parse(markdown), links: Links())
    }

    @Test func emphasisInsideMathStaysTeX() {
        #expect(render("Take $a*b*c$ now.") == "<p>Take <span class=\"math math-inline\">a*b*c</span> now.</p>\n")
    }

    @Test func escapedBracesStayEscaped() {
        #expect(render("Set $\\{a\\}$.") == "<p>Set <span class=\"math math-inline\">\\{a\\}</span>.</p>\n")
    }

    @Test func pipeInsideMathDoesNotSplitATableCell() {
        let html = render("| p | note |\n| --- | --- |\n| $p(y|x)$ | posterior |\n")
        #expect(html.contains("<td><span class=\"math math-inline\">p(y|x)</span></td><td>posterior</td>"))
    }

    @Test func moneyStaysText() {
        #expect(render("It costs $5 and $10.") == "<p>It costs $5 and $10.</p>\n")
        #expect(render("Between $ 5 and 6 $ here.") == "<p>Between $ 5 and 6 $ here.</p>\n")
    }

    @Test func displayMathSpansLinesAndKeepsLaterLines() {
        let root = MathSpans.parse("$$\nx^2\n+ y$$\n\nAfter")
        #expect(root.children.first?.kind == .math(display: true))
        #expect(root.children.first?.literal == "\nx^2\n+ y")
        #expect(root.children.last?.line == 5)
        #expect(render("$$x_1 * y_2 * z$$") == "<div class=\"math math-display\">x_1 * y_2 * z</div>\n")
    }

    @Test func codeIsNotMath() {
        #expect(render("Run `echo $a$` and\n\n```sh\necho $HOME$x\n```\n").contains("<code>echo $a$</code>"))
        #expect(!render("```sh\necho $HOME$x\n```\n").contains("math"))
    }

    @Test func escapedDollarIsNotMath() {
        #expect(render("Not \\$x$ math.") == "<p>Not $x$ math.</p>\n")
    }

    @Test func mathFenceIsDisplayMath() {
        #expect(render("```math\n\\frac{a}{b}\n```\n") == "<div class=\"math math-display\">\\frac{a}{b}</div>\n")
    }

    @Test func mathTeXIsEscaped() {
        #expect(render("$a<b$") == "<p><span class=\"math math-inline\">a&lt;b</span></p>\n")
    }

    @Test func mermaidBecomesADiagramContainer() {
        #expect(
            render("```mermaid\ngraph LR\n  A-->B\n```\n")
                == "<div class=\"diagram diagram-mermaid\"><pre class=\"mermaid\">graph LR\n  A--&gt;B\n</pre></div>\n")
    }

    @Test func dotWithoutGraphvizIsShownAsCode() {
        let html = render("```dot\ndigraph { a -> b }\n```\n", graphviz: nil)
        #expect(html.contains("diagram-unrendered"))
        #expect(html.contains("digraph { a -&gt; b }"))
        #expect(GraphvizRenderer.locate(explicit: "/nonexistent/dot") == nil)
    }

    @Test func dotRendersToSanitizedInlineSVG() throws {
        guard let dot = GraphvizRenderer.locate() else { return }  // install-deps installs graphviz
        let source = "digraph { a [URL=\"javascript:alert(1)\"]; a -> b }"
        let html = render("```dot\n\(source)\n```\n", graphviz: GraphvizRenderer(executable: dot))
        #expect(html.hasPrefix("<div class=\"diagram diagram-dot\"><svg"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<!--"))
        #expect(!html.contains("<?xml"))
    }

    @Test func svgSanitizerDropsScriptForeignObjectAndHandlers() throws {
        let svg =
            "<?xml version=\"1.0\"?><svg onload=\"x()\"><script>alert(1)</script><g onclick='y()'>"
            + "<foreignObject><div>hi</div></foreignObject><a xlink:href=\"javascript:z()\"><text>t</text></a></g></svg>"
        let clean = try #require(GraphvizRenderer.sanitize(svg))
        #expect(clean == "<svg><g><text>t</text></g></svg>")
    }

    @Test func dotTooLargeIsNotRun() {
        let huge = String(repeating: "a -> b;\n", count: GraphvizRenderer.maxInputBytes / 8 + 1)
        #expect(GraphvizRenderer(executable: "/bin/true").render("digraph {\(huge)}") == nil)
    }
}
