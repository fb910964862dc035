import DossierCore

/// Fenced blocks that are not code to highlight: ```` ```math ````, ```` ```mermaid ```` and
/// ```` ```dot ````. Mermaid is drawn in the browser by the vendored script (see `PageAssets`);
/// Graphviz is run at build time, and without it the code is shown (the check reports why).
package enum DiagramBlock {
    /// The HTML for a block of `language`, or nil when it is ordinary code.
    package static func html(_ code: String, language: String, graphviz: GraphvizRenderer?) -> String? {
        switch language {
        case "math":
            return MathSpans.html(code.trimmingSuffixNewlines(), display: true)
        case "mermaid":
            return "<div class=\"diagram diagram-mermaid\"><pre class=\"mermaid\">" + HTML.escape(code)
                + "</pre></div>\n"
        case "dot", "graphviz":
            if let svg = graphviz?.render(code) {
                return "<div class=\"diagram diagram-dot\">" + svg + "</div>\n"
            }
            return
                "<div class=\"code diagram-unrendered\" data-lang=\"dot\"><pre tabindex=\"0\"><code class=\"language-dot\">"
                + HTML.escape(code) + "</code></pre></div>\n"
        default:
            return nil
        }
    }
}

extension String {
    fileprivate func trimmingSuffixNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
