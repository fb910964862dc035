import DossierCore
import DossierFormats
import Foundation

/// Compares an environment document's `python` and `packages` with its `requirements:` file.
///
/// A documented version the file contradicts, a documented package the file no longer lists or
/// lists without a version (`pandas==2.2.2` became `pandas`) is drift (an error). A main
/// dependency the document leaves out is a warning with no health state, and only with
/// `drift.environment.require_all_packages: true`: environment pages usually list their key
/// packages and point at the file for the rest.
package struct EnvironmentDriftCheck: Sendable {
    package static let versionMismatch = "drift.environment.version-mismatch"
    package static let pythonMismatch = "drift.environment.python-mismatch"
    package static let unpinnedPackage = "drift.environment.unpinned-package"
    package static let undocumentedPackage = "drift.environment.undocumented-package"

    /// Tools that every conda environment lists and no one documents.
    private static let toolingPackages: Set<String> = ["python", "pip"]

    package var projectRoot: URL
    /// Whether every main dependency of the file must be documented (`undocumented-package`).
    package var requireAllPackages: Bool
    /// Each named file parsed once for all the environment documents of one check.
    package let requirementsFiles: RequirementsFiles

    package init(
        projectRoot: URL, requireAllPackages: Bool = false, requirementsFiles: RequirementsFiles = RequirementsFiles()
    ) {
        self.projectRoot = projectRoot
        self.requireAllPackages = requireAllPackages
        self.requirementsFiles = requirementsFiles
    }

    /// Reads the document's requirements file and compares; no file named, no findings.
    package func check(_ environment: DocumentedEnvironment) -> [Finding] {
        guard let requirements = environment.requirements else { return [] }
        do {
            let file = try requirementsFiles.file(path: requirements.path, projectRoot: projectRoot)
            return compare(environment, with: file)
        } catch {
            return [error.finding(referencedFrom: requirements.location)]
        }
    }

    /// Compares with an already-read file; findings about documented values point at the
    /// document, and their messages name the file and line of the pin.
    package func compare(_ environment: DocumentedEnvironment, with file: RequirementsFile) -> [Finding] {
        let fileLocation = environment.requirements?.location ?? SourceLocation(path: file.path)
        var findings = file.problems.map { $0.finding(referencedFrom: environment.requirements?.location) }
        let python = environment.python.flatMap(Self.pythonVersion)

        for package in environment.packages {
            let name = PEP508Requirement.normalize(package.name)
            let pins = file.entries.filter { $0.name == name }
            guard !pins.isEmpty else {
                findings.append(
                    Finding(
                        .error, Self.unpinnedPackage,
                        "\(package.name) \(package.version) is documented but not listed in \(file.path)",
                        at: package.location, state: .drift
                    ))
                continue
            }
            guard let version = Self.documentedVersion(package.version) else { continue }
            // Every applicable line without a version: the pin the page documents was removed.
            let applicable = pins.filter { !Self.excludes($0, python: python) }
            if !file.format.isLockFile, !applicable.isEmpty, applicable.allSatisfy({ $0.constraint == .any }),
                let pin = applicable.first
            {
                findings.append(
                    Finding(
                        .error, Self.unpinnedPackage,
                        "\(package.name): documented \(version), but \(Self.describe(pin)) lists \(pin.writtenName) "
                            + "without a version",
                        at: package.location, state: .drift
                    ))
                continue
            }
            guard
                let pin = contradictingPin(pins, version: version, python: python, alternatives: file.format.isLockFile)
            else { continue }
            findings.append(
                Finding(
                    .error, Self.versionMismatch,
                    "\(package.name): documented \(version), but \(Self.describe(pin)) \(pin.requirementPhrase)",
                    at: package.location, state: .drift
                ))
        }

        if let python,
            let pin = contradictingPin(
                file.pythonPins, version: python, python: nil, alternatives: file.format.isLockFile)
        {
            findings.append(
                Finding(
                    .error, Self.pythonMismatch,
                    "python: documented \(environment.python ?? python), but \(Self.describe(pin)) \(pin.requirementPhrase)",
                    at: environment.pythonLocation ?? fileLocation, state: .drift
                ))
        }

        // Only when the document lists packages at all: one that leaves them to the file is complete.
        // Lock files list every transitive dependency, and optional groups, dev tools and constraint
        // files are not the environment's main packages, so none of those are asked for.
        if requireAllPackages, !environment.packages.isEmpty, !file.format.isLockFile {
            let documented = Set(environment.packages.map { PEP508Requirement.normalize($0.name) })
            var reported: Set<String> = []
            for pin in file.entries
            where pin.group == nil && !documented.contains(pin.name)
                && !Self.toolingPackages.contains(pin.name) && !Self.excludes(pin, python: python)
                && reported.insert(pin.name).inserted
            {
                let specifier = pin.specifier.isEmpty ? "" : " (\(pin.specifier))"
                findings.append(
                    Finding(
                        .warning, Self.undocumentedPackage,
                        "\(pin.writtenName)\(specifier) is listed at \(pin.location.path):\(pin.line) but not documented",
                        at: fileLocation
                    ))
            }
        }
        return findings
    }

    /// The pin a documented version contradicts, or nil when it agrees or the check cannot tell.
    ///
    /// Pins whose marker excludes the documented Python are left out. Pins that certainly apply
    /// must all agree; if none certainly applies (markers on platforms, extras), the version is
    /// wrong only when it contradicts every one. Lock-file entries are alternatives (one per
    /// platform or Python), so there too every one must be contradicted.
    private func contradictingPin(
        _ pins: [RequirementPin], version: String, python: String?, alternatives: Bool
    ) -> RequirementPin? {
        var certain: [RequirementPin] = []
        var possible: [RequirementPin] = []
        for pin in pins {
            switch pin.marker.map({ RequirementMarker.evaluate($0, python: python) }) {
            case nil, .some(true): certain.append(pin)
            case .some(nil): possible.append(pin)
            case .some(false): continue
            }
        }
        let violated: (RequirementPin) -> Bool = {
            requirementsFiles.verdict(of: $0.constraint, for: version) == .violated
        }
        if !alternatives, let pin = certain.first(where: violated) { return pin }
        let candidates = alternatives ? certain + possible : (certain.isEmpty ? possible : [])
        guard !candidates.isEmpty, candidates.allSatisfy(violated) else { return nil }
        return candidates.first
    }

    /// Whether the pin's marker rules out the documented Python (`tomli; python_version < "3.11"`).
    private static func excludes(_ pin: RequirementPin, python: String?) -> Bool {
        guard let marker = pin.marker else { return false }
        return RequirementMarker.evaluate(marker, python: python) == false
    }

    /// `requirements.txt:3` or `pyproject.toml:12 (group dev)`.
    private static func describe(_ pin: RequirementPin) -> String {
        "\(pin.location.path):\(pin.line)" + (pin.group.map { " (\($0))" } ?? "")
    }

    /// The documented text when it is a version: `==1.26.4` and `v1.2` are accepted, but
    /// `latest` or `>=1.2` are not versions and are not compared.
    package static func documentedVersion(_ text: String) -> String? {
        var version = Substring(text.trimmedSpaces())
        while version.hasPrefix("=") { version = version.dropFirst() }
        version = Substring(version.trimmedSpaces())
        let digits = version.first == "v" || version.first == "V" ? version.dropFirst() : version
        guard digits.first?.isNumber == true else { return nil }
        return String(version)
    }

    /// The version in a documented interpreter: `3.11`, `3.11.7`, `Python 3.11`, `3.11.x` → `3.11`.
    package static func pythonVersion(_ text: String) -> String? {
        let characters = Array(text)
        guard let start = characters.firstIndex(where: \.isNumber) else { return nil }
        var end = start
        while end < characters.count,
            characters[end].isNumber
                || (characters[end] == "." && end + 1 < characters.count && characters[end + 1].isNumber)
        {
            end += 1
        }
        return String(characters[start..<end])
    }
}
