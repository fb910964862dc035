@testable import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Foundation
import Testing

@Suite struct RequirementsFileTests {
    @Test func pipRequirementsWithMarkersExtrasCommentsContinuationsAndIncludes() throws {
        let project = DriftTestProject()
        project.write(
            "requirements.txt",
            """
            # Training environment
            --index-url https://pypi.org/simple
            -r requirements/base.txt
            -c constraints.txt

            Scikit_Learn==1.4.2  # the model
            pandas[performance,excel] >= 2.1, <3 ; python_version >= "3.9"
            numpy==1.24.4; python_version < "3.9"
            torch==2.1.0+cu118 \\
                --hash=sha256:aaaa \\
                --hash=sha256:bbbb
            -e git+https://github.com/org/tool.git#egg=tool
            git+https://github.com/org/other.git
            ./vendor/localpkg
            https://example.org/wheels/foo-1.0-py3-none-any.whl
            mypkg @ https://example.org/mypkg-1.0.tar.gz ; sys_platform == "linux"
            requests
            tqdm~=4.66 # progress bars
            """)
        project.write("requirements/base.txt", "numpy==1.26.4; python_version >= \"3.9\"\nPyYAML>=6.0\n")
        project.write("constraints.txt", "urllib3<2\n")

        let file = try RequirementsFile.load("requirements.txt", projectRoot: project.root)
        #expect(file.format == .requirementsTxt)
        #expect(file.problems.isEmpty)
        #expect(
            file.entries.map(\.name) == [
                "numpy", "pyyaml", "urllib3", "scikit-learn", "pandas", "numpy", "torch", "mypkg", "requests", "tqdm",
            ])

