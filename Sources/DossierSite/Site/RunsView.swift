import DossierCore
import DossierMarkdown
import DossierModel

/// An experiment's runs as a table in the order a reviewer reads them: the run, the selection
/// metric and the other metrics, the model, then the hyperparameters. The selected and the best
/// run by the selection metric are marked; numbers sort as numbers; a documented value its record
/// contradicts is marked with the recorded value (`ExperimentRun.drift`).
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

    /// The metric columns in reading order: the selection metric first, then the others as first seen.
    package static func metricKeys(_ runs: [ExperimentRun], selection: String?) -> [String] {
        var keys: [String] = []
        for run in runs { for m in run.metrics where !keys.contains(m.key) { keys.append(m.key) } }
        if let selection, let at = keys.firstIndex(of: selection) { keys.insert(keys.remove(at: at), at: 0) }
        return keys
    }

    /// `num` when every value a column has is a number, else `text`.
    static func sortType(_ values: [ExperimentRun.Value?]) -> String {
        let present = values.compactMap { $0 }.filter { !$0.text.isEmpty }
        return !present.isEmpty && present.allSatisfy { $0.number != nil } ? "num" : "text"
    }

    /// Where a run comes from: only the tracker, or the document and the tracker both.
    package static func recordedBadge(_ tracker: String, documented: Bool) -> String {
        let title =
            documented
            ? "written in the document and recorded in \(tracker)"
            : "read from \(tracker), not written in the document"
        return "<span class=\"badge recorded\" title=\"\(HTML.escape(title))\">"
            + "recorded in \(HTML.escape(tracker))</span>"
    }

    static func cell(_ value: ExperimentRun.Value?, drift: ExperimentRun.Drift? = nil) -> String {
        guard let value else { return "<td></td>" }
        guard let drift else {
            let sortValue = value.number.map { " data-value=\"\(String($0))\"" } ?? ""
            return "<td\(value.number == nil ? "" : " class=\"num\"")\(sortValue)>\(HTML.escape(value.text))</td>"
        }
        // The sort key is the documented value alone, not the note about the record.
        let sortValue = " data-value=\"\(HTML.escape(value.number.map { String($0) } ?? value.text))\""
        let classes = value.number == nil ? "drifted" : "num drifted"
        return "<td class=\"\(classes)\"\(sortValue)>\(drifted(HTML.escape(value.text), drift))</td>"
    }

    /// A documented value its record contradicts: marked, and focusable so that the keyboard
    /// shows what was recorded as hovering does (the theme shows the note on both). The note is
    /// also the text alternative a screen reader reads after the value.
    static func drifted(_ shown: String, _ drift: ExperimentRun.Drift) -> String {
        "<span class=\"drifted\" tabindex=\"0\">\(shown)<span class=\"drift-mark\" aria-hidden=\"true\">≠</span>"
            + "<span class=\"drift-note\"><span class=\"visually-hidden\"> (</span>recorded: \(HTML.escape(drift.recorded))"
            + " in \(HTML.escape(drift.source))<span class=\"visually-hidden\">)</span></span></span>"
    }

    package static func html(_ document: Document) -> String {
        let runs = document.runs
        guard !runs.isEmpty else { return "" }
        var paramKeys: [String] = []
        for run in runs { for p in run.params where !paramKeys.contains(p.key) { paramKeys.append(p.key) } }
        let selection = document.selectionMetric
        let metricKeys = metricKeys(runs, selection: selection?.name)
        let hasModel = runs.contains { $0.model != nil }
        let best = bestRun(runs, metric: selection)
        let label = document.title.isEmpty ? "Runs" : "Runs of \(document.title)"
        var out = "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(label))\">"
        out += "<table class=\"sortable runs-table\">\n<thead><tr><th data-sort=\"text\">Run</th>"
        for key in metricKeys {
            let isSelection = key == selection?.name
            let type = sortType(runs.map { run in run.metrics.first { $0.key == key } })
            let arrow = isSelection ? (selection!.maximize ? " ↑" : " ↓") : ""
            out += "<th data-sort=\"\(type)\" class=\"metric\(isSelection ? " selection" : "")\">"
            out += "\(HTML.escape(key))\(arrow)</th>"
        }
        if hasModel { out += "<th data-sort=\"text\">Model</th>" }
        for key in paramKeys {
            let type = sortType(runs.map { run in run.params.first { $0.key == key } })
            out += "<th data-sort=\"\(type)\" class=\"param\">\(HTML.escape(key))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for (index, run) in runs.enumerated() {
            let selected = run.name == document.selected
            let id = "run-" + HeadingSlugger.baseSlug(run.name)
            out += "<tr id=\"\(HTML.escape(id))\"\(selected ? " class=\"selected\"" : "")>"
            out += "<td class=\"run-name\">\(HTML.escape(run.name))"
            if selected { out += " <span class=\"badge selected\">selected</span>" }
            if let tracker = run.recordedIn { out += " " + recordedBadge(tracker, documented: run.isDocumented) }
            if index == best {
                out += " <span class=\"badge best\" title=\"best by \(HTML.escape(selection?.name ?? ""))\">best</span>"
            }
            out += "</td>"
            for key in metricKeys { out += cell(run.metrics.first { $0.key == key }, drift: run.drift(.metric, key)) }
            if hasModel {
                let model = HTML.escape(run.model ?? "")
                if run.model != nil, let drift = run.drift(.model, "model") {
                    out += "<td class=\"drifted\" data-value=\"\(model)\">\(drifted(model, drift))</td>"
                } else {
                    out += "<td>\(model)</td>"
                }
            }
            for key in paramKeys { out += cell(run.params.first { $0.key == key }, drift: run.drift(.param, key)) }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>\n"
        if let best, let metric = selection, let chosen = document.selected, runs[best].name != chosen {
            out +=
                "<p class=\"note\">By \(HTML.escape(metric.name)) (\(metric.maximize ? "higher" : "lower") is better)"
            out += " the best run is <strong>\(HTML.escape(runs[best].name))</strong>, not the selected"
            out += " <strong>\(HTML.escape(chosen))</strong>; say why in the text.</p>\n"
        }
        return out
    }

    /// A bar chart of the selection metric over the experiment's runs, best first; nil when
    /// fewer than two runs have a value.
    package static func chart(_ document: Document) -> String? {
        guard let metric = document.selectionMetric else { return nil }
        let best = bestRun(document.runs, metric: metric)
        var bars: [MetricChart.Bar] = []
        for (index, run) in document.runs.enumerated() {
            guard let value = run.metric(metric.name) else { continue }
            bars.append(
                MetricChart.Bar(
                    label: run.name, value: value, selected: run.name == document.selected,
                    best: index == best))
        }
        guard bars.count >= 2 else { return nil }
        bars.sort {
            metric.maximize ? ($0.value, $1.label) > ($1.value, $0.label) : ($0.value, $0.label) < ($1.value, $1.label)
        }
        let direction = metric.maximize ? "higher is better" : "lower is better"
        return MetricChart.svg(title: "\(metric.name) by run (\(direction))", bars: bars)
    }
}
