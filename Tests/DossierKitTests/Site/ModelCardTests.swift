@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Golden tests for the model card: one section per topic in the Hugging Face template's order,
/// a summary at the top, `model-index` as a results table, nested facts never as raw maps.
@Suite struct ModelCardTests {
    static let experiment = """
        ---
        kind: experiment
        title: Selection
        metric: {name: f1, goal: maximize}
        selected: knn
        runs:
          - {name: knn, model: knn, params: {k: 7}, metrics: {f1: 0.995, accuracy: 0.99}}
          - {name: tree, model: tree, params: {depth: 3}, metrics: {f1: 0.98, accuracy: 0.97}}
        ---
        # Selection
        """

    static func model(body: String) -> String {
        """
        ---
        kind: model
        title: Classifier
        experiments: [selection]
        selected: knn
        pipeline_tag: tabular-classification
        license: cc0-1.0
        tags: [tabular, knn]
        datasets: [org/data]
        intended_use: Teaching.
        limitations: Three islands only.
        deployment: Batch scoring.
        model-index:
          - name: classifier
            results:
              - task: {type: tabular-classification, name: Tabular classification}
                dataset: {type: org/data, name: Palmer penguins, split: test}
                metrics:
                  - {type: f1, value: 0.99, name: Test macro-F1}
                  - {type: accuracy, value: 1.0}
        ---
        # Classifier

        \(body)
        """
    }

    func h2s(_ html: String) -> [String] {
        let main = html[html.range(of: "<main")!.lowerBound...]
        return main.components(separatedBy: "<h2").dropFirst().map { part in
            let text = part[part.index(after: part.firstIndex(of: ">")!)...]
            return String(text[..<text.range(of: "<")!.lowerBound])
        }
    }

    @Test func modelCardSectionOrderGolden() throws {
        let project = try TemporaryProject([
            "docs/selection.md": Self.experiment,
            "docs/classifier.md": Self.model(body: "A classifier."),
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let html = try #require(project.read("site/docs/classifier.html"))
        #expect(
            h2s(html) == [
                "Model card", "Intended use", "Bias, risks and limitations", "How to get started",
                "Training details", "Evaluation", "Ready for production? ", "Uses", "Used by", "Lineage",
            ])
        #expect(html.contains("<dt>Task</dt><dd>tabular-classification</dd>"))
        #expect(html.contains("<dt>Headline metrics</dt><dd><code>f1</code> 0.995 · <code>accuracy</code> 0.99</dd>"))
        #expect(html.contains("<dt>Tags</dt><dd><ul class=\"chips\"><li>tabular</li><li>knn</li></ul></dd>"))
        #expect(
            html.contains(
                "<tr><td>Tabular classification</td><td>Palmer penguins</td><td>test</td>"
                    + "<td>Test macro-F1 <code>f1</code></td><td class=\"num\">0.99</td></tr>"))
        #expect(!html.contains("<summary>model-index</summary>"))
    }

    @Test func aTopicTheBodyCoversIsNotRepeated() throws {
        let body = "## Intended use\n\nTeaching.\n\n## Evaluation\n\nGood.\n"
        let project = try TemporaryProject([
            "docs/selection.md": Self.experiment,
            "docs/classifier.md": Self.model(body: body),
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let html = try #require(project.read("site/docs/classifier.html"))
        #expect(
            h2s(html) == [
                "Model card", "Bias, risks and limitations", "How to get started", "Training details",
                "Intended use", "Evaluation", "Ready for production? ", "Uses", "Used by", "Lineage",
            ])
        // The results table moves into the summary when the body has the evaluation.
        #expect(html.contains("<h3>Reported results</h3>"))
    }

    @Test func nestedFactsAreSentencesOrTablesNeverRawMaps() throws {
        let project = try TemporaryProject([
            "docs/labels.md":
                "---\nkind: labeling\nagreement: {metric: cohen_kappa, value: 0.82, n_items: 200}\n---\n# Labels\n",
            "docs/env.md": "---\nkind: environment\nseeds: {global: 42, numpy: 7}\n---\n# Env\n",
            "docs/selection.md": Self.experiment,
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let labels = try #require(project.read("site/docs/labels.html"))
        #expect(labels.contains("<code>cohen_kappa</code> <strong>0.82</strong> over 200 items"))
        let selection = try #require(project.read("site/docs/selection.html"))
        #expect(selection.contains("<code>f1</code> (higher is better)"))
        let env = try #require(project.read("site/docs/env.html"))
        #expect(env.contains("<table class=\"mini-table\"><tbody><tr><th scope=\"row\">global</th><td>42</td></tr>"))
        #expect(!env.contains("<span class=\"muted\">global:</span>"))
    }
}
