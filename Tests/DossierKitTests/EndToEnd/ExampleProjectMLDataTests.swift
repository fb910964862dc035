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
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "dossier-mldata-\(UUID().uuidString)")
        let report = try Dossier.build(path: Repository.exampleProject.path, options: BuildOptions(output: output.path))
        return (report, output)
    }

    private func page(_ output: URL, _ path: String) throws -> String {
        try #require(ProjectFiles.readText(output.appendingPathComponent(path).path))
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
        // A data file the page links (the split), besides its own sample.
        #expect(penguins.contains("<h2>Data files at a glance</h2>"))
        #expect(penguins.contains("<code>data/interim/penguins-split.csv</code> · 342 rows × 2 columns"))
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
        #expect(model.contains("<code>knn-k7</code></a> of Species model selection (recorded in MLflow)"))
    }

    @Test func repositoryPageExplainsTheTreeAndHomeAndHealthShowCoverage() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let map = report.project.repository
        #expect(map.undocumented.isEmpty, "\(map.undocumented.map(\.path))")
        #expect(!map.entries.contains { $0.path.hasPrefix("models/artifacts") || $0.path.hasPrefix(".") })
        let html = try page(output, "dossier/repository.html")
        #expect(html.contains("Feature engineering for the penguin species classifier."))
        #expect(html.contains("344 rows × 8 columns"))
        #expect(html.contains("01 · Exploration"))
        let coverage = try #require(map.coverageText)
        let home = try page(output, "index.html")
        #expect(home.contains("href=\"dossier/repository.html\">Repository</a>"))
        #expect(home.contains(coverage))
        #expect(try page(output, "dossier/health.html").contains(coverage))
        let result = LinkChecker.check(site: output)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func modelCardAndHomeShowTheReadinessChecklist() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let model = try #require(report.project.index.byID["penguin-classifier"])
        let readiness = try #require(report.project.readiness(of: model))
        #expect(readiness.isReady, "\(readiness.items.filter { !$0.passed })")
        let card = try page(output, "docs/models/penguin-classifier.html")
        #expect(card.contains("Ready for production? <span class=\"badge readiness-ready\">9 of 9</span>"))
        #expect(card.contains("<li class=\"pass\" id=\"ready-tests\">"))
        #expect(try page(output, "index.html").contains("<h2>Ready for production?</h2>"))
    }
}
