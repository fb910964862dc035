@testable import DossierChecks
@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

@Suite struct ExperimentDriftCheckTests {
    private static let paramsYAML = """
        # DVC-style params
        featurize:
          max_features: 100
        train:
          learning_rate: 0.10
          n_estimators: 200
          max_depth: 8
          layers: [64, 32]
          use_gpu: false
          optimizer: adam
        model:
          max_depth: 3
        """

    private static let metricsJSON = """
        {
          "test": {
            "accuracy": 0.934,
            "f1": 0.91
          },
          "train": {"loss": 0.12}
        }
        """

    private func run(
        _ name: String, params: [String: String] = [:], metrics: [String: Double] = [:], line: Int = 20
    ) -> DocumentedRun {
        DocumentedRun(
            name: name, model: "RandomForestClassifier", params: params, metrics: metrics,
            location: DriftTestProject.doc(line, "docs/experiment.md"),
            keyLocations: ["learning_rate": DriftTestProject.doc(line + 1, "docs/experiment.md")]
        )
    }

    private func experiment(
        _ runs: [DocumentedRun], selected: String? = nil, metric: String? = nil,
        params: String? = nil, metrics: String? = nil, mlflow: String? = nil
    ) -> DocumentedExperiment {
        DocumentedExperiment(
            runs: runs, selected: selected, metric: metric,
            metricLocation: DriftTestProject.doc(5, "docs/experiment.md"),
            paramsFile: params.map {
                DocumentedPath(path: $0, location: DriftTestProject.doc(6, "docs/experiment.md"))
            },
            metricsFile: metrics.map {
                DocumentedPath(path: $0, location: DriftTestProject.doc(7, "docs/experiment.md"))
            },
            mlflow: mlflow.map { DocumentedPath(path: $0, location: DriftTestProject.doc(8, "docs/experiment.md")) },
            location: DriftTestProject.doc(1, "docs/experiment.md")
        )
    }

    private func rules(_ findings: [Finding]) -> [String] {
        findings.map(\.rule)
    }

    // MARK: params_file and metrics_file

