@testable import DossierChecks
@testable import DossierCore
import DossierTestSupport
import Foundation
import Testing

@Suite struct EnvironmentDriftCheckTests {
    private static let requirementsKey = DriftTestProject.doc(4)

    private func run(
        _ project: DriftTestProject, file: String, python: String? = nil, packages: [(String, String)],
        requireAll: Bool = true
    ) -> [Finding] {
        let documented = packages.enumerated().map { index, package in
            DocumentedPackage(name: package.0, version: package.1, location: DriftTestProject.doc(10 + index))
        }
        let environment = DocumentedEnvironment(
            python: python, pythonLocation: python.map { _ in DriftTestProject.doc(3) },
            packages: documented, requirements: DocumentedPath(path: file, location: Self.requirementsKey)
        )
        return EnvironmentDriftCheck(projectRoot: project.root, requireAllPackages: requireAll).check(environment)
    }

    private func rules(_ findings: [Finding]) -> [String] {
        findings.map(\.rule)
    }

    @Test func versionMismatchNamesPackageVersionsAndPin() throws {
        let project = DriftTestProject()
        project.write("requirements.txt", "# pins\nnumpy==1.26.4\nscikit-learn==1.4.2\n")
        let findings = run(
            project, file: "requirements.txt", packages: [("numpy", "1.25.0"), ("scikit-learn", "1.4.2")])
        #expect(rules(findings) == [EnvironmentDriftCheck.versionMismatch])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.state == .drift)
        #expect(finding.location == DriftTestProject.doc(10))
        #expect(finding.message == "numpy: documented 1.25.0, but requirements.txt:2 pins 1.26.4")
    }

    @Test func documentsCheckedInParallelParseTheFileOnce() {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\n" + String(repeating: "pandas==2.2.2\n", count: 2000))
        let shared = RequirementsFiles()
        let check = EnvironmentDriftCheck(projectRoot: project.root, requirementsFiles: shared)
        let environment = DocumentedEnvironment(
            python: nil, pythonLocation: nil,
            packages: [DocumentedPackage(name: "numpy", version: "1.25.0", location: DriftTestProject.doc(10))],
            requirements: DocumentedPath(path: "requirements.txt", location: Self.requirementsKey))
        let alone = EnvironmentDriftCheck(projectRoot: project.root).check(environment)
        let found = Array(0..<64).parallelMap { _ in check.check(environment) }
        #expect(found.allSatisfy { $0 == alone })
        #expect(shared.reads == 1)
    }

    /// Verdicts are judged once per constraint and version, and are the constraint's own.
    @Test func sharedVerdictsAreTheConstraintsOwn() throws {
        let project = DriftTestProject()
        project.write(
            "requirements.txt",
            "numpy==1.26.4\npandas>=2,<3\ntorch~=2.1.0\nscipy==1.11.*\nrich!=13.0\nflask\nx @ https://e.com/x.whl\n")
        let shared = RequirementsFiles()
        let file = try shared.file(path: "requirements.txt", projectRoot: project.root)
        #expect(file.entries.count == 7)
        let versions = [
            "1.26.4", "1.26", "2.2.2", "3.0", "2.1.5", "2.2", "1.11.4", "13.0", "13.0.1", "latest", "v1", "",
        ]
        for pin in file.entries {
            for version in versions {
                let own = pin.constraint.verdict(for: version)
                #expect(shared.verdict(of: pin.constraint, for: version) == own, "\(pin.specifier) \(version)")
                #expect(shared.verdict(of: pin.constraint, for: version) == own, "\(pin.specifier) \(version)")
            }
        }
    }

    @Test func oneCheckParsesEachRequirementsFileOnceForAllDocuments() {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\nbadline ==\n")
        let shared = RequirementsFiles()
        let check = EnvironmentDriftCheck(projectRoot: project.root, requirementsFiles: shared)
        func environment(_ version: String, file: String) -> DocumentedEnvironment {
            DocumentedEnvironment(
                python: nil, pythonLocation: nil,
                packages: [DocumentedPackage(name: "numpy", version: version, location: DriftTestProject.doc(10))],
                requirements: DocumentedPath(path: file, location: Self.requirementsKey))
        }
        // Each document's findings are those of a check that read the file for it alone,
        // problems of the file and unreadable files included.
        for (version, file) in [("1.25.0", "requirements.txt"), ("1.26.4", "requirements.txt"), ("1", "gone.txt")] {
            let alone = EnvironmentDriftCheck(projectRoot: project.root).check(environment(version, file: file))
            #expect(check.check(environment(version, file: file)) == alone)
            #expect(check.check(environment(version, file: file)) == alone)
        }
        #expect(shared.reads == 2)
    }

