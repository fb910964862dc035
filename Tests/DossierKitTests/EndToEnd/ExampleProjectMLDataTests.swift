@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// What ExampleProject's site shows of its data, runs and repository (issue 13 items 4–7).
@Suite(.serialized) struct ExampleProjectMLDataTests {
    private func build() throws -> (BuildReport, URL) {
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("dossier-mldata-\(UUID().uuidString)")
        let report = try Dossier.build(path: Repository.exampleProject.path, options: BuildOptions(output: output.path))
        return (report, output)
    }

    private func page(_ output: URL, _ path: String) throws -> String {
        try #require(FileIO.readText(output.appendingPathComponent(path).path))
    }

    @Test func schemaPagesShowTheGeneratedProfileNotAHandWrittenOne() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.project.findings.isEmpty, "\(report.project.findings.map(\.formatted))")
        let penguins = try page(output, "docs/data/penguins.html")
        #expect(penguins.contains("<h2>Data at a glance</h2>"))
        #expect(penguins.contains("<code>data/processed/penguins.csv</code>: 344 rows, 8 columns."))
        #expect(penguins.contains("<summary>First 10 rows</summary>"))
        #expect(penguins.contains("<svg class=\"spark\""))
        #expect(!penguins.contains("Mean bill length (mm)"))
        let labels = try page(output, "docs/labeling/species-labels.html")
        #expect(labels.contains("<h2>Class balance</h2>"))
        #expect(labels.contains("<tr><td>Adelie</td><td>152</td><td>44.2%</td>"))
    }

    @Test func experimentReadsItsRunsFromMLruns() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let experiment = try #require(report.project.documents.first { $0.id == "species-model-selection" })
        #expect(experiment.runs.count == 5)
        #expect(experiment.runs.filter { !$0.isDocumented }.count == 4)
        #expect(experiment.runs.allSatisfy { $0.recordedIn == "MLflow" })
        let html = try page(output, "docs/experiments/species-model-selection.html")
        #expect(html.contains("<tr id=\"run-logreg-c01\""))
        #expect(html.contains("recorded in MLflow"))
        let runs = try page(output, "dossier/experiments.html")
        #expect(runs.contains("gradient-boosting-200 <span class=\"badge recorded\">recorded in MLflow</span>"))
        let model = try page(output, "docs/models/penguin-classifier.html")
        #expect(model.contains("From run knn-k7 (recorded in MLflow) of"))
    }
}
