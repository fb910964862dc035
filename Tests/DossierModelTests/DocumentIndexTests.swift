@testable import DossierChecks
import DossierTestSupport
import Testing

@Suite struct DocumentIndexTests {
    static let base: [String: String] = [
        "docs/src.md": "---\nkind: data-source\nid: src\n---\n# Source\n",
        "docs/s.md":
            "---\nkind: schema\nid: s.v2\nsource: src\n---\n# Schema\n\n| key | type |\n|---|---|\n| species | categorical |\n| Person.score | float |\n| Other.score | float |\n",
        "docs/env.md": "---\nkind: environment\n---\n# Env\n",
    ]

    func load(_ extra: [String: String]) throws -> (LoadedProject, TemporaryProject) {
        let project = try TemporaryProject(Self.base.merging(extra) { _, b in b })
        return (try project.load(), project)
    }

    @Test func resolvesEverySyntax() throws {
        let (loaded, project) = try load([
            "docs/l.md": """
            ---
            kind: labeling
            schemas: [schema:s.v2]
            target: s.v2.species
            related: [env]
            ---
            # Labels

            See [[src]], [[src|the source]], [[s.v2.Person.score]], [the env](env.md) and [species](s.md#field-species).

            ## Fields
            """
        ])
        defer { project.remove() }
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map(\.formatted))")
        let l = loaded.index.byID["l"]!
        let targets = loaded.index.outgoing[l].map {
            "\($0.key):\(loaded.documents[$0.to].id)\($0.field.map { "." + $0 } ?? "")"
        }
        #expect(targets.contains("schemas:s.v2"))
        #expect(targets.contains("target:s.v2.species"))
        #expect(targets.contains("related:env"))
        #expect(targets.contains("body:src"))
        #expect(targets.contains("body:s.v2.Person.score"))
        // Backlinks: the schema is used by the labeling document.
        let s = loaded.index.byID["s.v2"]!
        #expect(loaded.index.backlinks[s].contains { $0.from == l })
    }

    @Test func missingIDsAreErrorsWithClosestID() throws {
        let (loaded, project) = try load([
            "docs/e.md":
                "---\nkind: experiment\nsources: [sourc]\nenvironment: envv\n---\nSee [[s.v2.specis]] and [[nothing-like-it]].\n"
        ])
        defer { project.remove() }
        let findings = loaded.findings
        #expect(
            findings.rules() == [
                "reference.unresolved", "reference.unresolved", "reference.unknown-field", "reference.unresolved",
            ])
        #expect(findings[0].message.contains("did you mean `src`?"))
        #expect(findings[0].location.line == 3)
        #expect(findings[1].message.contains("did you mean `env`?"))
        #expect(findings[2].message.contains("did you mean `species`?"))
        #expect(findings.allSatisfy { $0.severity == .error && $0.state == .broken })
        #expect(loaded.states[loaded.index.byID["e"]!] == .broken)
    }

    @Test func ambiguousFieldNameIsNotResolved() throws {
        // `score` exists under two entities: the name alone is ambiguous.
        let (loaded, project) = try load(["docs/p.md": "---\nkind: pseudocode\ninputs: [s.v2.score]\n---\n"])
        defer { project.remove() }
        #expect(loaded.findings.rules() == ["drift.pseudocode.unknown-column"])
        #expect(loaded.states[loaded.index.byID["p"]!] == .drift)
    }

    @Test func labelingTargetMustBeAColumnOfItsSchema() throws {
        let (loaded, project) = try load(["docs/l.md": "---\nkind: labeling\ntarget: s.v2.specie\n---\n"])
        defer { project.remove() }
        #expect(loaded.findings.rules() == ["drift.labeling.unknown-target"])
        #expect(loaded.findings[0].message.contains("did you mean `species`?"))
    }

    @Test func wrongKindIsAnError() throws {
        let (loaded, project) = try load([
            "docs/e.md": "---\nkind: experiment\nenvironment: src\nschemas: [data-source:s.v2]\n---\n"
        ])
        defer { project.remove() }
        #expect(loaded.findings.rules() == ["reference.wrong-kind", "reference.wrong-kind"])
    }

    @Test func duplicateIDsNameBothFiles() throws {
        let (loaded, project) = try load(["docs/other.md": "---\nid: src\n---\n"])
        defer { project.remove() }
        let duplicate = try #require(loaded.findings.with(rule: "document.duplicate-id").first)
        #expect(duplicate.message.contains("docs/other.md") && duplicate.message.contains("docs/src.md"))
    }

    @Test func fileNameIDsAlikeAreNoErrorButAReferenceByThemIsAmbiguous() throws {
        let (loaded, project) = try load([
            "docs/a/index.md": "# A\n", "docs/b/index.md": "# B\n",
            "docs/c.md": "# C\n\nSee [[index]] and [b](b/index.md).\n",
        ])
        defer { project.remove() }
        #expect(loaded.findings.with(rule: "document.duplicate-id").isEmpty)
        let ambiguous = try #require(loaded.findings.with(rule: "reference.unresolved").first)
        #expect(ambiguous.message.contains("ambiguous") && ambiguous.message.contains("docs/a/index.md"))
        #expect(ambiguous.message.contains("docs/b/index.md"))
        #expect(loaded.findings.with(rule: "reference.missing-page").isEmpty)
    }

    @Test func anchorsOfMkDocstringsObjectsAndViewerDirectivesAreNoErrors() throws {
        let (loaded, project) = try load([
            "docs/api.md": "# API\n\n::: pkg.api.Model\n\n::: pkg.hyperopt\n",
            "docs/use.md":
                "# Use\n\n[t](api.md#pkg.api.Model.train) [h](api.md#pkg.hyperopt) [x](api.md#pkg.other)"
                + " [colab](#scrollTo=Train)\n",
        ])
        defer { project.remove() }
        let missing = loaded.findings.with(rule: "reference.missing-anchor")
        #expect(missing.count == 1 && missing.first?.message.contains("#pkg.other") == true)
    }

    /// `<a name="x"></a>` anchors (a README's table of contents) are link targets like headings.
    @Test func rawHTMLAnchorsAreLinkTargets() throws {
        let (loaded, project) = try load([
            "docs/toc.md": "# Contents\n\n[a](#intro) [b](#setup) [c](#nope)\n\n"
                + "<a name=\"intro\"></a>\n## Introduction\n\n<a id='setup'></a>\n## Setting up\n",
            "docs/other.md": "# Other\n\n[toc](toc.md#intro)\n",
        ])
        defer { project.remove() }
        let missing = loaded.findings.with(rule: "reference.missing-anchor")
        #expect(missing.map(\.message) == ["`#nope` is not a heading of docs/toc.md"])
        #expect(loaded.findings.with(rule: "markdown.raw-html").isEmpty)
    }

    @Test func missingAnchorsAndPagesAreErrors() throws {
        let (loaded, project) = try load(["docs/g.md": "# G\n\n[a](#nope) [b](s.md#nope) [c](missing.md) [d](#g)\n"])
        defer { project.remove() }
        #expect(
            loaded.findings.rules() == [
                "reference.missing-anchor", "reference.missing-anchor", "reference.missing-page",
            ])
    }

    @Test func selectedMustNameARun() throws {
        let (loaded, project) = try load([
            "docs/x.md": "---\nkind: experiment\nruns: [{name: a}, {name: b}]\nselected: c\n---\n",
            "docs/m.md": "---\nkind: model\nexperiments: [x]\nselected: bb\n---\n",
        ])
        defer { project.remove() }
        let runs = loaded.findings.with(rule: "reference.unknown-run")
        #expect(runs.count == 2)
        #expect(runs.contains { $0.message.contains("did you mean `b`?") })
    }
}
