import DossierCore
import DossierFormats
import DossierMarkdown
import Foundation

/// Reads an experiment's runs: a `runs:` list in front matter, or a runs table in the body
/// (a `run` column, a `model` column, then hyperparameter and metric columns).
package enum RunsTableParser {
    /// Runs from the first body table with a `run` column; metric columns are those named in
    /// `metricNames`, every other column is a hyperparameter.
    package static func parse(
        _ tables: [MarkdownAnalysis.Table], metricNames: Set<String>, path: String
    ) -> (runs: [ExperimentRun], ordinal: Int?) {
        for table in tables {
            let header = table.header.map { SchemaTableParser.clean($0) }
            let lowered = header.map { $0.lowercased() }
            guard let runColumn = lowered.firstIndex(where: { $0 == "run" || $0 == "run name" || $0 == "run_name" })
            else { continue }
            let modelColumn = lowered.firstIndex(where: { $0 == "model" || $0 == "algorithm" })
            var runs: [ExperimentRun] = []
            for row in table.rows {
                let cells = row.cells.map { SchemaTableParser.clean($0) }
                guard runColumn < cells.count, !cells[runColumn].isEmpty else { continue }
                var params: [ExperimentRun.Value] = []
                var metrics: [ExperimentRun.Value] = []
                for (index, name) in header.enumerated()
                where index != runColumn && index != modelColumn && index < cells.count {
                    let text = cells[index]
                    if text.isEmpty || text == "—" || text == "-" { continue }
                    let value = ExperimentRun.Value(key: name, text: text, number: Double(text))
                    if metricNames.contains(name) || metricNames.contains(name.lowercased()) {
                        metrics.append(value)
                    } else {
                        params.append(value)
                    }
                }
                let model = modelColumn.flatMap { $0 < cells.count ? cells[$0] : nil }
                runs.append(
                    ExperimentRun(
                        name: cells[runColumn], model: model?.isEmpty == true ? nil : model,
                        params: params, metrics: metrics, location: SourceLocation(path: path, line: row.line)))
            }
            return (runs, table.ordinal)
        }
        return ([], nil)
    }

    /// Runs from a `runs:` front-matter list of `{name, model, params, metrics}`.
    package static func parse(
        frontMatter value: YAMLValue, path: String
    ) -> (runs: [ExperimentRun], findings: [Finding]) {
        guard let items = value.list else { return ([], []) }
        var runs: [ExperimentRun] = []
        var findings: [Finding] = []
        for item in items {
            let location = SourceLocation(path: path, line: item.line, column: item.column)
            guard item.entries != nil else {
                findings.append(
                    Finding(
                        .error, "front-matter.type",
                        "each entry of `runs` must be a mapping with name, model, params and metrics; found \(item.typeDescription)",
                        at: location))
                continue
            }
            guard let name = item["name"]?.scalarText else {
                findings.append(Finding(.error, "front-matter.type", "a run in `runs` has no `name`", at: location))
                continue
            }
            func values(_ key: String) -> [ExperimentRun.Value] {
                guard let entries = item[key]?.entries else { return [] }
                return flatten(entries, prefix: "")
            }
            runs.append(
                ExperimentRun(
                    name: name, model: item["model"]?.scalarText, params: values("params"),
                    metrics: values("metrics"), location: location))
        }
        return (runs, findings)
    }

    /// Nested params become dotted keys (`optimizer.lr`), as DVC and MLflow name them.
    package static func flatten(_ entries: [YAMLValue.Entry], prefix: String) -> [ExperimentRun.Value] {
        var out: [ExperimentRun.Value] = []
        for entry in entries {
            let key = prefix.isEmpty ? entry.key : prefix + "." + entry.key
            if let nested = entry.value.entries {
                out += flatten(nested, prefix: key)
            } else if let text = entry.value.scalarText {
                out.append(ExperimentRun.Value(key: key, text: text, number: entry.value.number))
            } else if let list = entry.value.stringList {
                out.append(ExperimentRun.Value(key: key, text: "[" + list.joined(separator: ", ") + "]", number: nil))
            }
        }
        return out
    }
}
