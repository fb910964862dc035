@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// 100,000-deep nesting of every Markdown construct and the delimiter pathologies: `build` and
/// `check` finish without crashing, with a finding where the page had to be degraded.
@Suite struct HostileMarkdownTests {
    func hostileProject() throws -> TemporaryProject {
        var files = ["README.md": "# Home\n"]
        for (name, markdown) in HostileInput.deepMarkdown {
            files["docs/deep-\(name).md"] = "---\ntitle: \(name)\n---\n" + markdown
        }
        files["docs/dense.md"] = "# Dense\n\n" + HostileInput.delimiterPathology
        files["docs/bang.md"] = HostileInput.bracketPathology
        files["docs/autolinks.md"] = HostileInput.autolinkPathology
        return try TemporaryProject(files)
    }

    /// Block constructs: 100,000 of them on a line is over the depth limit.
    static let nesting: Set<String> = ["block-quotes", "bullet-lists", "ordered-lists", "quoted-lists"]
    /// Inline constructs: at this depth they are over the bracket or delimiter budget, shown as text.
    static let bracketed: Set<String> = [
        "links", "images", "brackets", "emphasis-in-links", "emphasis", "strong", "underscores", "strikethrough",
    ]

    func expectFindings(_ findings: [Finding]) {
        for (name, _) in HostileInput.deepMarkdown {
            let rules = findings.filter { $0.location.path == "docs/deep-\(name).md" && $0.rule.hasPrefix("markdown.") }
                .map(\.rule)
            // Raw HTML is dropped with `unsafe_html` off, and that loss is a finding of its own.
            let expected =
                Self.nesting.contains(name)
                ? ["markdown.too-deep"]
                : Self.bracketed.contains(name) ? ["markdown.too-dense"] : name == "html" ? ["markdown.raw-html"] : []
            #expect(rules == expected, "\(name)")
        }
        for finding in findings where finding.rule == "markdown.too-deep" {
            // Line 4: after the three lines of front matter.
            #expect(finding.location.line == 4)
        }
        #expect(findings.filter { $0.location.path == "docs/dense.md" }.map(\.rule) == ["markdown.too-dense"])
        #expect(findings.first { $0.location.path == "docs/dense.md" }?.location.line == 3)
        #expect(findings.filter { $0.location.path == "docs/bang.md" }.map(\.rule) == ["markdown.too-dense"])
        #expect(findings.filter { $0.location.path == "docs/autolinks.md" }.map(\.rule) == ["markdown.too-dense"])
    }

    @Test func buildInProcessRendersEveryPage() throws {
        let project = try hostileProject()
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        expectFindings(report.project.findings)
        for (name, _) in HostileInput.deepMarkdown {
            let page = try #require(project.read("site/docs/deep-\(name).html"), "\(name)")
            #expect(page.contains("deep"), "\(name)")
        }
        let dense = try #require(project.read("site/docs/dense.html"))
        #expect(dense.contains("word *em* [link](x.md) word"))
    }

    @Test func checkAndBuildCommandsDoNotCrash() throws {
        let project = try hostileProject()
        defer { project.remove() }
        let check = try DossierExecutable.run(["check", project.path])
        #expect(check.status == 0 || check.status == 1, "\(check.stderr)")
        let output = check.stdout + check.stderr
        #expect(output.contains("[markdown.too-deep]") && output.contains("[markdown.too-dense]"))
        let build = try DossierExecutable.run(["build", project.path])
        #expect(build.status == 0 || build.status == 1, "\(build.stderr)")
        let checked = try Dossier.check(path: project.path)
        expectFindings(checked.findings)
    }
}
