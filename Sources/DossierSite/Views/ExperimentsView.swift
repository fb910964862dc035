import DossierCore
import DossierModel

/// `experiments.mustache`: every run of every experiment, sortable, with the selection-metric chart.
package struct ExperimentsView: TemplateObject, Sendable {
    /// A parameter or metric column: its name and how it sorts (`num` or `text`).
    package struct Column: TemplateObject, Sendable {
        package var name: String
        package var type: String

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .name: .string(self.name)
            case .type: .string(type)
            default: nil
            }
        }
    }

    /// One cell: the text shown and the value it sorts by; marked when its record contradicts it.
    package struct Cell: TemplateObject, Sendable {
        package var text: String
        package var value: String
        package var drift: ExperimentRun.Drift? = nil

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .text: .string(text)
            case .value: .string(value)
            case .drifted: .bool(drift != nil)
            // Escaped here: the text, or the text marked as drifted with the recorded value (RunsView).
            case .html: .string(drift.map { RunsView.drifted(HTML.escape(text), $0) } ?? HTML.escape(text))
            default: nil
            }
        }
    }

    /// One run.
    package struct Row: TemplateObject, Sendable {
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

        package func value(_ name: TemplateName) -> TemplateValue? {
            switch name {
            case .href: .string(href)
            case .experiment: .string(experiment)
            case .run: .string(run)
            case .model: .string(model)
            case .metric: .string(metric)
            case .metricValue: .string(metricValue)
            case .metricCells: .list(metricCells)
            case .paramCells: .list(paramCells)
            case .selected: .bool(selected)
            case .best: .bool(best)
            case .recordedIn: .orFalse(recordedIn)
            default: nil
            }
        }
    }

    package var experimentCount: Int
    package var metricColumns: [Column]
    package var paramColumns: [Column]
    package var rows: [Row]
    package var chart: String?

    package func value(_ name: TemplateName) -> TemplateValue? {
        switch name {
        case .runCount: .int(rows.count)
        case .experimentCount: .int(experimentCount)
        case .metricColumns: .list(metricColumns)
        case .paramColumns: .list(paramColumns)
        case .rows: .list(rows)
        case .chart: .optional(chart)
        default: nil
        }
    }
}
