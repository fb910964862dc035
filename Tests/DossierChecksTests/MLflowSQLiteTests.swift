@testable import DossierChecks
@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// MLflow's SQLite tracking store, read from `Tests/Fixtures/mlflow-sqlite/mlflow.db`, which real
/// MLflow 3.7 wrote (`make_mlflow_db.py` next to it): runs knn-k7 and rf-300 in experiment
/// `penguins`, and a deleted run.
@Suite struct MLflowSQLiteTests {
    private static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/mlflow-sqlite/mlflow.db")

    private func project() throws -> DriftTestProject {
        let project = DriftTestProject()
        project.write("mlflow.db", data: try Data(contentsOf: Self.fixture))
        return project
    }

    private func experiment(_ runs: [DocumentedRun], mlflow: String = "mlflow.db") -> DocumentedExperiment {
        DocumentedExperiment(
            runs: runs, selected: "knn-k7", metric: "accuracy",
            mlflow: DocumentedPath(path: mlflow, location: DriftTestProject.doc(8)),
            location: DriftTestProject.doc(1))
    }

    @Test func readsRunsParamsAndLatestMetrics() throws {
        let project = try project()
        let store = try MLflowStore(path: "mlflow.db", reader: ProjectFiles(projectRoot: project.root))
        #expect(store.problems.isEmpty)
        #expect(store.runs.map(\.name).sorted() == ["knn-k7", "rf-300"])  // the deleted run is left out
        let knn = try #require(store.run(named: "knn-k7"))
        guard case .found(_, let accuracy) = knn.metrics.lookup("accuracy"),
            case .found(_, let neighbours) = knn.params.lookup("n_neighbors")
        else {
            Issue.record("accuracy or n_neighbors not read")
            return
        }
        #expect(accuracy.data.text == "0.95")  // the latest step, not the first value
        #expect(neighbours.data.text == "7")
    }

    @Test func documentedRunsAreComparedWithTheStore() throws {
        let project = try project()
        let runs = [
            DocumentedRun(
                name: "knn-k7", model: "k_nearest_neighbors", params: ["n_neighbors": "5", "weights": "distance"],
                metrics: ["accuracy": 0.95, "f1_macro": 0.8], location: DriftTestProject.doc(20)),
            DocumentedRun(
                name: "rf-300", params: ["n_estimators": "300"], metrics: ["accuracy": 0.97],
                location: DriftTestProject.doc(30)),
        ]
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(experiment(runs))
        #expect(findings.map(\.rule) == [ExperimentDriftCheck.paramMismatch, ExperimentDriftCheck.metricMismatch])
        #expect(
            findings.first?.message
                == "run knn-k7: param n_neighbors is 5 in the document but 7 in mlflow.db (run knn-k7, param n_neighbors)"
        )
        #expect(
            findings.last?.message.hasPrefix("run knn-k7: metric f1_macro is 0.8 in the document but 0.9 in mlflow.db")
                == true)
    }

    @Test func aFileThatIsNoStoreIsStillAProblem() {
        let project = DriftTestProject()
        project.write("mlflow.db", "not a database\n")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(experiment([]))
        #expect(findings.map(\.rule) == [DriftFileProblem.rule])
    }
}
