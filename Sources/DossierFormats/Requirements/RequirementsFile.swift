import DossierCore
import Foundation

/// The packages a requirements source pins, read from any of the formats Python projects use.
///
/// Formats are chosen by file name: `requirements*.txt` and `*.in` (pip), `pyproject.toml`
/// (PEP 621, PEP 735 and Poetry tables), `environment.yml` (conda, with its `pip:` list),
/// `poetry.lock`, `uv.lock` and `conda-lock.yml`.
package struct RequirementsFile: Sendable, Hashable {
    package enum Format: String, Sendable, Hashable, CaseIterable {
        case requirementsTxt = "requirements.txt"
        case pyproject = "pyproject.toml"
        case condaEnvironment = "environment.yml"
        case poetryLock = "poetry.lock"
        case uvLock = "uv.lock"
        case condaLock = "conda-lock.yml"

        /// The format a file name implies, or nil when no parser knows it.
        package init?(fileName: String) {
            let name = fileName.lowercased()
            if name == "poetry.lock" {
                self = .poetryLock
            } else if name == "uv.lock" {
                self = .uvLock
            } else if name.hasSuffix("conda-lock.yml") || name.hasSuffix("conda-lock.yaml") {
                self = .condaLock
            } else if name.hasSuffix(".toml") {
                self = .pyproject
            } else if name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                self = .condaEnvironment
            } else if name.hasSuffix(".txt") || name.hasSuffix(".in") {
                self = .requirementsTxt
            } else {
                return nil
            }
        }

        /// Lock files list every transitive dependency, once per platform or Python version.
        package var isLockFile: Bool {
            self == .poetryLock || self == .uvLock || self == .condaLock
        }
    }

    /// The project-relative path of the file the document names.
    package var path: String
    package var format: Format
    /// Every pin in file order, `-r`/`-c` includes expanded in place and the interpreter
    /// (`requires-python`, conda's `python=`) included under the name `python`.
    package var entries: [RequirementPin]
    /// Problems that did not stop the reading, such as an `-r` include that does not exist.
    package var problems: [DriftFileProblem]

    package init(path: String, format: Format, entries: [RequirementPin], problems: [DriftFileProblem] = []) {
        self.path = path
        self.format = format
        self.entries = entries
        self.problems = problems
    }

    /// The first pin of each package by normalized name, the interpreter left out.
    package var pins: [String: RequirementPin] {
        var result: [String: RequirementPin] = [:]
        for entry in entries where entry.name != "python" && result[entry.name] == nil {
            result[entry.name] = entry
        }
        return result
    }

    /// Every pin on the interpreter (`requires-python`, Poetry's `python`, conda's `python=`).
    package var pythonPins: [RequirementPin] {
        entries.filter { $0.name == "python" }
    }

    /// The interpreter requirement as written (`>=3.10`, `^3.11`, `=3.11`), if the file has one.
    package var pythonRequirement: String? {
        pythonPins.first?.specifier
    }

    /// Reads and parses a project file; `path` is relative to `projectRoot`.
    package static func load(_ path: String, projectRoot: URL) throws(DriftFileProblem) -> RequirementsFile {
        let reader = ProjectFiles(projectRoot: projectRoot)
        guard let clean = ProjectFiles.normalize(path) else {
            throw DriftFileProblem(path: path, reason: "the path leads outside the project")
        }
        let fileName = clean.split(separator: "/").last.map(String.init) ?? clean
        guard let format = Format(fileName: fileName) else {
            _ = try reader.url(for: clean)
            throw DriftFileProblem(
                path: clean,
                reason:
                    "unsupported requirements format; expected requirements*.txt, *.in, pyproject.toml, environment.yml, poetry.lock, uv.lock or conda-lock.yml"
            )
        }
        switch format {
        case .requirementsTxt:
            var parser = PipRequirementsParser(reader: reader)
            try parser.parseFile(clean, group: nil)
            return RequirementsFile(path: clean, format: format, entries: parser.entries, problems: parser.problems)
        case .pyproject:
            let entries = try PyprojectParser.parse(reader.text(clean), path: clean)
            return RequirementsFile(path: clean, format: format, entries: entries)
        case .condaEnvironment:
            var parser = CondaEnvironmentParser(reader: reader)
            try parser.parse(reader.text(clean), path: clean)
            return RequirementsFile(path: clean, format: format, entries: parser.entries, problems: parser.problems)
        case .poetryLock, .uvLock:
            let entries = try LockFileParser.parseTOMLLock(reader.text(clean), path: clean, format: format)
            return RequirementsFile(path: clean, format: format, entries: entries)
        case .condaLock:
            let entries = try LockFileParser.parseCondaLock(reader.text(clean), path: clean)
            return RequirementsFile(path: clean, format: format, entries: entries)
        }
    }
}
