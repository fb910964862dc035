import DossierCore
import DossierModel

/// Document skeletons for `dossier new` and `dossier init`: every key of the kind, commented,
/// with what it holds.
package enum DocumentSkeleton {
    /// Where `dossier new` puts a document of this kind, relative to the project.
    package static func path(kind: DocumentKind, id: String) -> String {
        let folder: String
        switch kind {
        case .dataSource: folder = "data"
        case .schema: folder = "data"
        case .labeling: folder = "labeling"
        case .experiment: folder = "experiments"
        case .environment: folder = "environments"
        case .pseudocode: folder = "pseudocode"
        case .model: folder = "models"
        }
        return "docs/\(folder)/\(id).md"
    }

    /// The skeleton text. `links` fills reference keys (for `init`, whose documents refer to
    /// each other); without it they stay commented.
    package static func text(kind: DocumentKind, id: String, links: [String: String] = [:]) -> String {
        var lines = ["---", "kind: \(kind.rawValue)", "id: \(id)", "summary: One sentence on what this \(kind.displayName.lowercased()) is.",
                     "owner: your-team", "status: draft            # draft, active or deprecated",
                     "# tags: [tag]", "# code: [path/to/file.py#function]   # code this page describes; it goes stale when they change",
                     "# related: [other-id]", "# verified: <commit>      # written by `dossier verify`"]
        func key(_ name: String, _ example: String, _ comment: String) {
            var line = links[name].map { "\(name): \($0)" } ?? "# \(name): \(example)"
            if !comment.isEmpty {
                // Align comments in a column, but never cut a long value short.
                line += String(repeating: " ", count: max(1, 27 - line.count)) + "# \(comment)"
            }
            lines.append(line)
        }
        var body = ""
        switch kind {
        case .dataSource:
            key("location", "s3://bucket/path/ or data/raw/file.csv", "where the data lives")
            key("format", "csv", "file format")
            key("refresh", "daily", "how often it changes")
            key("license", "CC0-1.0", "the data's license")
            key("collection", "{method: survey, timeframe: 2024}", "how and when it was collected")
            key("pii", "false", "personal data it holds")
            key("sample", "data/raw/sample.csv", "a data file in the repository")
            key("schemas", "[schema-id]", "schemas that describe it")
            key("task_categories", "[tabular-classification]", "Hugging Face dataset-card keys work too")
            body = "## Collection\n\nHow the data was collected, by whom, and what it leaves out.\n"
        case .schema:
            key("source", "data-source-id", "the data source this describes")
            key("sample", "data/processed/sample.csv", "CSV, TSV or JSONL checked against the table")
            key("primary_key", "[id]", "columns that identify a row")
            body = "## Fields\n\n| Column | Type | Level | Nullable | Values | Description |\n|---|---|---|---|---|---|\n| id | id | nominal | no | | Row identifier |\n| label | categorical | nominal | no | yes, no | The target |\n"
        case .labeling:
            key("schemas", "[schema-id]", "the data that is labelled")
            key("target", "schema-id.column", "the label column")
            key("classes", "[yes, no]", "the label values")
            key("method", "manual", "manual, heuristic, weak-supervision, model-assisted or found")
            key("annotators", "3", "who labelled")
            key("annotations_per_item", "1", "labels per item")
            key("agreement", "{metric: cohen_kappa, value: 0.8, n_items: 200}", "inter-annotator agreement")
            key("guidelines", "labeling/guidelines.md", "the instructions annotators read")
            key("config", "labeling/label_studio.xml", "Label Studio labeling config")
            body = "## How labels are made\n\nWho labels, from what, and how disagreements are settled.\n"
        case .experiment:
            key("sources", "[data-source-id]", "data it trained on")
            key("schemas", "[schema-id]", "schemas of that data")
            key("labeling", "labeling-id", "where the labels came from")
            key("environment", "environment-id", "where it ran")
            key("pseudocode", "pseudocode-id", "what the pipeline does")
            key("metric", "{name: f1, goal: maximize}", "how the run is selected")
            key("selected", "baseline", "the chosen run")
            key("params_file", "params.yaml", "hyperparameters of the selected run")
            key("metrics_file", "metrics.json", "metrics of the selected run")
            key("mlflow", "mlruns/1", "MLflow runs to compare with: mlruns/ folder or mlflow.db")
            body = "## Runs\n\n| Run | Model | learning_rate | f1 |\n|---|---|---|---|\n| baseline | logistic-regression | 0.1 | 0.5 |\n\n## Why this run\n\nThe reasons the selected run won.\n"
        case .environment:
            key("python", "'3.11'", "Python version")
            key("requirements", "requirements.txt", "the file that pins packages")
            lines.append("# packages:                # name: version, checked against requirements")
            lines.append("#   numpy: '1.26.4'")
            key("seeds", "{global: 42}", "random seeds")
            key("hardware", "1x A100 40GB", "what it ran on")
            key("os", "Ubuntu 22.04", "operating system")
            key("container", "image:tag", "container image")
            body = "## Reproducing\n\nHow to recreate this environment.\n"
        case .pseudocode:
            key("inputs", "[schema-id.column]", "columns the pipeline reads")
            key("outputs", "[schema-id.column]", "columns it writes")
            key("implements", "[src/pipeline.py#build]", "the code it describes")
            key("steps", "[clean, featurize, train]", "feature-engineering steps, in order")
            lines.append("# components:              # the pipeline's parts")
            lines.append("#   - {name: featurizer, does: builds features, implements: src/features.py}")
            body = "## Algorithm\n\n```pseudocode\nprocedure TRAIN(data)\n    for each row in data do\n        features <- featurize(row)\n    end for\n    return fit(features)\nend procedure\n```\n"
        case .model:
            key("experiments", "[experiment-id]", "where it was selected")
            key("selected", "baseline", "the run that became the model")
            key("environment", "environment-id", "where it was trained")
            key("pseudocode", "pseudocode-id", "what it does")
            key("sources", "[data-source-id]", "training data")
            key("intended_use", "Who should use it, for what", "model card: intended use")
            key("limitations", "Where it fails", "model card: limitations")
            key("deployment", "How it is served", "model card: deployment")
            key("license", "mit", "Hugging Face model-card keys work as on the Hub")
            key("library_name", "sklearn", "")
            key("pipeline_tag", "tabular-classification", "")
            body = "## Overview\n\nWhat the model predicts and how well.\n"
        }
        lines.append("---")
        let title = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return lines.joined(separator: "\n") + "\n# \(title)\n\n" + body
    }

    /// The documents `dossier init` writes: one of each kind, referring to each other.
    package static func starterSet() -> [(path: String, text: String)] {
        let ids: [DocumentKind: String] = [
            .dataSource: "raw-data", .schema: "dataset", .labeling: "labels", .experiment: "model-selection",
            .environment: "training-env", .pseudocode: "pipeline", .model: "model",
        ]
        let links: [DocumentKind: [String: String]] = [
            .dataSource: ["schemas": "[dataset]"],
            .schema: ["source": "raw-data"],
            .labeling: ["schemas": "[dataset]", "target": "dataset.label", "classes": "[yes, no]", "method": "manual"],
            .experiment: ["sources": "[raw-data]", "schemas": "[dataset]", "labeling": "labels", "environment": "training-env",
                          "pseudocode": "pipeline", "metric": "{name: f1, goal: maximize}", "selected": "baseline"],
            .environment: ["python": "'3.11'"],
            .pseudocode: ["inputs": "[dataset.id]", "outputs": "[dataset.label]"],
            .model: ["experiments": "[model-selection]", "selected": "baseline", "environment": "training-env", "pseudocode": "pipeline"],
        ]
        return DocumentKind.allCases.map { kind in
            (path(kind: kind, id: ids[kind]!), text(kind: kind, id: ids[kind]!, links: links[kind] ?? [:]))
        }
    }

    package static let configText = """
    # Dossier configuration: every key is optional.
    # title: My model                      # default: the README's first heading
    # docs: [docs/**, README.md]           # default: every *.md in the project
    exclude: [site/**]
    output: site
    # base_url: https://org.github.io/repo/
    # repo_url: https://github.com/org/repo
    staleness: {warn_after_commits: 1, error_after_days: 180}
    unsafe_html: false
    strict: false

    """
}
