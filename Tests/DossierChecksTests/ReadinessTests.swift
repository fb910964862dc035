@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// The "ready for production?" checklist (issue 13 item 7).
@Suite struct ReadinessTests {
    private static func project(
        model extra: String = "", environment: String = "seeds: {global: 42}",
        extraFiles: [String: String] = [:]
    ) throws -> TemporaryProject {
        try TemporaryProject(
            [
                "docs/source.md": "---\nkind: data-source\nid: src\n---\n# Source\n",
                "docs/schema.md": "---\nkind: schema\nid: tab\n---\n# Tab\n",
                "docs/labels.md": "---\nkind: labeling\nid: labels\nmethod: found\n---\n# Labels\n",
                "docs/env.md":
                    "---\nkind: environment\nid: env\npackages: {numpy: '2.0.1', pandas: '>=2'}\n\(environment)\n---\n# Env\n",
                "docs/pseudo.md": "---\nkind: pseudocode\nid: pseudo\n---\n# Pseudo\n",
                "docs/exp.md": """
                ---
                kind: experiment
                id: exp
                sources: [src]
                schemas: [tab]
                labeling: labels
                runs:
                  - name: best
                    params: {depth: 3}
                selected: best
                ---
                # Exp
                """,
                "docs/model.md": """
                ---
                kind: model
                id: model
                experiments: [exp]
                selected: best
                environment: env
                \(extra)
                ---
                # Model
                """,
            ].merging(extraFiles) { $1 })
    }

    private static func items(_ project: TemporaryProject) throws -> [String: Readiness.Item] {
        let loaded = try project.load()
        let model = try #require(loaded.index.byID["model"])
        let readiness = try #require(loaded.readiness(of: model))
        return Dictionary(uniqueKeysWithValues: readiness.items.map { ($0.id, $0) })
    }

    @Test func failingItemsSayWhatIsMissing() throws {
        let project = try Self.project()
        defer { project.remove() }
        let items = try Self.items(project)
        for id in ["data-source", "schema", "labeling", "experiment"] {
            #expect(items[id]?.passed == true, "\(id): \(items[id]?.detail ?? "")")
        }
        #expect(items["environment"]?.passed == false)
        #expect(items["environment"]?.detail == "Env does not pin pandas")
        #expect(items["pseudocode"]?.detail == "no pseudocode: add `pseudocode:` to the model")
        #expect(items["deployment"]?.passed == false)
        #expect(items["tests"]?.passed == false)
        #expect(items["experiment"]?.documents.count == 1)
    }

    @Test func everyItemPassesWhenTheGraphHasItAll() throws {
        let project = try Self.project(
            model: "pseudocode: pseudo\ndeployment: Batch scoring.\ntests: [tests/test_model.py]",
            environment: "seeds: {global: 42}",
            extraFiles: ["tests/test_model.py": "def test_it():\n    pass\n"])
        defer { project.remove() }
        try project.write(
            "docs/env.md",
            "---\nkind: environment\nid: env\npackages: {numpy: '2.0.1'}\nseeds: {global: 42}\n---\n# Env\n")
        let items = try Self.items(project)
        #expect(items.values.filter { !$0.passed }.map(\.id).sorted() == [], "\(items.values.filter { !$0.passed })")
        #expect(items["tests"]?.paths == ["tests/test_model.py"])
    }

    /// A code reference counts as a test by its path (`tests/…` or `…/tests/…`, without its
    /// `#anchor`), whatever key names it.
    @Test func testsAreFoundByTheirPaths() throws {
        let project = try Self.project(
            model: "code: ['src/tests/test_fit.py#test_fit', 'src/testsuite/x.py', '#tests/odd.py', 'tests/a.py#b']",
            extraFiles: [
                "src/tests/test_fit.py": "def test_fit():\n    pass\n", "src/testsuite/x.py": "x = 1\n",
                "tests/a.py": "def b():\n    pass\n",
            ])
        defer { project.remove() }
        let items = try Self.items(project)
        #expect(items["tests"]?.paths == ["src/tests/test_fit.py", "tests/a.py", "tests/odd.py"])
    }

    @Test func aBrokenDocumentAmongThemFailsTheHealthItem() throws {
        let project = try Self.project(model: "pseudocode: pseudo")
        defer { project.remove() }
        try project.write(
            "docs/pseudo.md", "---\nkind: pseudocode\nid: pseudo\ncode: [src/missing.py]\n---\n# Pseudo\n")
        let items = try Self.items(project)
        #expect(items["health"]?.passed == false)
        #expect(items["health"]?.detail == "Pseudo is broken")
    }

    @Test func theSelectedRunMustBeARunOfTheExperiment() throws {
        let project = try Self.project()
        defer { project.remove() }
        try project.write("docs/model.md", "---\nkind: model\nid: model\nexperiments: [exp]\n---\n# Model\n")
        let items = try Self.items(project)
        #expect(items["experiment"]?.detail == "no selected run: add `selected:` naming the run that became the model")
    }

    /// A deployment heading is found over bytes exactly as `lowercased().contains` finds it.
    @Test func deploymentHeadingsAsLowercasedContainsFindsThem() {
        let headings = [
            "Deployment", "DEPLOY", "How we deploy it", "Deplo", "", "redeployed", "De ploy", "deploy",
            "Déploiement", "Deploy ✓", "DEPLOYMENT PLAN", "dep", "xDePlOyx",
        ]
        for heading in headings {
            #expect(
                Readiness.mentionsDeploy(heading) == heading.lowercased().contains("deploy"),
                "\(heading.debugDescription)")
        }
    }
}
