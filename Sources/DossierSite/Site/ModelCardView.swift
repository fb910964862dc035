import DossierCore
import DossierFormats
import DossierMarkdown
import DossierModel

/// A model document as a model card: a short summary at the top (task, selected run, headline
/// metrics, data, license, tags), then one section per topic in the Hugging Face template's order
/// (uses; bias, risks and limitations; how to get started; training details; evaluation). A topic
/// the body already has a heading for is left to the body, so no section appears twice.
package struct ModelCardView {
    package let site: SiteContext
    package let linker: PageLinker
    package let document: Document

    /// Front-matter keys the summary shows, so the facts card does not repeat them.
    package static let summaryKeys: Set<String> = [
        "pipeline_tag", "library_name", "license", "base_model", "language", "tags", "datasets", "sources",
        "selected", "experiments", "owner", "status", "environment", "pseudocode",
    ]

    /// The card's topics in order: the section title, and the words of a body heading that covers it.
    package enum Topic: CaseIterable {
        case uses, limitations, gettingStarted, training, evaluation

        /// The section's id (`card-…`), for the table of contents.
        package var anchor: String {
            switch self {
            case .uses: "uses"
            case .limitations: "limitations"
            case .gettingStarted: "getting-started"
            case .training: "training"
            case .evaluation: "evaluation"
            }
        }

        package var title: String {
            switch self {
            case .uses: "Intended use"
            case .limitations: "Bias, risks and limitations"
            case .gettingStarted: "How to get started"
            case .training: "Training details"
            case .evaluation: "Evaluation"
            }
        }

        /// Whether a body heading (lowercased) already covers this topic.
        package func isCovered(by heading: String) -> Bool {
            let words: [String] =
                switch self {
                case .uses: ["intended use", "uses", "use cases"]
                case .limitations: ["limitation", "risk", "bias"]
                case .gettingStarted: ["how to use", "getting started", "get started", "deployment", "usage"]
                case .training: ["training"]
                case .evaluation: ["evaluation", "results", "performance"]
                }
            return words.contains { heading == $0 || heading.contains($0) }
        }
    }

    /// The topics the body does not cover, in card order.
    package func cardTopics() -> [Topic] {
        let headings = document.analysis.headings.filter { $0.level == 2 }.map { $0.text.lowercased() }
        return Topic.allCases.filter { topic in !headings.contains { topic.isCovered(by: $0) } }
    }

    package func html() -> String {
        let card = FactsCard(linker: linker)
        let topics = cardTopics()
        var out = "<section class=\"model-card\" aria-label=\"Model card\">\n"
        out += "<div class=\"card-summary\">\n<h2 id=\"card-summary\">Model card</h2>\n" + summary(card: card)
        let results = resultsTable()
        if !topics.contains(.evaluation), !results.isEmpty { out += "<h3>Reported results</h3>\n" + results }
        out += "</div>\n"
        for topic in topics {
            let body: String
            switch topic {
            case .uses: body = document["intended_use"].map { paragraphs($0, card: card) } ?? ""
            case .limitations: body = document["limitations"].map { paragraphs($0, card: card) } ?? ""
            case .gettingStarted: body = document["deployment"].map { paragraphs($0, card: card) } ?? ""
            case .training: body = training(card: card)
            case .evaluation: body = evaluation(results: results)
            }
            guard !body.isEmpty else { continue }
            out += "<h2 id=\"card-\(topic.anchor)\">\(topic.title)</h2>\n" + body + "\n"
        }
        out += "</section>\n"
        return out
    }

    /// The summary list: what the model does, with what, chosen how, scoring what, on which data.
    func summary(card: FactsCard) -> String {
        var rows: [(String, String)] = []
        func scalar(_ key: String) -> String? { document[key]?.scalarText.map(HTML.escape) }
        if let task = scalar("pipeline_tag") { rows.append(("Task", task)) }
        if let library = scalar("library_name") { rows.append(("Library", library)) }
        if let base = scalar("base_model") { rows.append(("Base model", base)) }
        if let run = selectedRun() {
            let experiment = site.project.documents[run.experiment]
            let anchor = "run-" + HeadingSlugger.baseSlug(run.run.name)
            let href = linker.url(document: run.experiment, anchor: anchor)
            rows.append(
                (
                    "Selected run",
                    "<a href=\"\(HTML.escape(href))\"><code>\(HTML.escape(run.run.name))</code></a>"
                        + " of \(HTML.escape(experiment.title))"
                        + (run.run.recordedIn.map { " (recorded in \(HTML.escape($0)))" } ?? "")
                ))
            let metrics = RunsView.metricKeys([run.run], selection: experiment.selectionMetric?.name)
            let headline = metrics.prefix(4).compactMap { key in
                run.run.metrics.first { $0.key == key }.map {
                    "<code>\(HTML.escape(key))</code> \(HTML.escape($0.text))"
                }
            }
            if !headline.isEmpty { rows.append(("Headline metrics", headline.joined(separator: " · "))) }
        } else if let selected = scalar("selected") {
            rows.append(("Selected run", "<code>\(selected)</code>"))
        }
        let sources = (document["sources"]?.stringList ?? []).map { "<li>\(card.referenceHTML($0))</li>" }
        let datasets = (document["datasets"]?.stringList ?? []).map { "<li>\(HTML.escape($0))</li>" }
        if !sources.isEmpty || !datasets.isEmpty {
            rows.append(("Data", "<ul class=\"chips\">\((sources + datasets).joined())</ul>"))
        }
        for (key, label) in [("environment", "Environment"), ("pseudocode", "Pipeline")] {
            if let id = scalar(key) { rows.append((label, card.referenceHTML(id))) }
        }
        if let license = scalar("license") { rows.append(("License", license)) }
        if let language = document["language"] { rows.append(("Language", card.structuredHTML(language))) }
        if let tags = document["tags"]?.stringList, !tags.isEmpty {
            rows.append(
                ("Tags", "<ul class=\"chips\">" + tags.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"))
        }
        if let owner = document["owner"] { rows.append(("Owner", card.structuredHTML(owner))) }
        if let status = scalar("status") { rows.append(("Status", status)) }
        guard !rows.isEmpty else { return "" }
        return "<dl class=\"summary-list\">" + rows.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined()
            + "</dl>\n"
    }

    func training(card: FactsCard) -> String {
        var out = ""
        if let experiments = document["experiments"]?.stringList, !experiments.isEmpty {
            out += "<p>Chosen in " + experiments.map(card.referenceHTML).joined(separator: ", ") + ".</p>"
        }
        if let run = selectedRun(), !run.run.params.isEmpty {
            out += "<p>Hyperparameters of the selected run <strong>\(HTML.escape(run.run.name))</strong>:</p>"
            out += HTML.tableWrap(label: "Hyperparameters") + "<table class=\"mini-table\"><tbody>"
            for param in run.run.params {
                out +=
                    "<tr><th scope=\"row\"><code>\(HTML.escape(param.key))</code></th><td>\(HTML.escape(param.text))</td></tr>"
            }
            out += "</tbody></table></div>"
        }
        return out
    }

    func evaluation(results: String) -> String {
        var out = results
        if let run = selectedRun(), !run.run.metrics.isEmpty {
            let experiment = site.project.documents[run.experiment]
            out +=
                HTML.tableWrap(label: "Metrics of the selected run")
                + "<table><thead><tr><th>Metric</th><th>Value</th></tr></thead><tbody>"
            for key in RunsView.metricKeys([run.run], selection: experiment.selectionMetric?.name) {
                guard let metric = run.run.metrics.first(where: { $0.key == key }) else { continue }
                out += "<tr><td>\(HTML.escape(metric.key))</td><td>\(HTML.escape(metric.text))</td></tr>"
            }
            let provenance = run.run.recordedIn.map { " (recorded in \(HTML.escape($0)))" } ?? ""
            out += "</tbody></table></div><p class=\"muted\">From run \(HTML.escape(run.run.name))\(provenance) of "
            out +=
                "<a href=\"\(HTML.escape(linker.url(document: run.experiment)))\">\(HTML.escape(experiment.title))</a>.</p>"
        }
        return out
    }

    /// Hugging Face `model-index` as the Hub shows it: one row per task × dataset × metric.
    package func resultsTable() -> String {
        guard let models = document["model-index"]?.list else { return "" }
        var rows: [String] = []
        for model in models {
            for result in model["results"]?.list ?? [] {
                let task = result["task"].flatMap { $0["name"]?.scalarText ?? $0["type"]?.scalarText } ?? ""
                let dataset = result["dataset"].flatMap { $0["name"]?.scalarText ?? $0["type"]?.scalarText } ?? ""
                let split = result["dataset"]?["split"]?.scalarText ?? ""
                for metric in result["metrics"]?.list ?? [] {
                    let name = metric["name"]?.scalarText ?? metric["type"]?.scalarText ?? ""
                    let type = metric["type"]?.scalarText ?? ""
                    let value = metric["value"]?.scalarText ?? ""
                    let cells = [task, dataset, split].map { "<td>\(HTML.escape($0))</td>" }.joined()
                    let metricCell =
                        "<td>\(HTML.escape(name))\(type.isEmpty || type == name ? "" : " <code>\(HTML.escape(type))</code>")</td>"
                    rows.append("<tr>\(cells)\(metricCell)<td class=\"num\">\(HTML.escape(value))</td></tr>")
                }
            }
        }
        guard !rows.isEmpty else { return "" }
        return "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Reported results\">"
            + "<table class=\"results-table\"><thead><tr><th>Task</th><th>Dataset</th><th>Split</th><th>Metric</th>"
            + "<th>Value</th></tr></thead><tbody>\(rows.joined())</tbody></table></div>\n"
    }

    package func paragraphs(_ value: YAMLValue, card: FactsCard) -> String {
        if let text = value.string {
            return text.split(separator: "\n", omittingEmptySubsequences: true).map {
                "<p>\(HTML.escape(String($0)))</p>"
            }.joined()
        }
        return card.structuredHTML(value)
    }

    /// The selected run, looked up in the model's experiments.
    package func selectedRun() -> (run: ExperimentRun, experiment: Int)? {
        guard let selected = document.selected else { return nil }
        let index = site.project.index
        for reference in document.references where reference.key == "experiments" {
            guard let experiment = index.byID[reference.target] else { continue }
            if let run = index.documents[experiment].runs.first(where: { $0.name == selected }) {
                return (run, experiment)
            }
        }
        return nil
    }
}
