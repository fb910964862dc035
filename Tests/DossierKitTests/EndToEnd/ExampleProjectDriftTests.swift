@testable import DossierChecks
@testable import DossierCore
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Issue 6: ExampleProject agrees with its files; a copy with one contradiction planted per
/// drift check reports exactly those, each with file, line, documented and actual values.
@Suite struct ExampleProjectDriftTests {
    static func copyOfExampleProject() throws -> URL {
        let copy = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "dossier-drift-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Repository.exampleProject, to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("site"))
        return copy
    }

    static func replace(_ old: String, with new: String, in file: String, under root: URL) throws {
        let url = root.appendingPathComponent(file)
        let text = try #require(ProjectFiles.readText(url.path))
        #expect(text.contains(old), "\(file) no longer holds \(old)")
        try ProjectFiles.write(text.replacingOccurrences(of: old, with: new), to: url.path)
    }

    static func driftFindings(_ project: LoadedProject) -> [Finding] {
        project.findings.filter { $0.rule.hasPrefix("drift.") }
    }

    @Test func exampleProjectHasNoDrift() throws {
        let project = try ProjectLoader.load(root: Repository.exampleProject.path)
        #expect(Self.driftFindings(project).isEmpty, "\(Self.driftFindings(project).map(\.formatted))")
        #expect(!project.states.contains(.drift))
    }

    @Test func oneContradictionPerCheckIsReportedExactly() throws {
        let root = try Self.copyOfExampleProject()
        defer { try? FileManager.default.removeItem(at: root) }
        // Schema ↔ sample: the documentation claims whole numbers for a column of decimals.
        try Self.replace(
            "| bill_length_mm | float |", with: "| bill_length_mm | integer |", in: "docs/data/penguins.md", under: root
        )
        // Environment ↔ requirements: the pin moved on.
        try Self.replace("numpy==2.4.6", with: "numpy==2.5.0", in: "requirements.txt", under: root)
        // Experiment ↔ recorded metrics: the selected run's metric was re-recorded.
        try Self.replace("\"cv_f1_macro\": 0.9951", with: "\"cv_f1_macro\": 0.9712", in: "metrics.json", under: root)
        // Labeling ↔ Label Studio config: a class was dropped from the config.
        try Self.replace(
            "    <Choice value=\"Gentoo\" hint=\"Pygoscelis papua: white patch above the eye, orange bill\"/>\n",
            with: "", in: "labeling/label_studio.xml", under: root)
        // Pseudocode ↔ schema: an input column that the schema does not have.
        try Self.replace(
            "  - penguins.bill_depth_mm\n", with: "  - penguins.bill_depth_cm\n",
            in: "docs/pseudocode/species-pipeline.md", under: root)

        let project = try ProjectLoader.load(root: root.path)
        let drift = Self.driftFindings(project)
        #expect(
            drift.map(\.rule).sorted() == [
                "drift.environment.version-mismatch",
                "drift.experiment.metric-mismatch",
                "drift.labeling.classes-mismatch",
                "drift.pseudocode.unknown-column",
                "drift.schema.type-mismatch",
            ], "\(drift.map(\.formatted))")
        func finding(_ rule: String) throws -> Finding { try #require(drift.first { $0.rule == rule }) }

        let schema = try finding("drift.schema.type-mismatch")
        #expect(schema.location.path == "docs/data/penguins.md" && schema.location.line == 35)
        #expect(schema.message.contains("integer") && schema.message.contains("float"))

        let environment = try finding("drift.environment.version-mismatch")
        #expect(environment.location.path == "docs/environments/training-env.md")
        #expect(
            environment.message.contains("2.4.6") && environment.message.contains("2.5.0")
                && environment.message.contains("requirements.txt"))

        let experiment = try finding("drift.experiment.metric-mismatch")
        #expect(experiment.location.path == "docs/experiments/species-model-selection.md")
        #expect(
            experiment.message.contains("knn-k7") && experiment.message.contains("0.9951")
                && experiment.message.contains("0.9712"))

        // The runs table marks the cell, with the recorded value (issue 12).
        let experimentPage = try #require(project.documents.first { $0.id == "species-model-selection" })
        let knn = try #require(experimentPage.runs.first { $0.name == "knn-k7" })
        #expect(knn.drift.map(\.key) == ["cv_f1_macro"])
        #expect(knn.drift.first?.recorded == "0.9712" && knn.drift.first?.source.hasPrefix("metrics.json") == true)
        let table = RunsView.html(experimentPage)
        #expect(table.contains("<span class=\"drifted\" tabindex=\"0\">0.9951<span class=\"drift-mark\""))
        #expect(table.contains("recorded: 0.9712 in metrics.json"))

        let labeling = try finding("drift.labeling.classes-mismatch")
        #expect(labeling.location.path == "docs/labeling/species-labels.md")
        #expect(labeling.message.contains("Gentoo"))

        let pseudocode = try finding("drift.pseudocode.unknown-column")
        #expect(pseudocode.location.path == "docs/pseudocode/species-pipeline.md" && pseudocode.location.line == 10)
        #expect(
            pseudocode.message.contains("bill_depth_cm") && pseudocode.message.contains("did you mean `bill_depth_mm`?")
        )

        for finding in drift { #expect(finding.severity == .error && finding.state == .drift) }
        for id in ["penguins", "training-env", "species-model-selection", "species-labels", "species-pipeline"] {
            #expect(project.states[project.index.byID[id]!] == .drift, "\(id)")
        }
    }
}
