@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// YAML alias bombs whose aliases hide behind a quote, in every YAML file Dossier reads: each is
/// refused by the one gateway (`SafeYAML`) with a finding at the file, and nothing expands.
@Suite struct HostileYAMLTests {
    static let bomb = HostileInput.quoteHiddenYAMLBomb

    @Test func bombsInEveryDataFileAreFindingsAtTheFile() throws {
        let experiment = """
            ---
            kind: experiment
            runs:
              - name: r1
                params: {lr: 0.1}
                metrics: {acc: 0.9}
            selected: r1
            metric: acc
            %@
            ---
            # Experiment

            """
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/params.md": experiment.replacingOccurrences(of: "%@", with: "params_file: params.yaml"),
            "docs/metrics.md": experiment.replacingOccurrences(of: "%@", with: "metrics_file: metrics.yaml"),
            "docs/dvc.md": experiment.replacingOccurrences(of: "%@", with: "params_file: dvc.lock"),
            "docs/mlflow.md": experiment.replacingOccurrences(of: "%@", with: "mlflow: mlruns/1"),
            "docs/conda.md":
                "---\nkind: environment\nrequirements: environment.yml\npackages:\n  numpy: '1.0'\n---\n# Env\n",
            "docs/lock.md":
                "---\nkind: environment\nrequirements: conda-lock.yml\npackages:\n  numpy: '1.0'\n---\n# Lock\n",
            "docs/front.md": "---\n" + Self.bomb + "---\n# Front\n",
            "params.yaml": Self.bomb,
            "metrics.yaml": Self.bomb,
            "dvc.lock": Self.bomb,
            "environment.yml": Self.bomb,
            "conda-lock.yml": Self.bomb,
            "mlruns/1/meta.yaml": Self.bomb,
        ])
        defer { project.remove() }
        let checked = try Dossier.check(path: project.path)
        for file in [
            "params.yaml", "metrics.yaml", "dvc.lock", "environment.yml", "conda-lock.yml", "mlruns/1/meta.yaml",
        ] {
            let findings = checked.findings.filter { $0.location.path == file && $0.rule == "drift.file.unreadable" }
            #expect(findings.count >= 1, "\(file): \(checked.findings.map(\.formatted))")
            #expect(findings.allSatisfy { $0.message.contains("100000") && $0.location.line == 5 }, "\(file)")
        }
        let front = checked.findings.filter { $0.location.path == "docs/front.md" }
        #expect(front.map(\.rule) == ["front-matter.aliases"])
        // Line 5 of the YAML is line 6 of the file, after the opening `---`.
        #expect(front.first?.location.line == 6)
    }

    @Test func aBombInDossierYmlIsAConfigError() throws {
        let project = try TemporaryProject(["README.md": "# Home\n", "dossier.yml": "title: T\n" + Self.bomb])
        defer { project.remove() }
        let result = try DossierExecutable.run(["build", project.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("dossier.yml:6:"), "\(result.stderr)")
        #expect(!project.exists("site"))
    }
}
