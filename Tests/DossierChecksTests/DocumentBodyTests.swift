@testable import DossierChecks
import DossierCore
@testable import DossierFormats
@testable import DossierMarkdown
@testable import DossierModel
import DossierTestSupport
import Testing

/// The Markdown body is kept as text and parsed when its page renders (`DocumentBody`): `check`
/// keeps none of it, and what checks read of it comes from the analysis taken at load.
@Suite struct DocumentBodyTests {
    static let flow = """
        ---
        title: Flow
        ---
        # Flow

        !!! note "Drawn"
            The loss $\\mathcal{L}$ is drawn below.

        | column | type | description |
        |---|---|---|
        | a | integer | the [[flow]] count |

        - a step

          ```dot
          digraph { a -> b }
          ```

        """

    @Test func checkKeepsNoBodyAndFindsTheSame() throws {
        let project = try TemporaryProject([
            "README.md":
                "# Home\n\nSee [the model](docs/api.md#pkg.api.Model.fit) and [a miss](docs/api.md#nowhere).\n",
            "docs/api.md": "# API\n\n::: pkg.api.Model\n", "docs/flow.md": Self.flow,
        ])
        defer { project.remove() }
        let options = BuildOptions(dot: "/nonexistent/dot")
        let checked = try ProjectLoader.load(
            root: project.path, options: options, timings: PhaseTimer(), forSite: false)
        let built = try ProjectLoader.load(root: project.path, options: options, timings: PhaseTimer())
        #expect(checked.documents.allSatisfy { if case .dropped = $0.body { true } else { false } })
        // A build renders each body at load and keeps that for the page, not the text.
        let prepared = try #require(built.preparedBodies)
        #expect(built.documents.allSatisfy { if case .dropped = $0.body { prepared.holds($0.path) } else { false } })
        #expect(checked.documents.allSatisfy { $0.analysis.text.isEmpty })
        #expect(built.documents.allSatisfy { !$0.analysis.text.isEmpty })
        #expect(checked.findings == built.findings)
        // An anchor mkdocstrings makes is no finding without the text; a real miss still is.
        #expect(
            checked.findings.with(rule: "reference.missing-anchor").map(\.message) == [
                "`#nowhere` is not a heading of docs/api.md"
            ])
        // The `dot` block in a list item is found from the analysis, at its fence's line.
        let missing = checked.findings.with(rule: "diagram.graphviz-missing")
        #expect(missing.map(\.location.line) == [15])
    }

    @Test func theRenderedTreeIsTheTreeLoadingAnalysed() throws {
        let (loaded, _) = DocumentLoader.load(path: "docs/flow.md", text: Self.flow)
        let document = try #require(loaded)
        let split = FrontMatter.split(Self.flow)
        let tree = document.body.parsed()
        #expect(tree == MathSpans.parse(MkDocsSyntax.rewrite(split.body)))
        #expect(MarkdownAnalysis(tree, lineOffset: split.bodyLineOffset).headings == document.analysis.headings)
        #expect(MarkdownAnalysis(tree, lineOffset: split.bodyLineOffset).tables == document.analysis.tables)
        #expect(tree.children.contains { if case .table = $0.kind { true } else { false } })
        #expect(document.analysis.codeBlocks == [MarkdownAnalysis.CodeBlock(language: "dot", line: 15)])
    }
}
