@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Runs read from the tracker and joined with the documented ones by name (issue 13 item 5).
@Suite struct TrackerRunsTests {
    private static func experiment(mlflow: String, runs: String) -> String {
        """
        ---
        kind: experiment
        id: exp
        metric: {name: accuracy, goal: maximize}
        selected: knn-k7
        mlflow: \(mlflow)
        \(runs)
        ---
        # Exp
        """
    }

    private static let documentedKnn = """
        runs:
          - name: knn-k7
            params: {n_neighbors: 7}
            metrics: {accuracy: 0.95}
        """

    @Test func mlflowDatabaseRunsJoinTheDocumentedOnesByName() throws {
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(mlflow: "mlflow.db", runs: Self.documentedKnn)
        ])
        defer { project.remove() }
        let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/mlflow-sqlite/mlflow.db")
        try project.write("mlflow.db", bytes: Array(try Data(contentsOf: fixture)))
        let loaded = try project.load()
        let runs = loaded.documents[0].runs
        #expect(runs.map(\.name) == ["knn-k7", "rf-300"])
        #expect(runs.map(\.recordedIn) == ["MLflow", "MLflow"])
        #expect(runs.map(\.isDocumented) == [true, false])
        #expect(runs[1].metric("accuracy") != nil)
        #expect(!loaded.findings.contains { $0.rule.hasPrefix("drift.") || $0.rule.hasPrefix("reference.") })
    }

    @Test func documentedValuesAreStillComparedWithTheStore() throws {
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(
                mlflow: "mlflow.db", runs: Self.documentedKnn.replacingOccurrences(of: "7}", with: "5}"))
        ])
        defer { project.remove() }
        let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/mlflow-sqlite/mlflow.db")
        try project.write("mlflow.db", bytes: Array(try Data(contentsOf: fixture)))
        let findings = try project.load().findings
        // Only the documented run is compared; rf-300 (tracker only) cannot contradict itself.
        #expect(findings.filter { $0.rule.hasPrefix("drift.") }.map(\.rule) == [ExperimentDriftCheck.paramMismatch])
    }

    @Test func mlrunsFolderRunsAreReadWithoutFrontMatterRuns() throws {
        let run = "mlruns/1/abc"
        let project = try TemporaryProject([
            "docs/exp.md": Self.experiment(mlflow: "mlruns/1", runs: ""),
            "mlruns/1/meta.yaml": "experiment_id: '1'\nname: exp\nlifecycle_stage: active\n",
            "\(run)/meta.yaml": "run_id: abc\nrun_name: knn-k7\nlifecycle_stage: active\nstart_time: 5\n",
            "\(run)/params/n_neighbors": "7",
            "\(run)/params/model": "knn",
            "\(run)/metrics/accuracy": "1 0.9 0\n2 0.95 1\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        let runs = loaded.documents[0].runs
        #expect(runs.map(\.name) == ["knn-k7"])
        #expect(runs.first?.model == "knn")
        #expect(runs.first?.params.map(\.key) == ["n_neighbors"])
        #expect(runs.first?.metric("accuracy") == 0.95)
        // `selected: knn-k7` names a run only MLflow records: not an unknown run.
        #expect(!loaded.findings.contains { $0.rule == "reference.unknown-run" })
    }
}

extension TrackerRunsTests {
    private static let dvcLock = """
        schema: '2.0'
        stages:
          train:
            cmd: python train.py
            params:
              params.yaml:
                train.n_estimators: 200
            outs:
            - path: metrics.json
              md5: 77aa
        """

    @Test func dvcLockRecordsTheWorkspaceRun() throws {
        let project = try TemporaryProject([
            "docs/exp.md": "---\nkind: experiment\nid: exp\nparams_file: dvc.lock\n---\n# Exp\n",
            "dvc.lock": Self.dvcLock,
            "metrics.json": #"{"accuracy": 0.93}"#,
        ])
        defer { project.remove() }
        let runs = try project.load().documents[0].runs
        #expect(runs.map(\.name) == ["workspace"])
        #expect(runs.first?.recordedIn == "DVC")
        #expect(runs.first?.params.map(\.text) == ["200"])
        #expect(runs.first?.metric("accuracy") == 0.93)
    }

    @Test func dvcLockMarksTheSelectedDocumentedRun() throws {
        let project = try TemporaryProject([
            "docs/exp.md": """
            ---
            kind: experiment
            id: exp
            params_file: dvc.lock
            selected: rf
            runs:
              - name: rf
                params: {n_estimators: 300}
            ---
            # Exp
            """,
            "dvc.lock": Self.dvcLock,
        ])
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.documents[0].runs.map(\.name) == ["rf"])
        #expect(loaded.documents[0].runs.first?.recordedIn == "DVC")
        // The documented value is still compared with the record.
        #expect(loaded.findings.map(\.rule).contains(ExperimentDriftCheck.paramMismatch))
    }
}
