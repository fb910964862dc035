import DossierTestSupport
import Foundation
import Testing

/// The executable's contract (SPEC 2): output format and exit statuses.
@Suite struct CommandLineTests {
    @Test func malformedFrontMatterIsReportedAndOtherPagesStillBuild() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/good.md": "# Good\n",
            "docs/bad.md": "---\nid: bad\ntags: [a, b\n---\n# Bad\n",
        ])
        defer { project.remove() }
        let result = try DossierExecutable.run(["build", project.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("docs/bad.md:4:1: error: malformed YAML front matter"), "\(result.stderr)")
        #expect(result.stderr.contains("[front-matter.yaml]"))
        #expect(project.exists("site/docs/good.html"))
        #expect(project.exists("site/docs/bad.html"))
        #expect(result.stdout.contains("Wrote "))
        #expect(result.stdout.contains("site/index.html"))
    }

    @Test func missingProjectFolderExits2() throws {
        let result = try DossierExecutable.run(["build", "/nonexistent/dossier-project"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no project folder at /nonexistent/dossier-project"))
    }

    @Test func badInvocationExits2() throws {
        #expect(try DossierExecutable.run(["check", "--no-such-flag"]).status == 2)
    }

    @Test func buildIsTheDefaultCommand() throws {
        let project = try TemporaryProject(["README.md": "# Home\n"])
        defer { project.remove() }
        let result = try DossierExecutable.run([project.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(project.exists("site/index.html"))
    }

    @Test func checkWritesNothingAndStrictFailsOnWarnings() throws {
        let project = try TemporaryProject(["docs/l.md": "---\nkind: labeling\nshemas: [x]\n---\n"])
        defer { project.remove() }
        let plain = try DossierExecutable.run(["check", project.path])
        #expect(plain.status == 0)
        #expect(
            plain.stdout.contains(
                "docs/l.md:3:1: warning: unknown key `shemas` for kind labeling; did you mean `schemas`? [front-matter.unknown-key]"
            ))
        #expect(!project.exists("site"))
        let strict = try DossierExecutable.run(["check", "--strict", project.path])
        #expect(strict.status == 1)
    }

    @Test func errorsFailCheck() throws {
        let project = try TemporaryProject(["docs/e.md": "---\nkind: experiment\nenvironment: nowhere\n---\n"])
        defer { project.remove() }
        let result = try DossierExecutable.run(["check", project.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "docs/e.md:3:14: error: `environment` reference `nowhere` does not resolve to any document [reference.unresolved]"
            ))
    }

    @Test func malformedConfigExits2AndWritesNothing() throws {
        let project = try TemporaryProject(["dossier.yml": "docs: [a\n", "README.md": "# R"])
        defer { project.remove() }
        let result = try DossierExecutable.run(["build", project.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("dossier.yml:"))
        #expect(!project.exists("site"))
    }
}
