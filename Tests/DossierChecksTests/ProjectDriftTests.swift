@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Drift rules that need the whole project: configuration, runs-table columns, code references.
@Suite struct ProjectDriftTests {
    /// The project's findings but for staleness (the test folders are not git repositories).
    private static func findings(_ project: TemporaryProject) throws -> [Finding] {
        try project.load().findings.filter { !$0.rule.hasPrefix("staleness.") }
    }

    private static let environment = """
        ---
        kind: environment
        id: env
        requirements: requirements.txt
        packages:
          torch: 1.7.1
        ---
        # Env
        """

    @Test func undocumentedPackagesOnlyWhenTheConfigurationAsks() throws {
        let project = try TemporaryProject([
            "docs/env.md": Self.environment,
            "requirements.txt": "ftfy\nregex\ntorch==1.7.1\n",
        ])
        defer { project.remove() }
        #expect(try Self.findings(project).isEmpty)

        try project.write("dossier.yml", "drift: {environment: {require_all_packages: true}}\n")
        let findings = try Self.findings(project)
        #expect(
            findings.rules() == [EnvironmentDriftCheck.undocumentedPackage, EnvironmentDriftCheck.undocumentedPackage])
    }

    /// `DriftInputs.namesRecords` says whether `DriftInputs.experiment` finds a record to compare
    /// with, without gathering the runs: the checks skip an experiment that names none.
    @Test func namesRecordsAgreesWithTheExperimentsInputs() throws {
        let fronts = [
            "", "params_file: params.yaml", "metrics_file: metrics.json", "mlflow: mlruns",
            "mlflow: sqlite:///mlflow.db", "mlflow: https://tracking.example.com", "params_file: https://x.com/p.yaml",
            "metrics_file: [a.json, b.json]", "mlflow: ''", "params_file: ./dvc.lock\nmetrics_file: m.json",
        ]
        for front in fronts {
            let text = "---\nkind: experiment\nid: exp\n\(front)\n---\n# Exp\n"
            let document = try #require(DocumentLoader.load(path: "docs/exp.md", bytes: Array(text.utf8)).0)
            let inputs = DriftInputs.experiment(document)
            let names = inputs.paramsFile != nil || inputs.metricsFile != nil || inputs.mlflow != nil
            #expect(DriftInputs.namesRecords(document) == names, "\(front)")
        }
    }

    private static func experiment(_ front: String, table: String) -> String {
        """
        ---
        kind: experiment
        id: exp
        metric: {name: f1, goal: maximize}
        selected: rf
        \(front)
        ---
        # Runs

        \(table)
        """
    }

    @Test func everyRecordedMetricColumnIsComparedAndIsNoHyperparameter() throws {
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(
                "metrics_file: metrics.json",
                table: """
                    | run | model | n_estimators | accuracy | f1 |
                    |---|---|---|---|---|
                    | rf | random_forest | 300 | 0.846 | 0.8 |
                    """),
            "metrics.json": "{\"accuracy\": 0.90, \"f1\": 0.8}\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let findings = loaded.findings.filter { !$0.rule.hasPrefix("staleness.") }
        #expect(findings.rules() == [ExperimentDriftCheck.metricMismatch])
        #expect(findings.first?.message.hasPrefix("run rf: metric accuracy is 0.846 in the document but 0.9") == true)
        let run = try #require(loaded.documents.first { $0.id == "exp" }?.runs.first)
        #expect(run.params.map(\.key) == ["n_estimators"])
        #expect(Set(run.metrics.map(\.key)) == ["accuracy", "f1"])
        // The drifted cell is marked on the run for the runs table, with what was recorded where.
        #expect(run.drift.map(\.column) == [.metric] && run.drift.map(\.key) == ["accuracy"])
        #expect(run.drift.first?.recorded == "0.90" || run.drift.first?.recorded == "0.9")
        #expect(run.drift.first?.source.hasPrefix("metrics.json") == true)
        #expect(run.drift(.metric, "f1") == nil)
    }

    @Test func modelColumnIsComparedWithTheModelParam() throws {
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(
                "params_file: params.yaml",
                table: """
                    | run | model | n_estimators | f1 |
                    |---|---|---|---|
                    | rf | random_forest | 300 | 0.8 |
                    """),
            "params.yaml": "train:\n  model: gradient_boosting\n  n_estimators: 300\n",
        ])
        defer { project.remove() }
        let findings = try Self.findings(project)
        #expect(findings.rules() == [ExperimentDriftCheck.paramMismatch])
        #expect(
            findings.first?.message
                == "run rf: model is random_forest in the document but gradient_boosting in params.yaml:2 (as train.model)"
        )
        #expect(findings.first?.location.line == 12)

        // The same name written differently, or where the model is saved, is no contradiction.
        for model in ["random_forest", "RandomForest", "models/model.pkl", "model.joblib"] {
            try project.write("params.yaml", "train:\n  model: \(model)\n  n_estimators: 300\n")
            #expect(try Self.findings(project).isEmpty, "\(model)")
        }
    }

    @Test func mlflowSQLiteStoreByPathOrTrackingURI() throws {
        let database = try Data(
            contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/mlflow-sqlite/mlflow.db"))
        for reference in ["mlflow.db", "sqlite:///mlflow.db"] {
            let project = try TemporaryProject([
                "docs/exp.md": Self.experiment(
                    "mlflow: \(reference)",
                    table: """
                        | run | model | n_neighbors | accuracy |
                        |---|---|---|---|
                        | knn-k7 | k_nearest_neighbors | 7 | 0.90 |
                        """
                ).replacingOccurrences(of: "selected: rf", with: "selected: knn-k7")
            ])
            defer { project.remove() }
            try project.write("mlflow.db", bytes: Array(database))
            let findings = try Self.findings(project)
            #expect(
                findings.rules() == [ExperimentDriftCheck.selectionMetricMissing, ExperimentDriftCheck.metricMismatch],
                "\(reference)")
        }
    }

    @Test func aMissingMetricsFileIsReportedOnce() throws {
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(
                "metrics_file: outputs/metrics.yaml",
                table: """
                    | run | model | f1 |
                    |---|---|---|
                    | rf | random_forest | 0.8 |
                    """)
        ])
        defer { project.remove() }
        let findings = try Self.findings(project)
        #expect(findings.rules() == ["code.missing-path"])
    }

    @Test func aMissingSymbolSuggestsTheClosestDefinition() throws {
        let project = try TemporaryProject([
            "docs/model.md": """
            ---
            kind: model
            id: clip
            code: [clip/model.py#VisualTransformer, clip/model.py#CLIP.encode_imag, clip/model.py#Unrelated]
            ---
            # CLIP
            """,
            "clip/model.py": """
            class VisionTransformer(nn.Module):
                def forward(self, x):
                    return x


            class CLIP(nn.Module):
                def encode_image(self, image):
                    return image
            """,
        ])
        defer { project.remove() }
        let messages = try Self.findings(project).with(rule: "code.missing-symbol").map(\.message)
        #expect(messages.count == 3)
        #expect(
            messages.contains {
                $0.hasSuffix("`VisualTransformer` is not defined in `clip/model.py`; did you mean `VisionTransformer`?")
            })
        #expect(messages.contains { $0.hasSuffix("; did you mean `CLIP.encode_image`?") })
        #expect(messages.contains { $0.hasSuffix("`Unrelated` is not defined in `clip/model.py`") })
    }
}