    @Test func agreeingVersionsGiveNoFindings() {
        let project = DriftTestProject()
        project.write("requirements.txt", "Scikit_Learn==1.4.2\nnumpy>=1.26,<2\ntorch==2.1.0+cu118\npandas==2.2.1\n")
        let findings = run(
            project, file: "requirements.txt",
            packages: [
                ("scikit-learn", "1.4.2"),  // normalized names match
                ("NumPy", "1.26.4"),  // inside the range
                ("torch", "2.1.0"),  // local label on one side only
                ("pandas", "2.2"),  // less precise, not wrong
            ])
        #expect(findings.isEmpty)
    }

    @Test func versionOutsideRangeIsDrift() throws {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy>=1.26,<2\n")
        let findings = run(project, file: "requirements.txt", packages: [("numpy", "2.0.1")])
        #expect(rules(findings) == [EnvironmentDriftCheck.versionMismatch])
        #expect(findings.first?.message == "numpy: documented 2.0.1, but requirements.txt:1 requires >=1.26,<2")
    }

    @Test func unversionedDocumentedValuesAreNotCompared() {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\n")
        #expect(run(project, file: "requirements.txt", packages: [("numpy", "latest")]).isEmpty)
        #expect(run(project, file: "requirements.txt", packages: [("numpy", "==1.26.4")]).isEmpty)
    }

    @Test func unlistedPackageIsDriftAndUndocumentedOneAWarningWhenAllAreRequired() throws {
        let project = DriftTestProject()
        project.write(
            "requirements.txt",
            "numpy==1.26.4\npandas==2.2.1\n-c constraints.txt\ntomli==2.0.1; python_version < '3.11'\n")
        project.write("constraints.txt", "urllib3<2\n")
        let findings = run(
            project, file: "requirements.txt", python: "3.11", packages: [("numpy", "1.26.4"), ("seaborn", "0.13.2")])
        #expect(rules(findings) == [EnvironmentDriftCheck.unpinnedPackage, EnvironmentDriftCheck.undocumentedPackage])
        #expect(findings[0].severity == .error && findings[0].state == .drift)
        #expect(findings[1].severity == .warning && findings[1].state == nil)
        #expect(findings[0].location == DriftTestProject.doc(11))
        #expect(findings[0].message == "seaborn 0.13.2 is documented but not listed in requirements.txt")
        #expect(findings[1].location == Self.requirementsKey)
        #expect(findings[1].message == "pandas (==2.2.1) is listed at requirements.txt:2 but not documented")
    }

    @Test func undocumentedPackagesAreNotAskedForByDefault() {
        let project = DriftTestProject()
        project.write("requirements.txt", "ftfy\nregex\ntorch==1.7.1\n")
        #expect(run(project, file: "requirements.txt", packages: [("torch", "1.7.1")], requireAll: false).isEmpty)
    }

    @Test func removedPinIsDrift() throws {
        let project = DriftTestProject()
        project.write("requirements.txt", "ftfy\npandas\ntorch\ntorchvision==0.8.2\n")
        let findings = run(
            project, file: "requirements.txt",
            packages: [("pandas", "2.2.2"), ("torch", "1.7.1"), ("torchvision", "0.8.2")], requireAll: false)
        #expect(rules(findings) == [EnvironmentDriftCheck.unpinnedPackage, EnvironmentDriftCheck.unpinnedPackage])
        #expect(findings.allSatisfy { $0.severity == .error && $0.state == .drift })
        let first = try #require(findings.first)
        #expect(first.location == DriftTestProject.doc(10))
        #expect(first.message == "pandas: documented 2.2.2, but requirements.txt:2 lists pandas without a version")
        #expect(findings[1].message == "torch: documented 1.7.1, but requirements.txt:3 lists torch without a version")
    }

