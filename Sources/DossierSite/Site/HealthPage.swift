import DossierChecks
import DossierCore
import DossierModel

/// Every finding by severity and document, with a count per health state.
package struct HealthPage {
    package let site: SiteContext

    package static func stateCounts(_ project: LoadedProject) -> [StateCountView] {
        var counts: [HealthState: Int] = [:]
        for state in project.states { counts[state, default: 0] += 1 }
        return HealthState.allCases.compactMap { state in
            counts[state].map { StateCountView(state: state.rawValue, count: $0) }
        }
    }

    /// The project-wide conditions, each once with the number of documents it affects.
    package static func notices(_ project: LoadedProject) -> [NoticeView] {
        StateTone.projectNotices(project.findings).map {
            NoticeView(rule: $0.rule, message: HTML.message($0.message), documents: $0.documents)
        }
    }

    package func render(theme: Theme) -> String {
        let project = site.project
        let page = SiteLayout.health
        let linker = PageLinker(site: site, page: page, sourcePath: "")
        var severities: [HealthView.SeverityGroup] = []
        for severity in [Severity.error, .warning] {
            var byPath: [String: [Finding]] = [:]
            for finding in project.findings where finding.severity == severity && !StateTone.isProjectWide(finding) {
                byPath[finding.location.path, default: []].append(finding)
            }
            guard !byPath.isEmpty else { continue }
            var documents: [HealthView.DocumentEntry] = []
            var count = 0
            for path in byPath.keys.sorted() {
                let findings = byPath[path]!
                count += findings.count
                var entry = HealthView.DocumentEntry(
                    title: path, href: nil, state: nil,
                    findings: findings.map {
                        HealthView.FindingEntry(
                            location: "\($0.location.path):\($0.location.line):\($0.location.column)",
                            message: HTML.message($0.message), rule: $0.rule,
                            ruleURL: project.config.ruleURL($0.rule))
                    })
                if let i = project.index.byPath[path] {
                    entry.href = linker.url(document: i)
                    entry.title = project.documents[i].title
                    entry.state =
                        StateTone.badge(state: project.states[i], findings: project.documentFindings[i]).cssClass
                }
                documents.append(entry)
            }
            severities.append(
                HealthView.SeverityGroup(
                    label: severity == .error ? "Errors" : "Warnings", count: count,
                    documents: documents))
        }
        var view = HealthView(
            errors: project.errorCount, warnings: project.warningCount,
            documents: project.documents.count, states: Self.stateCounts(project),
            severities: severities)
        view.notices = Self.notices(project)
        view.coverage = RepositoryPage.coverageHTML(project.repository, linker: linker)
        let layout = site.layoutContext(page: page, title: "Health", pageType: "health")
        return theme.render("health", view: view, layout: layout)
    }
}
