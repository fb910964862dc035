import DossierCore

/// Reads lock files, which record one resolved version per package (per platform).
package enum LockFileParser {
    /// `poetry.lock` and `uv.lock`: `[[package]]` tables with `name` and `version`, plus the
    /// interpreter range (`[metadata] python-versions` in Poetry, top-level `requires-python` in uv).
    package static func parseTOMLLock(
        _ text: String, path: String, format: RequirementsFile.Format
    ) throws(DriftFileProblem) -> [RequirementPin] {
        let root = try DriftTOML.load(text, path: path)
        let lines = TOMLLineFinder(text: text)
        let packageLines = lines.arrayTableLines(header: "package")
        var entries: [RequirementPin] = []

        if format == .uvLock, let python = root["requires-python"]?.text {
            entries.append(
                RequirementPin(
                    writtenName: "python", specifier: python, constraint: .pep440(python),
                    location: SourceLocation(path: path, line: lines.line(ofKey: "requires-python", inSection: "") ?? 1)
                ))
        }
        if format == .poetryLock, let python = root["metadata"]?["python-versions"]?.text {
            entries.append(
                RequirementPin(
                    writtenName: "python", specifier: python, constraint: .poetry(python),
                    location: SourceLocation(
                        path: path, line: lines.line(ofKey: "python-versions", inSection: "metadata") ?? 1)
                ))
        }
        for (index, package) in (root["package"]?.items ?? []).enumerated() {
            guard let name = package["name"]?.text else { continue }
            let line = index < packageLines.count ? packageLines[index] : 1
            entries.append(
                lockPin(name, version: package["version"]?.text, location: SourceLocation(path: path, line: line)))
        }
        return entries
    }

    /// `conda-lock.yml`: a `package:` list of `{name, version, manager, platform, …}`.
    package static func parseCondaLock(_ text: String, path: String) throws(DriftFileProblem) -> [RequirementPin] {
        guard let root = try DriftYAML.load(text, path: path) else { return [] }
        guard let packages = root["package"] else {
            throw DriftFileProblem(
                path: path, line: root.line, reason: "expected a package: list, as conda-lock writes")
        }
        return packages.items.compactMap { package in
            guard let name = package["name"]?.text else { return nil }
            let line = package["name"]?.line ?? package.line ?? 1
            return lockPin(name, version: package["version"]?.text, location: SourceLocation(path: path, line: line))
        }
    }

    private static func lockPin(_ name: String, version: String?, location: SourceLocation) -> RequirementPin {
        guard let version, !version.isEmpty else {
            return RequirementPin(writtenName: name, specifier: "", constraint: .unknown, location: location)
        }
        return RequirementPin(
            writtenName: name, specifier: "==\(version)",
            constraint: .anyOf([[.init(op: .equal, version: version)]]),
            exactVersion: version, location: location
        )
    }
}
