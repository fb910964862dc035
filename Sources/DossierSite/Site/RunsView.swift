import DossierCore
import DossierMarkdown
import DossierModel

/// An experiment's runs as a table: the selected run marked, and the best run by the
/// selection metric flagged when it is not the selected one.
package enum RunsView {
    /// The index of the best run by the selection metric, respecting maximize/minimize.
    package static func bestRun(_ runs: [ExperimentRun], metric: SelectionMetric?) -> Int? {
        guard let metric else { return nil }
        var best: (Int, Double)?
        for (index, run) in runs.enumerated() {
            guard let value = run.metric(metric.name) else { continue }
            if let current = best {
                if metric.maximize ? value > current.1 : value < current.1 { best = (index, value) }
            } else {
                best = (index, value)
            }
        }
        return best?.0
    }

    /// Where a run comes from: only the tracker, or the document and the tracker both.
    package static func recordedBadge(_ tracker: String, documented: Bool) -> String {
        let title = documented ? "written in the document and recorded in \(tracker)"
            : "read from \(tracker), not written in the document"
        return "<span class=\"badge recorded\" title=\"\(HTML.escape(title))\">"
            + "recorded in \(HTML.escape(tracker))</span>"
    }

    package static func html(_ document: Document) -> String {
        let runs = document.runs
        guard !runs.isEmpty else { return "" }
        var paramKeys: [String] = []
        var metricKeys: [String] = []
        for run in runs {
            for p in run.params where !paramKeys.contains(p.key) { paramKeys.append(p.key) }
            for m in run.metrics where !metricKeys.contains(m.key) { metricKeys.append(m.key) }
        }
        let best = bestRun(runs, metric: document.selectionMetric)
        var out = "<div class=\"table-wrap\"><table class=\"sortable runs-table\">\n<thead><tr><th data-sort=\"text\">Run</th><th data-sort=\"text\">Model</th>"
        for key in paramKeys { out += "<th data-sort=\"text\">\(HTML.escape(key))</th>" }
        for key in metricKeys {
            let isSelection = key == document.selectionMetric?.name
            out += "<th data-sort=\"num\" class=\"metric\(isSelection ? " selection" : "")\">\(HTML.escape(key))\(isSelection ? (document.selectionMetric!.maximize ? " ↑" : " ↓") : "")</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, run) in runs.enumerated() {
            let selected = run.name == document.selected
            out += "<tr id=\"run-\(HTML.escape(HeadingSlugger.baseSlug(run.name)))\"\(selected ? " class=\"selected\"" : "")><td>\(HTML.escape(run.name))"
            if selected { out += " <span class=\"badge selected\">selected</span>" }
            if let tracker = run.recordedIn { out += " " + recordedBadge(tracker, documented: run.isDocumented) }
            if index == best, !selected { out += " <span class=\"badge best\" title=\"best by \(HTML.escape(document.selectionMetric?.name ?? ""))\">best</span>" }
            out += "</td><td>\(HTML.escape(run.model ?? ""))</td>"
            for key in paramKeys { out += "<td>\(HTML.escape(run.params.first { $0.key == key }?.text ?? ""))</td>" }
            for key in metricKeys {
                let value = run.metrics.first { $0.key == key }
                out += "<td data-value=\"\(value?.number.map { String($0) } ?? "")\">\(HTML.escape(value?.text ?? ""))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        if let best, let metric = document.selectionMetric, runs[best].name != document.selected, document.selected != nil {
            out += "<p class=\"note\">By \(HTML.escape(metric.name)) (\(metric.maximize ? "higher" : "lower") is better) the best run is <strong>\(HTML.escape(runs[best].name))</strong>, not the selected <strong>\(HTML.escape(document.selected!))</strong>; say why in the text.</p>\n"
        }
        return out
    }
}