    @Test func rangeOrUndocumentedVersionIsNotAnUnpinnedPackage() {
        let project = DriftTestProject()
        project.write("requirements.txt", "pandas>=2\ntorch\n")
        #expect(
            run(
                project, file: "requirements.txt", packages: [("pandas", "2.2.2"), ("torch", "latest")],
                requireAll: false
            ).isEmpty)
        // Pinned in a constraints file the requirements include: still pinned.
        project.write("pinned.txt", "-c constraints.txt\npandas\n")
        project.write("constraints.txt", "pandas==2.2.2\n")
        #expect(run(project, file: "pinned.txt", packages: [("pandas", "2.2.2")], requireAll: false).isEmpty)
    }

    @Test func documentWithoutPackagesAsksForNone() {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\npandas==2.2.1\n")
        #expect(run(project, file: "requirements.txt", python: "3.11", packages: []).isEmpty)
    }

    @Test func optionalGroupsAreCheckedButNotAskedFor() {
        let project = DriftTestProject()
        project.write(
            "pyproject.toml",
            """
            [project]
            name = "x"
            requires-python = ">=3.10"
            dependencies = ["numpy==1.26.4"]

            [project.optional-dependencies]
            dev = ["pytest==8.0.0"]
            """)
        #expect(run(project, file: "pyproject.toml", packages: [("numpy", "1.26.4")]).isEmpty)
        let findings = run(project, file: "pyproject.toml", packages: [("numpy", "1.26.4"), ("pytest", "7.4.0")])
        #expect(rules(findings) == [EnvironmentDriftCheck.versionMismatch])
        #expect(findings.first?.message == "pytest: documented 7.4.0, but pyproject.toml:7 (optional dev) pins 8.0.0")
    }

    @Test func pythonMismatchAgainstRequiresPythonAndPoetry() throws {
        let project = DriftTestProject()
        project.write(
            "pyproject.toml",
            """
            [project]
            name = "x"
            requires-python = ">=3.11"
            dependencies = []

            [tool.poetry.dependencies]
            python = "^3.11"
            """)
        #expect(run(project, file: "pyproject.toml", python: "3.11.7", packages: []).isEmpty)
        #expect(run(project, file: "pyproject.toml", python: "Python 3.12", packages: []).isEmpty)
        let findings = run(project, file: "pyproject.toml", python: "3.10", packages: [])
        #expect(rules(findings) == [EnvironmentDriftCheck.pythonMismatch])
        #expect(findings.first?.message == "python: documented 3.10, but pyproject.toml:3 requires >=3.11")
        #expect(findings.first?.location == DriftTestProject.doc(3))
        #expect(findings.first?.state == .drift)
    }

    @Test func condaEnvironmentPythonAndPipSection() {
        let project = DriftTestProject()
        project.write(
            "environment.yml",
            """
            name: penguins
            dependencies:
              - python=3.11
              - conda-forge::numpy=1.26
              - pip
              - pip:
                - torch==2.1.0
            """)
        #expect(
            run(
                project, file: "environment.yml", python: "3.11.7", packages: [("numpy", "1.26.4"), ("torch", "2.1.0")]
            ).isEmpty)
        let findings = run(
            project, file: "environment.yml", python: "3.12", packages: [("numpy", "1.25.2"), ("torch", "2.2.0")])
        #expect(
            rules(findings) == [
                EnvironmentDriftCheck.versionMismatch, EnvironmentDriftCheck.versionMismatch,
                EnvironmentDriftCheck.pythonMismatch,
            ])
        #expect(findings[0].message == "numpy: documented 1.25.2, but environment.yml:4 pins 1.26")
        #expect(findings[1].message == "torch: documented 2.2.0, but environment.yml:7 pins 2.1.0")
        #expect(findings[2].message == "python: documented 3.12, but environment.yml:3 pins 3.11")
    }

    @Test func markersChooseThePinForTheDocumentedPython() {
        let project = DriftTestProject()
        project.write(
            "requirements.txt",
            """
            numpy==1.24.4; python_version < "3.9"
            numpy==1.26.4; python_version >= "3.9"
            """)
        project.write("windows.txt", "pywin32==306; sys_platform == \"win32\"\n")
        #expect(run(project, file: "requirements.txt", python: "3.11", packages: [("numpy", "1.26.4")]).isEmpty)
        #expect(run(project, file: "requirements.txt", python: "3.8", packages: [("numpy", "1.24.4")]).isEmpty)
        let wrong = run(project, file: "requirements.txt", python: "3.11", packages: [("numpy", "1.24.4")])
        #expect(wrong.map(\.message) == ["numpy: documented 1.24.4, but requirements.txt:2 pins 1.26.4"])
        // Without a documented Python either pin may apply: only a version matching neither is drift.
        #expect(run(project, file: "requirements.txt", packages: [("numpy", "1.24.4")]).isEmpty)
        #expect(
            rules(run(project, file: "requirements.txt", packages: [("numpy", "1.25.0")])) == [
                EnvironmentDriftCheck.versionMismatch
            ])
        // A platform-specific pin that may not apply is never a certain contradiction… unless it is the only one.
        #expect(
            rules(run(project, file: "windows.txt", packages: [("pywin32", "305")])) == [
                EnvironmentDriftCheck.versionMismatch
            ])
    }

    @Test func lockFilesCompareVersionsButDoNotAskForTransitiveDependencies() {
        let project = DriftTestProject()
        project.write(
            "conda-lock.yml",
            """
            version: 1
            package:
            - name: python
              version: 3.11.7
              manager: conda
              platform: linux-64
            - name: numpy
              version: 1.26.4
              manager: conda
              platform: linux-64
            - name: numpy
              version: 1.26.3
              manager: conda
              platform: osx-arm64
            - name: libzlib
              version: 1.2.13
              manager: conda
              platform: linux-64
            """)
        #expect(run(project, file: "conda-lock.yml", python: "3.11", packages: [("numpy", "1.26.3")]).isEmpty)
        let findings = run(project, file: "conda-lock.yml", python: "3.10", packages: [("numpy", "1.25.0")])
        #expect(rules(findings) == [EnvironmentDriftCheck.versionMismatch, EnvironmentDriftCheck.pythonMismatch])
        #expect(findings[0].message == "numpy: documented 1.25.0, but conda-lock.yml:7 pins 1.26.4")
    }

    @Test func uvAndPoetryLocks() {
        let project = DriftTestProject()
        project.write(
            "uv.lock",
            """
            version = 1
            requires-python = ">=3.11"

            [[package]]
            name = "scikit-learn"
            version = "1.4.2"
            """)
        project.write(
            "poetry.lock",
            """
            [[package]]
            name = "scikit-learn"
            version = "1.4.2"

            [metadata]
            python-versions = "^3.11"
            """)
        for lock in ["uv.lock", "poetry.lock"] {
            #expect(run(project, file: lock, python: "3.12", packages: [("scikit_learn", "1.4.2")]).isEmpty)
            let findings = run(project, file: lock, python: "3.9", packages: [("scikit_learn", "1.3.0")])
            #expect(
                rules(findings) == [EnvironmentDriftCheck.versionMismatch, EnvironmentDriftCheck.pythonMismatch],
                "\(lock)")
        }
    }

    @Test func unreadableFilesAreFindingsAtTheFile() throws {
        let project = DriftTestProject()
        project.write("pyproject.toml", "[project\nname = 1\n")
        let findings = run(project, file: "pyproject.toml", packages: [("numpy", "1.0")])
        #expect(rules(findings) == [DriftFileProblem.rule])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.state == .broken)
        #expect(finding.location.path == "pyproject.toml")
        #expect(finding.location.line == 1)
        #expect(finding.message.hasPrefix("cannot read pyproject.toml: invalid TOML"))
        #expect(finding.message.hasSuffix("(referenced from docs/doc.md:4)"))

        let missing = run(project, file: "requirements/missing.txt", packages: [])
        #expect(
            missing.map(\.message) == [
                "cannot read requirements/missing.txt: it does not exist (referenced from docs/doc.md:4)"
            ])
    }

    @Test func missingIncludeIsReportedAlongsideComparisons() {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\n-r base.txt\n")
        let findings = run(project, file: "requirements.txt", packages: [("numpy", "1.0.0")])
        #expect(rules(findings) == [DriftFileProblem.rule, EnvironmentDriftCheck.versionMismatch])
        #expect(findings[0].location == SourceLocation(path: "requirements.txt", line: 2))
    }

    @Test func noRequirementsFileNoFindings() {
        let environment = DocumentedEnvironment(
            python: "3.11",
            packages: [DocumentedPackage(name: "numpy", version: "1", location: DriftTestProject.doc(1))])
        #expect(EnvironmentDriftCheck(projectRoot: URL(fileURLWithPath: "/nonexistent")).check(environment).isEmpty)
    }
}
