@testable import DossierCore
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Golden tests for each `check --format`, and the baseline.
@Suite struct FindingReportTests {
    static let findings = [
        Finding(
            .error, "reference.unresolved", "`environment` reference `nowhere` does not resolve to any document",
            at: SourceLocation(path: "docs/e.md", line: 3, column: 14), state: .broken),
        Finding(
            .warning, "front-matter.unknown-key", "unknown key `shemas`, with: a colon",
            at: SourceLocation(path: "docs/l.md", line: 2, column: 1)),
    ]

    static func report(strict: Bool = false, baseline: Baseline? = nil) throws -> FindingReport {
        let project = try TemporaryProject(["docs/e.md": "# E", "docs/l.md": "# L", "docs/ok.md": "# OK"])
        defer { project.remove() }
        var loaded = try project.load()
        loaded.findings = findings
        return FindingReport(project: loaded, strict: strict, baseline: baseline)
    }

    @Test func text() throws {
        #expect(
            try Self.report().render(.text) == """
                docs/e.md:3:14: error: `environment` reference `nowhere` does not resolve to any document [reference.unresolved]
                docs/l.md:2:1: warning: unknown key `shemas`, with: a colon [front-matter.unknown-key]
                3 documents: 1 error, 1 warning

                """)
    }

    @Test func github() throws {
        #expect(
            try Self.report().render(.github) == """
                ::error file=docs/e.md,line=3,col=14,title=dossier reference.unresolved::`environment` reference `nowhere` does not resolve to any document \
                (https://dossier-docs.github.io/dossier/rules/reference.unresolved.html)
                ::warning file=docs/l.md,line=2,col=1,title=dossier front-matter.unknown-key::unknown key `shemas`, with: a colon \
                (https://dossier-docs.github.io/dossier/rules/front-matter.unknown-key.html)
                3 documents: 1 error, 1 warning

                """)
    }

    @Test func sarifHasTheStructureOf210() throws {
        let text = try Self.report().render(.sarif)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dossier")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["front-matter.unknown-key", "reference.unresolved"])
        #expect(
            rules.map { $0["helpUri"] as? String } == [
                "https://dossier-docs.github.io/dossier/rules/front-matter.unknown-key.html",
                "https://dossier-docs.github.io/dossier/rules/reference.unresolved.html",
            ])
        #expect(driver["version"] as? String == Dossier.version)
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = results[0]
        #expect(first["ruleId"] as? String == "reference.unresolved")
        #expect(first["ruleIndex"] as? Int == 1)
        #expect(first["level"] as? String == "error")
        #expect((first["message"] as? [String: Any])?["text"] as? String == Self.findings[0].message)
        let location = try #require(
            (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "docs/e.md")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 3 && region["startColumn"] as? Int == 14)
        #expect(results[1]["level"] as? String == "warning")
    }

    @Test func junit() throws {
        #expect(
            try Self.report().render(.junit) == """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="dossier" tests="3" failures="1">
                  <testsuite name="dossier check" tests="3" failures="1" errors="0" skipped="0">
                    <testcase classname="dossier" name="docs/e.md" file="docs/e.md">
                      <failure type="reference.unresolved" message="`environment` reference `nowhere` does not resolve to any document">docs/e.md:3:14: error: `environment` reference `nowhere` does not resolve to any document [reference.unresolved]</failure>
                    </testcase>
                    <testcase classname="dossier" name="docs/l.md" file="docs/l.md">
                      <system-out>docs/l.md:2:1: warning: unknown key `shemas`, with: a colon [front-matter.unknown-key]</system-out>
                    </testcase>
                    <testcase classname="dossier" name="docs/ok.md" file="docs/ok.md"/>
                  </testsuite>
                </testsuites>

                """)
        #expect(try Self.report(strict: true).render(.junit).contains("failures=\"2\""))
    }

    @Test func markdown() throws {
        #expect(
            try Self.report().render(.markdown) == """
                ## Dossier documentation check

                | Documents | Errors | Warnings | Failing |
                |---:|---:|---:|---:|
                | 3 | 1 | 1 | 1 |

                ### Errors

                | Where | Rule | Message |
                |---|---|---|
                | `docs/e.md:3` | `reference.unresolved` | `environment` reference `nowhere` does not resolve to any document |

                ### Warnings

                | Where | Rule | Message |
                |---|---|---|
                | `docs/l.md:2` | `front-matter.unknown-key` | unknown key `shemas`, with: a colon |


                """)
    }

    @Test func jsonRoundTripsAsABaseline() throws {
        let json = try Self.report().render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["findings"] as? [Any])?.count == 2)
        // The report, and so a baseline written from it, says which Dossier wrote it.
        #expect(object["toolVersion"] as? String == Dossier.version)
        let file = NSTemporaryDirectory() + "/baseline-\(UUID().uuidString).json"
        try ProjectFiles.write(json, to: file)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let baseline = try Baseline.load(file)
        // Everything in the baseline: nothing fails, even under strict.
        #expect(try Self.report(strict: true, baseline: baseline).failing.isEmpty)
        // A finding that moved lines is still the same finding; a new one fails.
        var moved = Self.findings[0]
        moved.location.line = 30
        let extra = Finding(.error, "reference.unresolved", "another", at: SourceLocation(path: "docs/e.md", line: 4))
        #expect(baseline.newFindings(in: [moved, extra]) == [extra])
    }

    @Test func baselineFlagOnTheCommandLine() throws {
        let project = try TemporaryProject(["docs/e.md": "---\nkind: experiment\nenvironment: nowhere\n---\n"])
        defer { project.remove() }
        let json = try DossierExecutable.run(["check", "--format", "json", project.path])
        #expect(json.status == 1)
        try project.write("baseline.json", json.stdout)
        #expect(
            try DossierExecutable.run(["check", "--baseline", project.path + "/baseline.json", project.path]).status
                == 0)
        try project.write("docs/f.md", "---\nkind: model\nexperiments: [gone]\n---\n")
        #expect(
            try DossierExecutable.run(["check", "--baseline", project.path + "/baseline.json", project.path]).status
                == 1)
        #expect(try DossierExecutable.run(["check", "--format", "nonsense", project.path]).status == 2)
    }

    @Test func ruleDocsURLSetsWhereRulePagesAre() throws {
        let project = try TemporaryProject([
            "dossier.yml": "rule_docs_url: https://docs.example.org/dossier/rules\n",
            "docs/e.md": "---\nkind: experiment\nenvironment: nowhere\n---\n",
        ])
        defer { project.remove() }
        let report = FindingReport(project: try project.load(), strict: false)
        #expect(report.render(.github).contains("(https://docs.example.org/dossier/rules/reference.unresolved.html)"))
        #expect(
            report.render(.sarif).contains(
                "\"helpUri\" : \"https://docs.example.org/dossier/rules/reference.unresolved.html\""))
    }
}
