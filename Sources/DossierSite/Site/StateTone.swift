import DossierCore

/// What a page's state badge and banner say, and in which colour. One colour per severity
/// everywhere: a fresh page with findings takes the colour of its worst finding (amber for
/// warnings, red for errors) instead of green, so the badge and the banner never disagree.
package enum StateTone {
    /// Conditions of the whole project, not of one page (no git, a shallow clone): shown once,
    /// on the home and health pages, not in every page's banner.
    package static let projectWideRules: Set<String> = ["staleness.no-history", "staleness.shallow"]

    package static func isProjectWide(_ finding: Finding) -> Bool { projectWideRules.contains(finding.rule) }

    /// A page's own findings: the project-wide ones left out.
    package static func pageFindings(_ findings: [Finding]) -> [Finding] {
        findings.filter { !isProjectWide($0) }
    }

    /// The badge's colour class (`state-…` in the stylesheet) and text.
    package static func badge(state: HealthState, findings: [Finding]) -> (cssClass: String, text: String) {
        guard state == .fresh else { return (state.rawValue, state.rawValue) }
        let own = pageFindings(findings)
        let errors = own.filter { $0.severity == .error }.count
        let warnings = own.count - errors
        if errors > 0 { return ("errors", errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { return ("warnings", warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        return (state.rawValue, state.rawValue)
    }

    /// One line per project-wide condition, with the number of documents it affects.
    package static func projectNotices(_ findings: [Finding]) -> [(rule: String, message: String, documents: Int)] {
        var first: [String: Finding] = [:]
        var paths: [String: Set<String>] = [:]
        for finding in findings where isProjectWide(finding) {
            if first[finding.rule] == nil { first[finding.rule] = finding }
            paths[finding.rule, default: []].insert(finding.location.path)
        }
        return first.keys.sorted().map { rule in (rule, first[rule]!.message, paths[rule]!.count) }
    }
}