        let pins = file.pins
        #expect(pins["numpy"]?.location == SourceLocation(path: "requirements/base.txt", line: 1))
        #expect(pins["numpy"]?.exactVersion == "1.26.4")
        #expect(pins["numpy"]?.marker == "python_version >= \"3.9\"")
        #expect(pins["pyyaml"]?.specifier == ">=6.0")
        #expect(pins["urllib3"]?.group == "constraints")
        #expect(pins["scikit-learn"]?.writtenName == "Scikit_Learn")
        #expect(pins["scikit-learn"]?.line == 6)
        #expect(pins["pandas"]?.specifier == ">=2.1,<3")
        #expect(pins["pandas"]?.exactVersion == nil)
        #expect(pins["torch"]?.exactVersion == "2.1.0+cu118")
        #expect(pins["torch"]?.line == 9)
        #expect(pins["mypkg"]?.specifier == "@ https://example.org/mypkg-1.0.tar.gz")
        #expect(pins["mypkg"]?.marker == "sys_platform == \"linux\"")
        #expect(pins["requests"]?.specifier == "")
        #expect(pins["tqdm"]?.specifier == "~=4.66")
        #expect(file.pythonRequirement == nil)
    }

    @Test func includeCycleEnds() throws {
        let project = DriftTestProject()
        project.write("reqs/a.txt", "-r b.txt\nnumpy==1.26.4\n")
        project.write("reqs/b.txt", "--requirement=a.txt\npandas==2.2.0\n")
        let file = try RequirementsFile.load("reqs/a.txt", projectRoot: project.root)
        #expect(file.entries.map(\.name) == ["pandas", "numpy"])
        #expect(file.pins["pandas"]?.location.path == "reqs/b.txt")
    }

    @Test func missingAndEscapingIncludesAreProblemsNotFailures() throws {
        let project = DriftTestProject()
        project.write("requirements.txt", "numpy==1.26.4\n-r missing.txt\n-r ../../outside.txt\n")
        let file = try RequirementsFile.load("requirements.txt", projectRoot: project.root)
        #expect(file.pins.count == 1)
        #expect(file.problems.count == 2)
        #expect(file.problems[0].line == 2)
        #expect(file.problems[0].isMissing)
        #expect(file.problems[0].reason.contains("missing.txt"))
        #expect(file.problems[1].line == 3)
        #expect(file.problems[1].reason.contains("outside the project"))
    }

    @Test func pyprojectDependencyWithEscapedQuotesIsAtItsOwnLine() throws {
        let project = DriftTestProject()
        project.write(
            "pyproject.toml",
            #"""
            [project]
            name = "x"
            dependencies = [
                "numpy==1.26.4",
                "tomli==2.0.1; python_version < \"3.11\"",
            ]
            """#)
        let file = try RequirementsFile.load("pyproject.toml", projectRoot: project.root)
        #expect(file.pins["tomli"]?.marker == #"python_version < "3.11""#)
        #expect(file.pins["tomli"]?.line == 5)
    }

    @Test func pyprojectWithPEP621AndPoetryTables() throws {
        let project = DriftTestProject()
        project.write(
            "pyproject.toml",
            """
            [build-system]
            requires = ["poetry-core>=1.0.0"]

            [project]
            name = "penguins"
            requires-python = ">=3.10"
            dependencies = [
                "numpy>=1.26,<2",
                "scikit-learn==1.4.2",
                "pandas[parquet]>=2.1; python_version >= '3.10'",
            ]

            [project.optional-dependencies]
            gpu = ["torch==2.1.0"]

            [dependency-groups]
            test = ["pytest>=8", {include-group = "lint"}]

            [tool.poetry.dependencies]
            python = "^3.11"
            xgboost = "^2.0.3"
            lightgbm = { version = "~4.1", optional = true }
            mytool = { git = "https://github.com/org/mytool.git" }

            [tool.poetry.group.dev.dependencies]
            ruff = "0.3.0"
            """)
        let file = try RequirementsFile.load("pyproject.toml", projectRoot: project.root)
        #expect(file.format == .pyproject)
        let pins = file.pins
        #expect(pins["poetry-core"] == nil)  // build requirements are not the environment
        #expect(pins["numpy"]?.specifier == ">=1.26,<2")
        #expect(pins["numpy"]?.line == 8)
        #expect(pins["scikit-learn"]?.exactVersion == "1.4.2")
        #expect(pins["pandas"]?.marker == "python_version >= '3.10'")
        #expect(pins["torch"]?.group == "optional gpu")
        #expect(pins["torch"]?.line == 14)
        #expect(pins["pytest"]?.group == "group test")
        #expect(pins["xgboost"]?.specifier == "^2.0.3")
        #expect(pins["xgboost"]?.line == 21)
        #expect(pins["lightgbm"]?.specifier == "~4.1")
        #expect(pins["mytool"]?.constraint == .unknown)
        #expect(pins["ruff"]?.exactVersion == "0.3.0")
        #expect(pins["ruff"]?.group == "group dev")
        #expect(pins["ruff"]?.line == 26)
        #expect(file.pythonPins.map(\.specifier) == [">=3.10", "^3.11"])
        #expect(file.pythonPins.map(\.line) == [6, 20])
        #expect(file.pythonRequirement == ">=3.10")
    }

    @Test func condaEnvironmentWithPipSection() throws {
        let project = DriftTestProject()
        project.write(
            "env/environment.yml",
            """
            name: penguins
            channels:
              - conda-forge
            dependencies:
              - python=3.11
              - numpy=1.26.4
              - conda-forge::scikit-learn==1.4.2
              - pandas>=2.1,<3
              - matplotlib 3.8.2 py311h_0
              - pip
              - pip:
                - torch==2.1.0
                - -r requirements-extra.txt
            """)
        project.write("env/requirements-extra.txt", "optuna==3.5.0\n")
        let file = try RequirementsFile.load("env/environment.yml", projectRoot: project.root)
        #expect(file.format == .condaEnvironment)
        let pins = file.pins
        #expect(file.pythonRequirement == "=3.11")
        #expect(file.pythonPins.first?.line == 5)
        #expect(pins["numpy"]?.exactVersion == "1.26.4")
        #expect(pins["numpy"]?.line == 6)
        #expect(pins["scikit-learn"]?.exactVersion == "1.4.2")
        #expect(pins["pandas"]?.specifier == ">=2.1,<3")
        #expect(pins["matplotlib"]?.exactVersion == "3.8.2")
        #expect(pins["pip"]?.specifier == "")
        #expect(pins["torch"]?.exactVersion == "2.1.0")
        #expect(pins["torch"]?.line == 12)
        #expect(pins["optuna"]?.location == SourceLocation(path: "env/requirements-extra.txt", line: 1))
    }

    @Test func poetryLock() throws {
        let project = DriftTestProject()
        project.write(
            "poetry.lock",
            """
            # This file is automatically @generated by Poetry 1.8.2 and should not be changed by hand.

            [[package]]
            name = "numpy"
            version = "1.26.4"
            description = "Fundamental package for array computing in Python"
            optional = false
            python-versions = ">=3.9"
            files = [
                {file = "numpy-1.26.4.tar.gz", hash = "sha256:2a02aba9ed12e4ac4eb3ea9421c420301a0c6460d9830d74a9df87efa4912010"},
            ]

            [[package]]
            name = "scikit-learn"
            version = "1.4.2"
            description = "A set of python modules for machine learning and data mining"
            optional = false
            python-versions = ">=3.9"

            [package.dependencies]
            numpy = ">=1.19.5"

            [package.extras]
            tests = ["pytest (>=7.1.2)"]

            [metadata]
            lock-version = "2.0"
            python-versions = "^3.11"
            content-hash = "abc"
            """)
        let file = try RequirementsFile.load("poetry.lock", projectRoot: project.root)
        #expect(file.format.isLockFile)
        #expect(file.pins["numpy"]?.exactVersion == "1.26.4")
        #expect(file.pins["numpy"]?.line == 4)
        #expect(file.pins["scikit-learn"]?.line == 14)
        #expect(file.pythonRequirement == "^3.11")
        #expect(file.pythonPins.first?.line == 28)
    }

    @Test func uvLock() throws {
        let project = DriftTestProject()
        project.write(
            "uv.lock",
            """
            version = 1
            requires-python = ">=3.11"

            [[package]]
            name = "numpy"
            version = "1.26.4"
            source = { registry = "https://pypi.org/simple" }
            sdist = { url = "https://files.example/numpy-1.26.4.tar.gz", hash = "sha256:2a", size = 15786389 }
            wheels = [
                { url = "https://files.example/numpy-1.26.4-cp311.whl", hash = "sha256:4c", size = 20630554 },
            ]

            [[package]]
            name = "penguins"
            version = "0.1.0"
            source = { virtual = "." }
            dependencies = [
                { name = "numpy" },
            ]

            [package.metadata]
            requires-dist = [{ name = "numpy", specifier = ">=1.26" }]
            """)
        let file = try RequirementsFile.load("uv.lock", projectRoot: project.root)
        #expect(file.format == .uvLock)
        #expect(file.pins["numpy"]?.exactVersion == "1.26.4")
        #expect(file.pins["numpy"]?.line == 5)
        #expect(file.pins["penguins"]?.line == 14)
        #expect(file.pythonRequirement == ">=3.11")
        #expect(file.pythonPins.first?.line == 2)
    }

    @Test func condaLock() throws {
        let project = DriftTestProject()
        project.write(
            "conda-lock.yml",
            """
            version: 1
            metadata:
              platforms:
              - linux-64
              - osx-arm64
            package:
            - name: python
              version: 3.11.7
              manager: conda
              platform: linux-64
              url: https://conda.anaconda.org/conda-forge/linux-64/python-3.11.7.conda
            - name: numpy
              version: 1.26.4
              manager: conda
              platform: linux-64
            - name: numpy
              version: 1.26.4
              manager: conda
              platform: osx-arm64
            - name: torch
              version: 2.1.0
              manager: pip
              platform: linux-64
            """)
        let file = try RequirementsFile.load("conda-lock.yml", projectRoot: project.root)
        #expect(file.format == .condaLock)
        #expect(file.entries.filter { $0.name == "numpy" }.map(\.line) == [12, 16])
        #expect(file.pins["torch"]?.exactVersion == "2.1.0")
        #expect(file.pythonPins.first?.exactVersion == "3.11.7")
    }

    @Test func namesAreNormalizedAsPEP503Says() {
        #expect(PEP508Requirement.normalize("Scikit_Learn") == "scikit-learn")
        #expect(PEP508Requirement.normalize("zope.interface") == "zope-interface")
        #expect(PEP508Requirement.normalize("Foo-_.Bar") == "foo-bar")
    }

    @Test func malformedAndMissingFilesAreProblems() {
        let project = DriftTestProject()
        project.write("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"numpy\"\n[tool.x]\n")
        project.write("environment.yml", "name: x\ndependencies:\n  - numpy\n   - pandas: [\n")
        project.write("conda-lock.yml", "version: 1\nmetadata: {}\n")
        project.write("deps.cfg", "numpy\n")
        project.write("binary.txt", data: Data([0x6E, 0x75, 0x0A, 0x00, 0x01]))
        project.write("latin1.txt", data: Data([0x6E, 0x0A, 0x0A, 0xE9, 0x0A]))

        func problem(_ path: String) -> DriftFileProblem? {
            do {
                _ = try RequirementsFile.load(path, projectRoot: project.root)
                return nil
            } catch {
                return error
            }
        }
        let toml = problem("pyproject.toml")
        #expect(toml?.reason.hasPrefix("invalid TOML") == true)
        #expect(toml?.line == 4)
        let yaml = problem("environment.yml")
        #expect(yaml?.reason.hasPrefix("invalid YAML") == true)
        #expect(yaml?.line == 4)
        #expect(problem("conda-lock.yml")?.reason.contains("package:") == true)
        #expect(problem("deps.cfg")?.reason.contains("unsupported requirements format") == true)
        #expect(problem("nope.txt")?.isMissing == true)
        #expect(problem("binary.txt")?.reason.contains("binary") == true)
        #expect(problem("binary.txt")?.line == 2)
        #expect(problem("latin1.txt")?.reason.contains("UTF-8") == true)
        #expect(problem("latin1.txt")?.line == 3)
        #expect(problem("../etc/passwd")?.reason.contains("outside the project") == true)
    }

    @Test func symbolicLinkOutOfTheProjectIsRefused() throws {
        let project = DriftTestProject()
        let outside = DriftTestProject()
        outside.write("requirements.txt", "numpy==1.0\n")
        try FileManager.default.createSymbolicLink(
            at: project.root.appendingPathComponent("requirements.txt"),
            withDestinationURL: outside.root.appendingPathComponent("requirements.txt")
        )
        #expect(throws: DriftFileProblem.self) {
            try RequirementsFile.load("requirements.txt", projectRoot: project.root)
        }
    }
}
