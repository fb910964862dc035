import DossierCore
import DossierModel

/// `nav:` (dossier.yml, or mkdocs.yml's) names pages by path: one that is not a document would
/// silently vanish from the navigation, so it is a finding at the line that names it.
package enum NavCheck {
    /// `configFile` is the file the `nav:` was read from, for the findings' location.
    package static func findings(config: ProjectConfig, documentPaths: Set<String>, configFile: String) -> [Finding] {
        var findings: [Finding] = []
        // Suggestions come from the same folder: comparing with every path would cost a
        // 100,000-document project seconds per wrong entry.
        func neighbours(of path: String) -> [String] {
            let folder = ProjectPath.directory(of: path)
            return documentPaths.filter { ProjectPath.directory(of: $0) == folder }.sorted()
        }
        func visit(_ entries: [NavEntry]) {
            for entry in entries {
                switch entry {
                case let .page(path, _, line):
                    guard !documentPaths.contains(path) else { continue }
                    findings.append(
                        Finding(
                            .warning, "config.nav-missing",
                            "`nav:` names \(path), which is not a document of the project"
                                + ClosestMatch.suggestion(path, in: neighbours(of: path)),
                            at: SourceLocation(path: configFile, line: max(1, line))))
                case let .section(_, children, _):
                    visit(children)
                }
            }
        }
        visit(config.navTree)
        return findings
    }
}
