@testable import DossierModel
@testable import DossierSite
import Testing

/// Golden tests for an experiment's runs table: the selected run marked, the best run by the
/// selection metric flagged when it is not the selected one.
@Suite struct RunsViewTests {
    func experiment(goal: String, selected: String) -> Document {
        let (document, _) = DocumentLoader.load(path: "e.md", text: """
        ---
        kind: experiment
        metric: {name: f1, goal: \(goal)}
        selected: \(selected)
        ---
        | Run | Model | depth | f1 |
        |---|---|---|---|
        | a | rf | 3 | 0.7 |
        | b | gbm | 5 | 0.8 |
        """)
        return document!
    }

    @Test func bestIsFlaggedWhenItIsNotSelected() {
        #expect(RunsView.html(experiment(goal: "maximize", selected: "a")) == """
        <div class="table-wrap"><table class="sortable runs-table">
        <thead><tr><th data-sort="text">Run</th><th data-sort="text">Model</th><th data-sort="text">depth</th><th data-sort="num" class="metric selection">f1 ↑</th></tr></thead>
        <tbody>
        <tr id="run-a" class="selected"><td>a <span class="badge selected">selected</span></td><td>rf</td><td>3</td><td data-value="0.7">0.7</td></tr>
        <tr id="run-b"><td>b <span class="badge best" title="best by f1">best</span></td><td>gbm</td><td>5</td><td data-value="0.8">0.8</td></tr>
        </tbody></table></div>
        <p class="note">By f1 (higher is better) the best run is <strong>b</strong>, not the selected <strong>a</strong>; say why in the text.</p>

        """)
    }

    @Test func minimizeFlipsTheBestRun() {
        let html = RunsView.html(experiment(goal: "minimize", selected: "b"))
        #expect(html.contains("<td>a <span class=\"badge best\""))
        #expect(html.contains("f1 ↓"))
    }

    @Test func noBestFlagWhenTheSelectedRunIsBest() {
        let html = RunsView.html(experiment(goal: "maximize", selected: "b"))
        #expect(!html.contains("badge best"))
        #expect(!html.contains("class=\"note\""))
    }
}
