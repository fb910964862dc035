import DossierCore
import DossierModel
import Mustache

/// `experiments.mustache`: every run of every experiment, sortable, with the selection-metric chart.
package struct ExperimentsView: MustacheParent, Sendable {
    /// A parameter or metric column: its name and how it sorts (`num` or `text`).
    package struct Column: MustacheParent, Sendable {
        package var name: String
        package var type: String

        package func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "type": type
            default: nil
            }
        }
    }

    /// One cell: the text shown and the value it sorts by; marked when its record contradicts it.
    package struct Cell: MustacheParent, Sendable {
        package var text: String
        package var value: String
        package var drift: ExperimentRun.Drift? = nil

        package func child(named name: String) -> Any? {
            switch name {
            case "text": text
            case "value": value
            case "drifted": drift != nil
            // Escaped here: the text, or the text marked as drifted with the recorded value (RunsView).
            case "html": drift.map { RunsView.drifted(HTML.escape(text), $0) } ?? HTML.escape(text)
            default: nil
            }
        }
    }

    /// One run.
    package struct Row: MustacheParent, Sendable {
        package var href: String
        package var experiment: String
        package var run: String
        package var model: String
        package var metric: String
        package var metricValue: String
        /// Metric cells, then hyperparameter cells, in the order of `metricColumns` and `paramColumns`.
        package var metricCells: [Cell]
        package var paramCells: [Cell]
        package var selected: Bool
        package var best: Bool
        /// The tracker that recorded the run (`MLflow`), or nil.
        package var recordedIn: String? = nil

        package func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "experiment": experiment
            case "run": run
            case "model": model
            case "metric": metric
            case "metricValue": metricValue
            case "metricCells": metricCells
            case "paramCells": paramCells
            case "selected": selected
            case "best": best
            case "recordedIn": recordedIn ?? false
            default: nil
            }
        }
    }

    package var experimentCount: Int
    package var metricColumns: [Column]
    package var paramColumns: [Column]
    package var rows: [Row]
    package var chart: String?

    package func child(named name: String) -> Any? {
        switch name {
        case "runCount": rows.count
        case "experimentCount": experimentCount
        case "metricColumns": metricColumns
        case "paramColumns": paramColumns
        case "rows": rows
        case "chart": chart
        default: nil
        }
    }
}
