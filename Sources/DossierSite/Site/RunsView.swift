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
        let out = MarkupBuffer(capacity: 160)
        writeRecordedBadge(tracker, documented: documented, into: out)
        return out.string
    }

    private static func writeRecordedBadge(_ tracker: String, documented: Bool, into out: MarkupBuffer) {
        out.put("<span class=\"badge recorded\" title=\"")
        if documented {
            out.put("written in the document and recorded in ")
            out.put(escaping: tracker)
        } else {
            out.put("read from ")
            out.put(escaping: tracker)
            out.put(", not written in the document")
        }
        out.put("\">recorded in ")
        out.put(escaping: tracker)
        out.put("</span>")
    }

    static func cell(_ value: ExperimentRun.Value?, drift: ExperimentRun.Drift? = nil) -> String {
        let out = MarkupBuffer(capacity: 128)
        writeCell(value, drift: drift, into: out)
        return out.string
    }

    private static func writeCell(_ value: ExperimentRun.Value?, drift: ExperimentRun.Drift?, into out: MarkupBuffer) {
        guard let value else {
            out.put("<td></td>")
            return
        }
        guard let drift else {
            if let number = value.number {
                out.put("<td class=\"num\" data-value=\"")
                out.put(string: String(number))
                out.put("\">")
            } else {
                out.put("<td>")
            }
            out.put(escaping: value.text)
            out.put("</td>")
            return
        }
        // The sort key is the documented value alone, not the note about the record.
        out.put(value.number == nil ? "<td class=\"drifted\" data-value=\"" : "<td class=\"num drifted\" data-value=\"")
        out.put(escaping: value.number.map { String($0) } ?? value.text)
        out.put("\">")
        writeDrifted(escaping: value.text, drift, into: out)
        out.put("</td>")
    }

    /// A documented value its record contradicts: marked, and focusable so that the keyboard
    /// shows what was recorded as hovering does (the theme shows the note on both). The note is
    /// also the text alternative a screen reader reads after the value.
    static func drifted(_ shown: String, _ drift: ExperimentRun.Drift) -> String {
        let out = MarkupBuffer(capacity: 320)
        writeDrifted(shown: shown, drift, into: out)
        return out.string
    }

    /// `drifted(shown, drift)`, with `shown` HTML already.
    private static func writeDrifted(shown: String, _ drift: ExperimentRun.Drift, into out: MarkupBuffer) {
        out.put("<span class=\"drifted\" tabindex=\"0\">")
        out.put(string: shown)
        writeDriftNote(drift, into: out)
    }

    /// `drifted(HTML.escape(text), drift)`.
    private static func writeDrifted(escaping text: String, _ drift: ExperimentRun.Drift, into out: MarkupBuffer) {
        out.put("<span class=\"drifted\" tabindex=\"0\">")
        out.put(escaping: text)
        writeDriftNote(drift, into: out)
    }

    private static func writeDriftNote(_ drift: ExperimentRun.Drift, into out: MarkupBuffer) {
        out.put("<span class=\"drift-mark\" aria-hidden=\"true\">≠</span>")
        out.put("<span class=\"drift-note\"><span class=\"visually-hidden\"> (</span>recorded: ")
        out.put(escaping: drift.recorded)
        out.put(" in ")
        out.put(escaping: drift.source)
        out.put("<span class=\"visually-hidden\">)</span></span></span>")
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
        // Written as bytes (`MarkupBuffer`): an experiment's table is a dozen pieces a cell, and
        // appending each to a String cost about 400 instructions (170,000 a table).
        let out = MarkupBuffer(capacity: 1024 + runs.count * (metricKeys.count + paramKeys.count + 2) * 48)
        out.put("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
        if document.title.isEmpty {
            out.put("Runs")
        } else {
            out.put("Runs of ")
            out.put(escaping: document.title)
        }
        out.put("\">")
        out.put("<table class=\"sortable runs-table\">\n<thead><tr><th data-sort=\"text\">Run</th>")
        for key in metricKeys {
            let isSelection = key == selection?.name
            let type = sortType(runs.map { run in run.metrics.first { $0.key == key } })
            out.put("<th data-sort=\"")
            out.put(string: type)
            out.put(isSelection ? "\" class=\"metric selection\">" : "\" class=\"metric\">")
            out.put(escaping: key)
            if isSelection { out.put(selection!.maximize ? " ↑" : " ↓") }
            out.put("</th>")
        }
        if hasModel { out.put("<th data-sort=\"text\">Model</th>") }
        for key in paramKeys {
            let type = sortType(runs.map { run in run.params.first { $0.key == key } })
            out.put("<th data-sort=\"")
            out.put(string: type)
            out.put("\" class=\"param\">")
            out.put(escaping: key)
            out.put("</th>")
        }
        out.put("</tr></thead>\n<tbody>\n")
        for (index, run) in runs.enumerated() {
            let selected = run.name == document.selected
            out.put("<tr id=\"")
            out.put(escaping: "run-" + HeadingSlugger.baseSlug(run.name))
            out.put(selected ? "\" class=\"selected\">" : "\">")
            out.put("<td class=\"run-name\">")
            out.put(escaping: run.name)
            if selected { out.put(" <span class=\"badge selected\">selected</span>") }
            if let tracker = run.recordedIn {
                out.put(" ")
                writeRecordedBadge(tracker, documented: run.isDocumented, into: out)
            }
            if index == best {
                out.put(" <span class=\"badge best\" title=\"best by ")
                out.put(escaping: selection?.name ?? "")
                out.put("\">best</span>")
            }
            out.put("</td>")
            for key in metricKeys {
                writeCell(run.metrics.first { $0.key == key }, drift: run.drift(.metric, key), into: out)
            }
            if hasModel {
                let model = run.model ?? ""
                if run.model != nil, let drift = run.drift(.model, "model") {
                    out.put("<td class=\"drifted\" data-value=\"")
                    out.put(escaping: model)
                    out.put("\">")
                    writeDrifted(escaping: model, drift, into: out)
                    out.put("</td>")
                } else {
                    out.put("<td>")
                    out.put(escaping: model)
                    out.put("</td>")
                }
            }
            for key in paramKeys {
                writeCell(run.params.first { $0.key == key }, drift: run.drift(.param, key), into: out)
            }
            out.put("</tr>\n")
        }
        out.put("</tbody></table></div>\n")
        if let best, let metric = selection, let chosen = document.selected, runs[best].name != chosen {
            out.put("<p class=\"note\">By ")
            out.put(escaping: metric.name)
            out.put(metric.maximize ? " (higher is better)" : " (lower is better)")
            out.put(" the best run is <strong>")
            out.put(escaping: runs[best].name)
            out.put("</strong>, not the selected <strong>")
            out.put(escaping: chosen)
            out.put("</strong>; say why in the text.</p>\n")
        }
        return out.string
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
