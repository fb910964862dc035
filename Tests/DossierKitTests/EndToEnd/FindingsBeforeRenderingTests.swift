import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Every finding is known before the first page renders (issue 9): the command line, the exit
/// status and the health page all come from one list.
@Suite struct FindingsBeforeRenderingTests {
    @Test func pathConflictIsOneErrorEverywhere() throws {
        let project = try TemporaryProject([
            "docs/README.md": "# Readme\n",
            "docs/index.md": "# Index\n",
        ])
        defer { project.remove() }

        let checked = try Dossier.check(path: project.path)
        #expect(checked.findings.map(\.rule) == ["site.path-conflict"])

        let result = try DossierExecutable.run(["build", project.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 error, 0 warnings"))
        #expect(result.stderr.contains("[site.path-conflict]"))

        let health = try #require(project.read("site/dossier/health.html"))
        #expect(health.contains("1 errors, 0 warnings"))
        #expect(health.contains("site.path-conflict"))
        #expect(!health.contains("every document is fresh"))
        // The document the conflict is reported on is not shown as fresh.
        let conflicted = try #require(checked.findings.first?.location.path)
        #expect(checked.documentState(of: conflicted) == .broken)
    }
}
