import DossierCore
import DossierModel
import Foundation

/// Every run of every experiment in one sortable table, with a bar chart of the selection metric.
package struct ExperimentsPage {
    package let site: SiteContext
    /// Hyperparameter and metric columns shown at most (the most common ones).
    package static let maxColumns = 16
    /// Bars in the chart at most (the best runs by the most common selection metric).
    package static let maxBars = 40

    package func render(theme: Theme) -> String {
        let project = site.project
        let page = SiteLayout.experiments
        let linker = PageLinker(site: site, page: page, sourcePath: "")
        let experiments = project.documents.indices.filter { project.documents[$0].kind == .experiment }
        var usage: [String: Int] = [:]
        var textKeys: Set<String> = []
        var metricKeys: Set<String> = []
        for i in experiments {
            for run in project.documents[i].runs {
                for value in run.params + run.metrics {
                    usage[value.key, default: 0] += 1
                    if value.number == nil, !value.text.isEmpty { textKeys.insert(value.key) }
                }
                for value in run.metrics { metricKeys.insert(value.key) }
            }
        }
        let columns = usage.keys.sorted { (usage[$0]!, $1) > (usage[$1]!, $0) }.prefix(Self.maxColumns).sorted()
        // Metrics before hyperparameters: what a reviewer compares comes first.
        let metricColumns = columns.filter { metricKeys.contains($0) }
        let paramColumns = columns.filter { !metricKeys.contains($0) }
        func cells(
            _ run: ExperimentRun, _ keys: [String], _ column: ExperimentRun.Drift.Column
        ) -> [ExperimentsView.Cell] {
            let values = column == .metric ? run.metrics : run.params
            return keys.map { key in
                let value = values.first { $0.key == key }
                return ExperimentsView.Cell(
                    text: value?.text ?? "",
                    value: value?.number.map { String($0) } ?? value?.text ?? "",
                    drift: value == nil ? nil : run.drift(column, key))
            }
        }
        var rows: [ExperimentsView.Row] = []
        var metricUsage: [String: Int] = [:]
        for i in experiments {
            let document = project.documents[i]
            let best = RunsView.bestRun(document.runs, metric: document.selectionMetric)
            if let metric = document.selectionMetric { metricUsage[metric.name, default: 0] += 1 }
            for (r, run) in document.runs.enumerated() {
                let metricValue = document.selectionMetric.flatMap { run.metric($0.name) }
                rows.append(
                    ExperimentsView.Row(
                        href: linker.url(document: i), experiment: document.title, run: run.name,
                        model: run.model ?? "",
                        metric: metricValue.map { "\(document.selectionMetric!.name) = \(MetricChart.format($0))" }
                            ?? "",
                        metricValue: metricValue.map { String($0) } ?? "",
                        metricCells: cells(run, metricColumns, .metric),
                        paramCells: cells(run, paramColumns, .param),
                        selected: run.name == document.selected,
                        best: r == best && run.name != document.selected, recordedIn: run.recordedIn))
            }
        }
        var view = ExperimentsView(
            experimentCount: experiments.count,
            metricColumns: metricColumns.map {
                ExperimentsView.Column(name: $0, type: textKeys.contains($0) ? "text" : "num")
            },
            paramColumns: paramColumns.map {
                ExperimentsView.Column(name: $0, type: textKeys.contains($0) ? "text" : "num")
            },
            rows: rows)
        if let metric = metricUsage.keys.sorted(by: { (metricUsage[$0]!, $1) > (metricUsage[$1]!, $0) }).first {
            var bars: [MetricChart.Bar] = []
            var maximize = true
            for i in experiments {
                let document = project.documents[i]
                guard document.selectionMetric?.name == metric else { continue }
                maximize = document.selectionMetric!.maximize
                for run in document.runs {
                    if let value = run.metric(metric) {
                        bars.append(
                            MetricChart.Bar(
                                label: "\(document.title) · \(run.name)", value: value,
                                selected: run.name == document.selected))
                    }
                }
            }
            bars.sort {
                maximize ? ($0.value, $1.label) > ($1.value, $0.label) : ($0.value, $0.label) < ($1.value, $1.label)
            }
            let shown = Array(bars.prefix(Self.maxBars))
            let title =
                bars.count > shown.count ? "\(metric): best \(shown.count) of \(bars.count) runs" : "\(metric) by run"
            view.chart = MetricChart.svg(title: title, bars: shown)
        }
        let layout = site.layoutContext(
            page: page, title: "Experiment runs", pageType: "experiments")
        return theme.render("experiments", view: view, layout: layout)
    }
}
