@testable import DossierCore
@testable import DossierSite
import Testing

/// One colour per severity: a fresh page with warnings is never shown green.
@Suite struct StateToneTests {
    let here = SourceLocation(path: "env.md", line: 3)

    @Test func aFreshPageWithWarningsTakesTheWarningColour() {
        let warnings = [Finding(.warning, "a", "x", at: here), Finding(.warning, "b", "y", at: here)]
        #expect(StateTone.badge(state: .fresh, findings: warnings) == ("warnings", "2 warnings"))
        let mixed = warnings + [Finding(.error, "c", "z", at: here)]
        #expect(StateTone.badge(state: .fresh, findings: mixed) == ("errors", "1 error"))
        #expect(StateTone.badge(state: .fresh, findings: []) == ("fresh", "fresh"))
        #expect(StateTone.badge(state: .drift, findings: warnings) == ("drift", "drift"))
    }

    @Test func projectWideConditionsAreToldOnceWithTheirDocumentCount() {
        let message = "unknown: the project is not in a git repository"
        let findings =
            ["a.md", "b.md", "c.md"].map {
                Finding(
                    .warning, "staleness.no-history", message, at: SourceLocation(path: $0, line: 1), state: .unknown)
            } + [Finding(.warning, "reference.unresolved", "no such page", at: here)]
        let notices = StateTone.projectNotices(findings)
        #expect(notices.count == 1)
        #expect(notices.first?.documents == 3)
        #expect(StateTone.pageFindings(findings).map(\.rule) == ["reference.unresolved"])
        // A page whose only finding is project-wide keeps its state but gets no warning colour.
        #expect(StateTone.badge(state: .fresh, findings: Array(findings.prefix(1))) == ("fresh", "fresh"))
    }
}
