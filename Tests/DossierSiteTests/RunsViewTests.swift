@testable import DossierModel
@testable import DossierSite
import Testing

/// Golden tests for an experiment's runs table: the run, the selection metric and the other
/// metrics first, then the model and the hyperparameters; numbers sort as numbers; the selected
/// and the best run by the selection metric marked.
@Suite struct RunsViewTests {
    func experiment(goal: String, selected: String) -> Document {
        let (document, _) = DocumentLoader.load(
            path: "e.md",
            text: """
                ---
                kind: experiment
                title: Trees
                metric: {name: f1, goal: \(goal)}
                metrics: [accuracy]
                selected: \(selected)
                ---
                | Run | Model | depth | accuracy | f1 | criterion |
                |---|---|---|---|---|---|
                | a | rf | 300 | 0.91 | 0.7 | gini |
                | b | gbm | 50 | 0.93 | 0.8 | entropy |
                """)
        return document!
    }

    @Test func runsTableColumnOrderGolden() {
        #expect(
            RunsView.html(experiment(goal: "maximize", selected: "a")) == """
                <div class="table-wrap" tabindex="0" role="region" aria-label="Runs of Trees"><table class="sortable runs-table">
                <thead><tr><th data-sort="text">Run</th><th data-sort="num" class="metric selection">f1 ↑</th>\
                <th data-sort="num" class="metric">accuracy</th><th data-sort="text">Model</th>\
                <th data-sort="num" class="param">depth</th><th data-sort="text" class="param">criterion</th></tr></thead>
                <tbody>
                <tr id="run-a" class="selected"><td class="run-name">a <span class="badge selected">selected</span></td>\
                <td class="num" data-value="0.7">0.7</td><td class="num" data-value="0.91">0.91</td><td>rf</td>\
                <td class="num" data-value="300.0">300</td><td>gini</td></tr>
                <tr id="run-b"><td class="run-name">b <span class="badge best" title="best by f1">best</span></td>\
                <td class="num" data-value="0.8">0.8</td><td class="num" data-value="0.93">0.93</td><td>gbm</td>\
                <td class="num" data-value="50.0">50</td><td>entropy</td></tr>
                </tbody></table></div>
                <p class="note">By f1 (higher is better) the best run is <strong>b</strong>, not the selected <strong>a</strong>; \
                say why in the text.</p>

                """)
    }

    @Test func minimizeFlipsTheBestRun() {
        let html = RunsView.html(experiment(goal: "minimize", selected: "b"))
        #expect(html.contains("<td class=\"run-name\">a <span class=\"badge best\""))
        #expect(html.contains("f1 ↓"))
    }

    @Test func theSelectedRunIsMarkedBestWhenItIsBest() {
        let html = RunsView.html(experiment(goal: "maximize", selected: "b"))
        #expect(html.contains("b <span class=\"badge selected\">selected</span> <span class=\"badge best\""))
        #expect(!html.contains("class=\"note\""))
    }

    @Test func theChartShowsTheSelectionMetricBestFirst() throws {
        let svg = try #require(RunsView.chart(experiment(goal: "maximize", selected: "a")))
        #expect(svg.contains("f1 by run (higher is better)"))
        let b = try #require(svg.range(of: "<title>b: 0.8 (best)</title>"))
        let a = try #require(svg.range(of: "<title>a: 0.7 (selected)</title>"))
        #expect(b.lowerBound < a.lowerBound)
    }
}

/// A documented value its record contradicts is marked, with the recorded value for hover,
/// keyboard focus and screen readers.
@Suite struct DriftedRunCellTests {
    func drifted() -> Document {
        var document = RunsViewTests().experiment(goal: "maximize", selected: "a")
        document.runs[0].drift = [
            ExperimentRun.Drift(column: .metric, key: "f1", recorded: "0.91", source: "metrics.json:3"),
            ExperimentRun.Drift(column: .model, key: "model", recorded: "svm", source: "params.yaml:2 (as model)"),
            ExperimentRun.Drift(column: .param, key: "criterion", recorded: "<log_loss>", source: "params.yaml:4"),
        ]
        return document
    }

    @Test func driftedCellsGolden() {
        let html = RunsView.html(drifted())
        let row = html.split(separator: "\n").first { $0.hasPrefix("<tr id=\"run-a\"") }
        #expect(
            row == """
                <tr id="run-a" class="selected"><td class="run-name">a <span class="badge selected">selected</span></td>\
                <td class="num drifted" data-value="0.7"><span class="drifted" tabindex="0">0.7\
                <span class="drift-mark" aria-hidden="true">≠</span><span class="drift-note">\
                <span class="visually-hidden"> (</span>recorded: 0.91 in metrics.json:3\
                <span class="visually-hidden">)</span></span></span></td>\
                <td class="num" data-value="0.91">0.91</td>\
                <td class="drifted" data-value="rf"><span class="drifted" tabindex="0">rf\
                <span class="drift-mark" aria-hidden="true">≠</span><span class="drift-note">\
                <span class="visually-hidden"> (</span>recorded: svm in params.yaml:2 (as model)\
                <span class="visually-hidden">)</span></span></span></td>\
                <td class="num" data-value="300.0">300</td>\
                <td class="drifted" data-value="gini"><span class="drifted" tabindex="0">gini\
                <span class="drift-mark" aria-hidden="true">≠</span><span class="drift-note">\
                <span class="visually-hidden"> (</span>recorded: &lt;log_loss&gt; in params.yaml:4\
                <span class="visually-hidden">)</span></span></span></td></tr>
                """)
        // Run b agrees with its record: nothing marked.
        let other = html.split(separator: "\n").first { $0.hasPrefix("<tr id=\"run-b\"") }
        #expect(other?.contains("drift") == false)
    }

    @Test func theAllRunsPageMarksTheSameCells() {
        let drift = ExperimentRun.Drift(column: .metric, key: "f1", recorded: "0.91", source: "metrics.json:3")
        let cell = ExperimentsView.Cell(text: "0.7", value: "0.7", drift: drift)
        #expect(cell.child(named: "drifted") as? Bool == true)
        #expect(cell.child(named: "html") as? String == RunsView.drifted("0.7", drift))
        let plain = ExperimentsView.Cell(text: "<b>", value: "")
        #expect(plain.child(named: "drifted") as? Bool == false)
        #expect(plain.child(named: "html") as? String == "&lt;b&gt;")
    }
}
