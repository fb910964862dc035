import DossierCore

/// Reads the dependency tables of a `pyproject.toml`.
///
/// PEP 621 `[project] dependencies`, `requires-python` and `[project.optional-dependencies]`,
/// PEP 735 `[dependency-groups]`, and Poetry's `[tool.poetry.dependencies]` (with
/// `python = "^3.11"` and `{version = …}` tables), `dev-dependencies` and
/// `[tool.poetry.group.*.dependencies]`. Poetry 2 projects carry both kinds of table; both are read.
package enum PyprojectParser {
    package static func parse(_ text: String, path: String) throws(DriftFileProblem) -> [RequirementPin] {
        let root = try DriftTOML.load(text, path: path)
        var lines = TOMLLineFinder(text: text)
        var entries: [RequirementPin] = []

        func location(_ line: Int?) -> SourceLocation {
            SourceLocation(path: path, line: line ?? 1)
        }

        func addPEP508(_ list: DriftData?, group: String?, key: String, section: String) {
            for item in list?.items ?? [] {
                // Tables such as `{include-group = "test"}` name no package.
                guard let text = item.text, let requirement = PEP508Requirement(text) else { continue }
                let line = lines.line(ofString: text) ?? lines.line(ofKey: key, inSection: section)
                entries.append(
                    RequirementPin(
                        writtenName: requirement.name,
                        specifier: requirement.url.map { "@ \($0)" } ?? requirement.specifier,
                        constraint: requirement.constraint,
                        marker: requirement.marker,
                        group: group,
                        location: location(line)
                    ))
            }
        }

        if let project = root["project"] {
            addPEP508(project["dependencies"], group: nil, key: "dependencies", section: "project")
            if let python = project["requires-python"]?.text {
                entries.append(
                    RequirementPin(
                        writtenName: "python", specifier: python, constraint: .pep440(python),
                        location: location(lines.line(ofKey: "requires-python", inSection: "project"))
                    ))
            }
            for extra in project["optional-dependencies"]?.entries ?? [] {
                addPEP508(
                    extra.value, group: "optional \(extra.key)", key: extra.key,
                    section: "project.optional-dependencies")
            }
        }
        for dependencyGroup in root["dependency-groups"]?.entries ?? [] {
            addPEP508(
                dependencyGroup.value, group: "group \(dependencyGroup.key)", key: dependencyGroup.key,
                section: "dependency-groups")
        }

        if let poetry = root["tool"]?["poetry"] {
            var tables: [(table: DriftData, section: String, group: String?)] = []
            if let main = poetry["dependencies"] { tables.append((main, "tool.poetry.dependencies", nil)) }
            if let dev = poetry["dev-dependencies"] {
                tables.append((dev, "tool.poetry.dev-dependencies", "dev-dependencies"))
            }
            for group in poetry["group"]?.entries ?? [] {
                if let table = group.value["dependencies"] {
                    tables.append((table, "tool.poetry.group.\(group.key).dependencies", "group \(group.key)"))
                }
            }
            var poetryEntries: [RequirementPin] = []
            for (table, section, group) in tables {
                for dependency in table.entries {
                    let line = location(lines.line(ofKey: dependency.key, inSection: section))
                    // A list of tables gives one constraint per Python version or platform.
                    let values = dependency.value.items.isEmpty ? [dependency.value] : dependency.value.items
                    for value in values {
                        poetryEntries.append(poetryPin(dependency.key, value, group: group, location: line))
                    }
                }
            }
            // TOMLKit hands keys back sorted; put Poetry's pins back in file order.
            entries += poetryEntries.sorted { $0.line < $1.line }
        }
        return entries
    }

    /// `numpy = "^1.26"`, `torch = {version = "2.1.0", optional = true}`, `x = {git = "…"}`.
    private static func poetryPin(
        _ name: String, _ value: DriftData, group: String?, location: SourceLocation
    ) -> RequirementPin {
        let isPython = name.lowercased() == "python"
        if let text = value.text {
            return RequirementPin(
                writtenName: name, specifier: text, constraint: .poetry(text),
                group: isPython ? nil : group, location: location
            )
        }
        if let version = value["version"]?.text {
            return RequirementPin(
                writtenName: name, specifier: version, constraint: .poetry(version),
                marker: value["markers"]?.text, group: group, location: location
            )
        }
        // git, path and url dependencies name a source, not a version.
        let source = ["git", "path", "url"].first { value[$0] != nil }
        let specifier = source.flatMap { key in value[key]?.text.map { "\(key) \($0)" } } ?? ""
        return RequirementPin(
            writtenName: name, specifier: specifier, constraint: .unknown, group: group, location: location)
    }
}
