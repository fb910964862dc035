import DossierCore
import DossierMarkdown
import DossierModel

/// Findings about diagrams that cannot be drawn in this build.
package enum DiagramChecks {
    /// One warning per ```` ```dot ```` block when Graphviz is not installed: the page shows the
    /// code instead of the diagram, and the reader should know why.
    package static func missingGraphviz(_ documents: [Document]) -> [Finding] {
        var findings: [Finding] = []
        for document in documents {
            document.body.walk { node in
                guard case let .codeBlock(info) = node.kind else { return }
                let language = info.split(separator: " ").first.map { $0.lowercased() } ?? ""
                guard language == "dot" || language == "graphviz" else { return }
                findings.append(
                    Finding(
                        .warning, "diagram.graphviz-missing",
                        "this `dot` diagram is shown as code: "
                            + "Graphviz is not installed (install the `graphviz` package, or run scripts/install-deps.sh)",
                        at: SourceLocation(path: document.path, line: node.line + document.bodyLineOffset)))
            }
        }
        return findings
    }
}
