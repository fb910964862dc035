@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Builds ExampleProject, as the README's quick start does, and checks the site as a reader would.
@Suite(.serialized) struct ExampleProjectTests {
    func build() throws -> (BuildReport, URL) {
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
            "dossier-example-\(UUID().uuidString)")
        let report = try Dossier.build(path: Repository.exampleProject.path, options: BuildOptions(output: output.path))
        return (report, output)
    }

    @Test func buildsWithoutErrorsAndEveryLinkResolves() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.project.errorCount == 0, "\(report.project.findings.map(\.formatted))")
        let result = LinkChecker.check(site: output)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.pages >= 20)
        #expect(result.links > 200)
        #expect(ProjectFiles.exists(output.appendingPathComponent(".nojekyll").path))
        #expect(ProjectFiles.exists(output.appendingPathComponent("404.html").path))
    }

    @Test func everyDocumentHasAPageWithRelationsAndEveryCatalogListsItsKind() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let project = report.project
        let layout = SiteLayout(documents: project.documents)
        #expect(Set(project.documents.compactMap(\.kind)) == Set(DocumentKind.allCases))
        for (i, document) in project.documents.enumerated() where document.kind != nil {
            let html = try #require(ProjectFiles.readText(output.appendingPathComponent(layout.pages[i]).path))
            #expect(html.contains("<h2>Uses</h2>") && html.contains("<h2>Used by</h2>"), "\(document.path)")
            #expect(
                !project.index.outgoing[i].isEmpty || !project.index.backlinks[i].isEmpty, "\(document.id) is isolated")
        }
        for kind in DocumentKind.allCases {
            let catalog = try #require(
                ProjectFiles.readText(output.appendingPathComponent(SiteLayout.catalog(kind)).path))
            for document in project.documents where document.kind == kind {
                #expect(
                    catalog.contains(">\(HTML.escape(document.title))</a>"),
                    "\(document.id) missing from \(kind) catalog")
            }
        }
    }

    @Test func schemaPageShowsBadgesAndFieldAnchors() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let html = try #require(ProjectFiles.readText(output.appendingPathComponent("docs/data/penguins.html").path))
        #expect(html.contains("<tr id=\"field-species\">"))
        #expect(html.contains("<span class=\"badge type type-categorical\">categorical</span>"))
        #expect(html.contains("<span class=\"badge level level-ratio\">ratio</span>"))
        #expect(report.project.documents.first { $0.id == "penguins" }?.schemaFields.count == 8)
    }

    @Test func schemaCellsAreMarkdownAndExperimentsHaveAChart() throws {
        let (_, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let raw = try #require(ProjectFiles.readText(output.appendingPathComponent("docs/data/penguins-raw.html").path))
        #expect(raw.contains("Becomes <a class=\"xref\" href=\"../../docs/data/penguins.html#field-species\">"))
        #expect(!raw.contains("[[penguins."))
        let experiment = try #require(
            ProjectFiles.readText(
                output.appendingPathComponent("docs/experiments/species-model-selection.html").path))
        #expect(experiment.contains("<figure class=\"chart runs-chart\" tabindex=\"0\"><svg"))
        #expect(experiment.contains("<td class=\"run-name\">knn-k7"))
    }

    @Test func theModelPageHasNoSectionTwice() throws {
        let (_, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let html = try #require(
            ProjectFiles.readText(output.appendingPathComponent("docs/models/penguin-classifier.html").path))
        let main = html[html.range(of: "<main")!.lowerBound...]
        let titles = main.components(separatedBy: "<h2").dropFirst().map { part in
            let text = part[part.index(after: part.firstIndex(of: ">")!)...]
            return String(text[..<text.range(of: "<")!.lowerBound]).lowercased()
        }
        #expect(titles.count == Set(titles).count, "\(titles)")
        #expect(titles.first == "model card")
    }

    @Test func pseudocodeAndModelCardPages() throws {
        let (_, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let pseudocode = try #require(
            ProjectFiles.readText(output.appendingPathComponent("docs/pseudocode/species-pipeline.html").path))
        #expect(pseudocode.contains("href=\"../../docs/data/penguins.html#field-bill_length_mm\""))
        #expect(pseudocode.contains("<span class=\"ln\" aria-hidden=\"true\">1</span>"))
        let model = try #require(
            ProjectFiles.readText(output.appendingPathComponent("docs/models/penguin-classifier.html").path))
        // The card's own sections; the body's Evaluation, Intended use, Limitations and How to use stand alone.
        for section in ["Model card", "Training details"] {
            #expect(model.contains("\">\(section)</h2>"), "model card lacks \(section)")
        }
        #expect(model.contains("<h3>Reported results</h3>"))
        #expect(model.contains("knn-k7"))
    }

    @Test func navigationMarksOnlyTheCurrentPage() throws {
        let (_, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let page = try #require(
            ProjectFiles.readText(output.appendingPathComponent("docs/experiments/feature-ablation.html").path))
        // Once in the sidebar, once at the end of the breadcrumb trail.
        let sidebar = try #require(page.components(separatedBy: "<main").first)
        #expect(sidebar.components(separatedBy: "aria-current=\"page\"").count == 2)
        #expect(page.components(separatedBy: "aria-current=\"page\"").count == 3)
        #expect(page.contains("<li><span aria-current=\"page\">Feature ablation"))
        #expect(page.contains("<a href=\"../../docs/experiments/feature-ablation.html\" aria-current=\"page\">"))
    }

    @Test func homeLineageGraphShowsEveryTypedDocument() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        let home = try #require(ProjectFiles.readText(output.appendingPathComponent("index.html").path))
        let svgStart = try #require(home.range(of: "<svg"))
        let svgEnd = try #require(home.range(of: "</svg>", range: svgStart.upperBound..<home.endIndex))
        let svg = String(home[svgStart.lowerBound..<svgEnd.upperBound])
        let layout = SiteLayout(documents: report.project.documents)
        for (i, document) in report.project.documents.enumerated() where document.kind != nil {
            #expect(svg.contains("href=\"\(layout.pages[i])\""), "\(document.id) is not in the lineage graph")
        }
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let (_, first) = try build()
        let (_, second) = try build()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let files = LinkChecker.allFiles(first)
        #expect(files == LinkChecker.allFiles(second))
        for file in files.sorted() {
            let a = try ProjectFiles.readBytes(first.appendingPathComponent(file).path)
            let b = try ProjectFiles.readBytes(second.appendingPathComponent(file).path)
            #expect(a == b, "\(file) differs between two builds")
        }
    }
}