    @Test func agreeingParamsAndMetricsGiveNoFindings() {
        let project = DriftTestProject()
        project.write("params.yaml", Self.paramsYAML)
        project.write("metrics.json", Self.metricsJSON)
        let documented = run(
            "rf-tuned",
            params: [
                "learning_rate": "0.1",  // 0.10 == 0.1
                "n_estimators": "200",
                "use_gpu": "False",  // Python spelling
                "layers": "(64,32)",  // a tuple written by Python
                "optimizer": "adam",
                "max_depth": "99",  // ends two recorded keys: cannot tell which, so no finding
                "batch_size": "32",  // not recorded: nothing to contradict
            ], metrics: ["accuracy": 0.9345, "f1": 0.91, "roc_auc": 0.5])
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment(
                [documented, run("baseline", params: ["learning_rate": "9"])], selected: "rf-tuned",
                metric: "accuracy", params: "params.yaml", metrics: "metrics.json")
        )
        #expect(findings.isEmpty)
    }

    @Test func paramMismatchNamesRunKeyValuesAndFile() throws {
        let project = DriftTestProject()
        project.write("params.yaml", Self.paramsYAML)
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment(
                [
                    run(
                        "rf-tuned",
                        params: ["learning_rate": "0.01", "train.n_estimators": "100", "featurize.max_features": "100"])
                ],
                params: "params.yaml")
        )
        #expect(rules(findings) == [ExperimentDriftCheck.paramMismatch, ExperimentDriftCheck.paramMismatch])
        let first = try #require(findings.first)
        #expect(first.severity == .error)
        #expect(first.state == .drift)
        #expect(first.location == DriftTestProject.doc(21, "docs/experiment.md"))
        #expect(
            first.message
                == "run rf-tuned: param learning_rate is 0.01 in the document but 0.10 in params.yaml:5 (as train.learning_rate)"
        )
        #expect(findings[1].location == DriftTestProject.doc(20, "docs/experiment.md"))
        #expect(
            findings[1].message
                == "run rf-tuned: param train.n_estimators is 100 in the document but 200 in params.yaml:6")
    }

    @Test func metricMismatchUsesTheTolerance() throws {
        let project = DriftTestProject()
        project.write("metrics.json", Self.metricsJSON)
        let documented = experiment(
            [run("rf-tuned", metrics: ["accuracy": 0.95, "f1": 0.9105])], metrics: "metrics.json")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(documented)
        #expect(rules(findings) == [ExperimentDriftCheck.metricMismatch])
        #expect(
            findings.first?.message
                == "run rf-tuned: metric accuracy is 0.95 in the document but 0.934 in metrics.json:3 (as test.accuracy), beyond the tolerance of 0.001"
        )
        #expect(ExperimentDriftCheck(projectRoot: project.root, metricTolerance: 0.02).check(documented).isEmpty)
    }

    @Test func selectionMetricMustBeRecorded() throws {
        let project = DriftTestProject()
        project.write("metrics.json", Self.metricsJSON)
        let check = ExperimentDriftCheck(projectRoot: project.root)
        #expect(check.check(experiment([run("a"), run("b")], metric: "f1", metrics: "metrics.json")).isEmpty)
        let findings = check.check(experiment([run("a"), run("b")], metric: "roc_auc", metrics: "metrics.json"))
        #expect(rules(findings) == [ExperimentDriftCheck.selectionMetricMissing])
        #expect(
            findings.first?.message
                == "selection metric roc_auc is not among the metrics recorded in metrics.json: test.accuracy, test.f1, train.loss"
        )
        #expect(findings.first?.location == DriftTestProject.doc(5, "docs/experiment.md"))
        #expect(findings.first?.severity == .error)
    }

    @Test func paramsFileIsNotComparedWithoutASelectedRun() {
        let project = DriftTestProject()
        project.write("params.yaml", Self.paramsYAML)
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment(
                [run("a", params: ["learning_rate": "5"]), run("b", params: ["learning_rate": "6"])],
                params: "params.yaml")
        )
        #expect(findings.isEmpty)
    }

    @Test func jsonParamsAndYAMLMerges() {
        let project = DriftTestProject()
        project.write("params.json", #"{"train": {"lr": 1e-3, "epochs": 10, "dropout": null}}"#)
        project.write(
            "params.yml",
            """
            defaults: &defaults
              lr: 0.001
              epochs: 5
            train:
              <<: *defaults
              epochs: 10
            """)
        for file in ["params.json", "params.yml"] {
            let check = ExperimentDriftCheck(projectRoot: project.root)
            #expect(
                check.check(experiment([run("r", params: ["lr": "0.001", "train.epochs": "10"])], params: file))
                    .isEmpty, "\(file)")
            #expect(
                rules(check.check(experiment([run("r", params: ["train.epochs": "5"])], params: file))) == [
                    ExperimentDriftCheck.paramMismatch
                ], "\(file)")
        }
    }

    // MARK: DVC

    @Test func dvcLockParamsAndDeclaredMetrics() throws {
        let project = DriftTestProject()
        project.write(
            "dvc.yaml",
            """
            stages:
              train:
                cmd: python src/train.py
                params:
                  - train.learning_rate
                  - train.n_estimators
                metrics:
                  - reports/metrics.json:
                      cache: false
            """)
        project.write(
            "dvc.lock",
            """
            schema: '2.0'
            stages:
              featurize:
                cmd: python src/featurize.py
                params:
                  params.yaml:
                    featurize:
                      max_features: 100
              train:
                cmd: python src/train.py
                deps:
                - path: data/processed/penguins.csv
                  hash: md5
                  md5: 4b7c2a
                  size: 13478
                params:
                  params.yaml:
                    train.learning_rate: 0.1
                    train.n_estimators: 200
                outs:
                - path: models/model.pkl
                  hash: md5
                  md5: 0d1e2f
                  size: 98123
                - path: reports/metrics.json
                  hash: md5
                  md5: 77aa
                  size: 64
            """)
        project.write("reports/metrics.json", #"{"accuracy": 0.95, "f1_macro": 0.94}"#)
        let check = ExperimentDriftCheck(projectRoot: project.root)
        let agreeing = run("rf", params: ["learning_rate": "0.1", "max_features": "100"], metrics: ["accuracy": 0.95])
        #expect(check.check(experiment([agreeing], metric: "f1_macro", params: "dvc.lock")).isEmpty)

        let wrong = run("rf", params: ["n_estimators": "300"], metrics: ["f1_macro": 0.90])
        let findings = check.check(experiment([wrong], metric: "roc_auc", params: "dvc.lock"))
        #expect(
            rules(findings) == [
                ExperimentDriftCheck.paramMismatch, ExperimentDriftCheck.metricMismatch,
                ExperimentDriftCheck.selectionMetricMissing,
            ])
        #expect(
            findings[0].message
                == "run rf: param n_estimators is 300 in the document but 200 in dvc.lock:19 (as train.n_estimators)")
        #expect(findings[1].message.contains("in reports/metrics.json:1"))
    }

    @Test func dvcLockWithoutDvcYamlReadsMetricOutputs() {
        let project = DriftTestProject()
        project.write(
            "pipeline/dvc.lock",
            """
            schema: '2.0'
            stages:
              evaluate:
                cmd: python evaluate.py
                outs:
                - path: eval/metrics.yaml
                  md5: 1
                - path: eval/missing-metrics.json
                  md5: 2
            """)
        project.write("pipeline/eval/metrics.yaml", "test:\n  accuracy: 0.8\n")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment([run("r", metrics: ["accuracy": 0.9])], params: "pipeline/dvc.lock")
        )
        #expect(
            findings.map(\.message) == [
                "run r: metric accuracy is 0.9 in the document but 0.8 in pipeline/eval/metrics.yaml:2 (as test.accuracy), beyond the tolerance of 0.001"
            ])
    }

    // MARK: MLflow

    /// An `mlruns/` store in the file layout MLflow 2 writes.
    private static func writeMLflowStore(_ project: DriftTestProject) {
        project.write(
            "mlruns/0/meta.yaml",
            """
            artifact_location: file:///home/user/penguins/mlruns/0
            creation_time: 1700000000000
            experiment_id: '0'
            last_update_time: 1700000000000
            lifecycle_stage: active
            name: Default
            """)
        project.write("mlruns/1/meta.yaml", "experiment_id: '1'\nlifecycle_stage: active\nname: penguins\n")

        func writeRun(
            _ id: String, name: String?, start: Int, stage: String = "active", params: [String: String],
            metrics: [String: String]
        ) {
            var meta = """
                artifact_uri: file:///home/user/penguins/mlruns/1/\(id)/artifacts
                end_time: \(start + 5000)
                entry_point_name: ''
                experiment_id: '1'
                lifecycle_stage: \(stage)
                run_id: \(id)
                run_uuid: \(id)
                source_name: ''
                source_type: 4
                source_version: ''
                start_time: \(start)
                status: 3
                tags: []
                user_id: user

                """
            if let name { meta += "run_name: \(name)\n" }
            project.write("mlruns/1/\(id)/meta.yaml", meta)
            for (key, value) in params { project.write("mlruns/1/\(id)/params/\(key)", value) }
            for (key, value) in metrics { project.write("mlruns/1/\(id)/metrics/\(key)", value) }
        }
        writeRun(
            "a1b2c3", name: "rf-baseline", start: 1_700_000_100_000,
            params: ["n_estimators": "100", "max_depth": "None", "class_weight": "balanced"],
            metrics: [
                "accuracy": "1700000100100 0.91 0\n1700000100200 0.93 1\n1700000100300 0.92 1\n",
                "f1": "1700000100100 0.9 0\n",
            ])
        // An older run with the same name: the later one is compared.
        writeRun("0ld0ld", name: "rf-baseline", start: 1_600_000_000_000, params: ["n_estimators": "5"], metrics: [:])
        // A deleted run is not a record.
        writeRun(
            "d3l3t3", name: "gbm", start: 1_700_000_300_000, stage: "deleted", params: ["learning_rate": "0.3"],
            metrics: [:])
        // Older MLflow kept the name in a tag only; nested keys are folders.
        writeRun(
            "t4g5h6", name: nil, start: 1_700_000_200_000,
            params: ["model/learning_rate": "0.05"], metrics: ["val/loss": "1700000200100 0.31\n"])
        project.write("mlruns/1/t4g5h6/tags/mlflow.runName", "gbm-tuned")
        project.write("mlruns/.trash/README", "deleted experiments")
    }

    @Test func mlflowRunsAreMatchedByName() {
        let project = DriftTestProject()
        Self.writeMLflowStore(project)
        let runs = [
            run(
                "rf-baseline", params: ["n_estimators": "100", "max_depth": "null", "class_weight": "balanced"],
                metrics: ["accuracy": 0.92, "f1": 0.9]),
            run("gbm-tuned", params: ["model/learning_rate": "0.050"], metrics: ["val/loss": 0.3105]),
        ]
        let check = ExperimentDriftCheck(projectRoot: project.root)
        for folder in ["mlruns", "./mlruns/", "mlruns/1"] {
            #expect(
                check.check(experiment(runs, selected: "rf-baseline", metric: "f1", mlflow: folder)).isEmpty,
                "\(folder)")
        }
    }

    @Test func mlflowMismatchesAndMissingRuns() throws {
        let project = DriftTestProject()
        Self.writeMLflowStore(project)
        let runs = [
            run("rf-baseline", params: ["n_estimators": "200"], metrics: ["accuracy": 0.93], line: 20),
            run("gbm", params: ["learning_rate": "0.3"], line: 30),
            run("rf_baseline2", line: 40),
        ]
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment(runs, selected: "rf-baseline", metric: "roc_auc", mlflow: "mlruns")
        )
        #expect(
            rules(findings) == [
                ExperimentDriftCheck.paramMismatch, ExperimentDriftCheck.metricMismatch,
                ExperimentDriftCheck.runNotRecorded, ExperimentDriftCheck.runNotRecorded,
                ExperimentDriftCheck.selectionMetricMissing,
            ])
        #expect(
            findings[0].message
                == "run rf-baseline: param n_estimators is 200 in the document but 100 in mlruns/1/a1b2c3/params/n_estimators"
        )
        // The latest step wins, and among equal steps the latest timestamp.
        #expect(
            findings[1].message
                == "run rf-baseline: metric accuracy is 0.93 in the document but 0.92 in mlruns/1/a1b2c3/metrics/accuracy:3, beyond the tolerance of 0.001"
        )
        #expect(findings[2].severity == .warning)
        #expect(findings[2].state == nil)
        #expect(findings[2].location == DriftTestProject.doc(30, "docs/experiment.md"))
        #expect(findings[2].message == "run gbm is not recorded in mlruns (recorded runs: gbm-tuned, rf-baseline)")
        #expect(
            findings[3].message
                == "run rf_baseline2 is not recorded in mlruns (recorded runs: gbm-tuned, rf-baseline); did you mean `rf-baseline`?"
        )
        #expect(
            findings[4].message
                == "selection metric roc_auc is not among the metrics recorded in MLflow run rf-baseline (mlruns/1/a1b2c3): accuracy, f1"
        )
    }

    @Test func mlflowSingleRunFolder() {
        let project = DriftTestProject()
        Self.writeMLflowStore(project)
        let check = ExperimentDriftCheck(projectRoot: project.root)
        let findings = check.check(
            experiment(
                [run("gbm-tuned", params: ["model/learning_rate": "0.1"]), run("rf-baseline")],
                mlflow: "mlruns/1/t4g5h6"))
        #expect(rules(findings) == [ExperimentDriftCheck.paramMismatch, ExperimentDriftCheck.runNotRecorded])
    }

    @Test func emptyMLflowStore() {
        let project = DriftTestProject()
        project.write("mlruns/.gitkeep", "")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(experiment([run("a")], mlflow: "mlruns"))
        #expect(findings.map(\.message) == ["run a is not recorded in mlruns, which holds no runs"])
    }

    // MARK: Unreadable files

    @Test func malformedFilesAreFindingsWithLines() throws {
        let project = DriftTestProject()
        project.write("metrics.json", "{\n  \"accuracy\": 0.93,\n  \"f1\": 0.9,\n}\n")
        project.write("params.yaml", "train:\n  lr: 0.1\n  epochs: [1, 2\n")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment(
                [run("r", params: ["lr": "0.1"], metrics: ["f1": 0.9])], metric: "f1", params: "params.yaml",
                metrics: "metrics.json")
        )
        #expect(rules(findings) == [DriftFileProblem.rule, DriftFileProblem.rule])
        #expect(findings[0].location.path == "params.yaml")
        #expect(findings[0].message.hasPrefix("cannot read params.yaml: invalid YAML"))
        #expect(findings[0].message.hasSuffix("(referenced from docs/experiment.md:6)"))
        #expect(findings[1].location == SourceLocation(path: "metrics.json", line: 4, column: 1))
        #expect(
            findings[1].message
                == "cannot read metrics.json: invalid JSON: expected a quoted key (referenced from docs/experiment.md:7)"
        )
        #expect(findings.allSatisfy { $0.severity == .error && $0.state == .broken })
    }

    @Test func malformedMLflowFilesDoNotHideTheRest() {
        let project = DriftTestProject()
        Self.writeMLflowStore(project)
        project.write("mlruns/1/b4dm3t/meta.yaml", "run_id: [unclosed\n")
        project.write("mlruns/1/a1b2c3/metrics/broken", "1700000100100 0.91 0\nnot a metric line\n")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            experiment([run("rf-baseline", params: ["n_estimators": "100"])], mlflow: "mlruns")
        )
        #expect(
            Set(findings.map(\.location)) == [
                SourceLocation(path: "mlruns/1/b4dm3t/meta.yaml", line: 2),
                SourceLocation(path: "mlruns/1/a1b2c3/metrics/broken", line: 2),
            ])
        #expect(findings.allSatisfy { $0.rule == DriftFileProblem.rule })
    }

    @Test func missingAndWrongKindsOfFiles() {
        let project = DriftTestProject()
        project.write("metrics.csv", "accuracy\n0.9\n")
        project.write("params.yaml", "- just\n- a list\n")
        project.write("notafolder", "x")
        let findings = ExperimentDriftCheck(projectRoot: project.root).check(
            DocumentedExperiment(
                runs: [run("r")],
                paramsFile: DocumentedPath(path: "params.yaml", location: DriftTestProject.doc(6)),
                metricsFile: DocumentedPath(path: "metrics.csv", location: DriftTestProject.doc(7)),
                mlflow: DocumentedPath(path: "notafolder", location: DriftTestProject.doc(8)),
                location: DriftTestProject.doc(1)
            )
        )
        #expect(
            findings.map(\.message) == [
                "cannot read params.yaml: expected a mapping of names to values at the top (referenced from docs/doc.md:6)",
                "cannot read metrics.csv: unsupported format; expected .json, .yaml, .yml, .toml or dvc.lock (referenced from docs/doc.md:7)",
                "cannot read notafolder: expected an MLflow mlruns/ folder, experiment folder or run folder, or an MLflow SQLite store (mlflow.db) (referenced from docs/doc.md:8)",
            ])
        let missing = ExperimentDriftCheck(projectRoot: project.root).check(experiment([run("r")], mlflow: "mlruns"))
        #expect(
            missing.map(\.message) == ["cannot read mlruns: it does not exist (referenced from docs/experiment.md:8)"])
    }
}
