@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Issue 13 items 2–3 end to end: math and diagram assets only where used, `dot` drawn at build
/// time, and a finding with the code shown when `dot` is missing.
@Suite struct DiagramBuildTests {
    static let files = [
        "README.md": "# Home\n\nNo formulas here, it costs $5 and $10.",
        "docs/math.md": "# Math\n\nThe loss $\\mathcal{L} = -\\sum_i y_i \\log p_i$.\n",
        "docs/flow.md": "# Flow\n\n```mermaid\ngraph LR\n  A-->B\n```\n\n```dot\ndigraph { a -> b }\n```\n",
    ]

    @Test func missingDotIsAFindingAtTheBlockAndTheCodeIsShown() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let options = BuildOptions(dot: "/nonexistent/dot")
        let loaded = try project.load(options)
        let missing = loaded.findings.with(rule: "diagram.graphviz-missing")
        #expect(missing.map(\.location.path) == ["docs/flow.md"])
        #expect(missing.first?.location.line == 8)
        _ = try Dossier.build(path: project.path, options: options)
        let page = try #require(project.read("site/docs/flow.html"))
        #expect(page.contains("diagram-unrendered"))
        #expect(page.contains("digraph { a -&gt; b }"))
    }

    @Test func dotIsDrawnAsInlineSVGAndAssetsAreLoadedOnlyWhereUsed() throws {
        let probe = try TemporaryProject(["README.md": "# R"])
        defer { probe.remove() }
        guard try probe.load().graphvizExecutable != nil, PageAssets.hasKaTeX, PageAssets.mermaid != nil else {
            Issue.record("scripts/install-deps.sh installs graphviz, libjs-katex and Mermaid; run it")
            return
        }
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        #expect(try project.load().findings.with(rule: "diagram.graphviz-missing").isEmpty)
        _ = try Dossier.build(path: project.path)
        let flow = try #require(project.read("site/docs/flow.html"))
        #expect(flow.contains("<div class=\"diagram diagram-dot\"><svg"))
        #expect(flow.contains("<pre class=\"mermaid\">"))
        #expect(flow.contains("../dossier/assets/mermaid/mermaid.min.js"))
        #expect(!flow.contains("katex"))
        let math = try #require(project.read("site/docs/math.html"))
        #expect(math.contains("../dossier/assets/katex/katex.min.js"))
        #expect(!math.contains("mermaid"))
        let home = try #require(project.read("site/index.html"))
        #expect(!home.contains("katex") && !home.contains("mermaid.min.js"))
        #expect(home.contains("costs $5 and $10"))
        for file in [
            "katex/katex.min.js", "katex/katex.min.css", "katex/LICENSE.txt", "katex/render-math.js",
            "katex/fonts/KaTeX_Main-Regular.woff2", "mermaid/mermaid.min.js", "mermaid/LICENSE.txt",
            "mermaid/render-mermaid.js",
        ] {
            #expect(project.exists("site/dossier/assets/" + file), "\(file)")
        }
    }

    @Test func noMathNoDiagramNoAssets() throws {
        let project = try TemporaryProject(["README.md": "# Home\n\nPlain."])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        #expect(!project.exists("site/dossier/assets/katex"))
        #expect(!project.exists("site/dossier/assets/mermaid"))
    }
}
