import DossierCore
import DossierFormats
import DossierModel

/// A model document in the sections of a Hugging Face model card: details, intended use,
/// limitations, training data, training procedure, evaluation and deployment.
package struct ModelCardView {
    package let site: SiteContext
    package let linker: PageLinker
    package let document: Document

    package func html() -> String {
        let card = FactsCard(linker: linker)
        var out = "<section class=\"model-card\">\n"
        func section(_ title: String, _ body: String) {
            guard !body.isEmpty else { return }
            out += "<h2>\(title)</h2>\n" + body + "\n"
        }
        func rows(_ keys: [String]) -> String {
            var html = ""
            for key in keys {
                guard let value = document[key] else { continue }
                if case .null = value.content { continue }
                html += "<tr><th scope=\"row\">\(HTML.escape(key))</th><td>\(card.html(key: key, value: value, kind: .model))</td></tr>"
            }
            return html.isEmpty ? "" : "<div class=\"table-wrap\"><table class=\"card-table\"><tbody>\(html)</tbody></table></div>"
        }
        section("Model details", rows(["library_name", "pipeline_tag", "license", "base_model", "language", "tags", "owner", "status"]))
        for (key, title) in [("intended_use", "Intended use"), ("limitations", "Limitations")] {
            if let value = document[key] { section(title, paragraphs(value, card: card)) }
        }
        section("Training data", rows(["sources", "datasets"]))
        var procedure = rows(["experiments", "selected", "environment", "pseudocode"])
        if let run = selectedRun() {
            let params = run.run.params.map { "<li><code>\(HTML.escape($0.key))</code> = \(HTML.escape($0.text))</li>" }.joined()
            if !params.isEmpty { procedure += "<p>Hyperparameters of the selected run <strong>\(HTML.escape(run.run.name))</strong>:</p><ul>\(params)</ul>" }
        }
        section("Training procedure", procedure)
        var evaluation = ""
        if let run = selectedRun(), !run.run.metrics.isEmpty {
            evaluation += "<div class=\"table-wrap\"><table><thead><tr><th>Metric</th><th>Value</th></tr></thead><tbody>"
            for metric in run.run.metrics { evaluation += "<tr><td>\(HTML.escape(metric.key))</td><td>\(HTML.escape(metric.text))</td></tr>" }
            evaluation += "</tbody></table></div><p class=\"muted\">From run \(HTML.escape(run.run.name))\(run.run.recordedIn.map { " (recorded in \($0))" } ?? "") of <a href=\"\(HTML.escape(linker.url(document: run.experiment)))\">\(HTML.escape(site.project.documents[run.experiment].title))</a>.</p>"
        }
        if let index = document["model-index"] { evaluation += "<details><summary>model-index</summary>" + card.structuredHTML(index) + "</details>" }
        evaluation += rows(["metrics"])
        section("Evaluation", evaluation)
        if let value = document["deployment"] { section("Deployment", paragraphs(value, card: card)) }
        out += "</section>\n"
        return out
    }

    package func paragraphs(_ value: YAMLValue, card: FactsCard) -> String {
        if let text = value.string {
            return text.split(separator: "\n", omittingEmptySubsequences: true).map { "<p>\(HTML.escape(String($0)))</p>" }.joined()
        }
        return card.structuredHTML(value)
    }

    /// The selected run, looked up in the model's experiments.
    package func selectedRun() -> (run: ExperimentRun, experiment: Int)? {
        guard let selected = document.selected else { return nil }
        let index = site.project.index
        for reference in document.references where reference.key == "experiments" {
            guard let experiment = index.byID[reference.target] else { continue }
            if let run = index.documents[experiment].runs.first(where: { $0.name == selected }) { return (run, experiment) }
        }
        return nil
    }
}
