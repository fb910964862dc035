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
        var lines = [
            "---", "kind: \(kind.rawValue)", "id: \(id)",
            "summary: One sentence on what this \(kind.displayName.lowercased()) is.",
            "owner: your-team", "status: draft            # draft, active or deprecated",
            "# tags: [tag]",
            "# code: [path/to/file.py#function]   # code this page describes; it goes stale when they change",
            "# related: [other-id]", "# verified: <commit>      # written by `dossier verify`",
        ]
        // Every key of the kind that has an example, in the key table's order (FrontMatterKeys).
        for key in FrontMatterKeys.specific(to: kind) {
            guard let example = key.example else { continue }
            // A multi-line example (a mapping or a list of mappings) goes on the lines below the key.
            let inline = example.hasPrefix("\n") ? nil : example
            var line =
                links[key.name].map { "\(key.name): \($0)" } ?? "# \(key.name):" + (inline.map { " " + $0 } ?? "")
            if !key.meaning.isEmpty {
                // Align comments in a column, but never cut a long value short.
                line += String(repeating: " ", count: max(1, 27 - line.count)) + "# \(key.meaning)"
            }
            lines.append(line)
            if inline == nil { lines += example.split(separator: "\n").map(String.init) }
        }
        let body: String
        switch kind {
        case .dataSource:
            body = "## Collection\n\nHow the data was collected, by whom, and what it leaves out.\n"
        case .schema:
            body =
                "## Fields\n\n| Column | Type | Level | Nullable | Values | Description |\n|---|---|---|---|---|---|\n| id | id | nominal | no | | Row identifier |\n| label | categorical | nominal | no | yes, no | The target |\n"
        case .labeling:
            body = "## How labels are made\n\nWho labels, from what, and how disagreements are settled.\n"
        case .experiment:
            body =
                "## Runs\n\n| Run | Model | learning_rate | f1 |\n|---|---|---|---|\n| baseline | logistic-regression | 0.1 | 0.5 |\n\n## Why this run\n\nThe reasons the selected run won.\n"
        case .environment:
            body = "## Reproducing\n\nHow to recreate this environment.\n"
        case .pseudocode:
            body =
                "## Algorithm\n\n```pseudocode\nprocedure TRAIN(data)\n    for each row in data do\n        features <- featurize(row)\n    end for\n    return fit(features)\nend procedure\n```\n"
        case .model:
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
            .experiment: [
                "sources": "[raw-data]", "schemas": "[dataset]", "labeling": "labels", "environment": "training-env",
                "pseudocode": "pipeline", "metric": "{name: f1, goal: maximize}", "selected": "baseline",
            ],
            .environment: ["python": "'3.11'"],
            .pseudocode: ["inputs": "[dataset.id]", "outputs": "[dataset.label]"],
            .model: [
                "experiments": "[model-selection]", "selected": "baseline", "environment": "training-env",
                "pseudocode": "pipeline",
            ],
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
