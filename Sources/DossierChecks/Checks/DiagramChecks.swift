import DossierCore
import DossierModel

/// Findings about diagrams that cannot be drawn in this build.
package enum DiagramChecks {
    /// One warning per ```` ```dot ```` block when Graphviz is not installed: the page shows the
    /// code instead of the diagram, and the reader should know why.
    package static func missingGraphviz(_ documents: [Document]) -> [Finding] {
        var findings: [Finding] = []
        for document in documents {
            for block in document.analysis.codeBlocks where block.language == "dot" || block.language == "graphviz" {
                findings.append(
                    Finding(
                        .warning, "diagram.graphviz-missing",
                        "this `dot` diagram is shown as code: "
                            + "Graphviz is not installed (install the `graphviz` package, or run scripts/install-deps.sh)",
                        at: SourceLocation(path: document.path, line: block.line)))
            }
        }
        return findings
    }
}
