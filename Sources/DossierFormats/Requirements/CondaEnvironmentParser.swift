import DossierCore
import Foundation

/// Reads a conda `environment.yml`: match specs under `dependencies:` and its `- pip:` list.
package struct CondaEnvironmentParser {
    package let reader: ProjectFiles
    private(set) var entries: [RequirementPin] = []
    private(set) var problems: [DriftFileProblem] = []

    package init(reader: ProjectFiles) {
        self.reader = reader
    }

    package mutating func parse(_ text: String, path: String) throws(DriftFileProblem) {
        guard let root = try DriftYAML.load(text, path: path) else { return }
        guard root.isMap else {
            throw DriftFileProblem(path: path, line: root.line, reason: "expected a mapping with a dependencies: list")
        }
        var pip = PipRequirementsParser(reader: reader)
        for item in root["dependencies"]?.items ?? [] {
            if let spec = item.text {
                if let pin = Self.pin(spec, location: SourceLocation(path: path, line: item.line ?? 1)) {
                    entries.append(pin)
                }
            } else if let pipList = item["pip"] {
                // The pip list is pip syntax, `-r requirements.txt` included (relative to this file).
                let lines = pipList.items.compactMap { entry in entry.text.map { (text: $0, line: entry.line ?? 1) } }
                pip.parseLines(lines, path: path, group: nil)
                entries += pip.entries
                problems += pip.problems
                pip = PipRequirementsParser(reader: reader)
            }
        }
    }

    /// A conda match spec: `numpy=1.26.4`, `conda-forge::numpy>=1.26`, `numpy 1.26.4 py311_0`.
    package static func pin(_ spec: String, location: SourceLocation) -> RequirementPin? {
        var text = Substring(spec.trimmedSpaces())
        // `conda-forge::numpy` and `conda-forge/linux-64::numpy`: the channel is not the name.
        if let channel = text.range(of: "::", options: .backwards) {
            text = text[channel.upperBound...]
        }
        let name = text.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        guard let first = name.first, first.isLetter || first.isNumber else { return nil }
        let rest = text[name.endIndex...]
        return RequirementPin(
            writtenName: String(name),
            specifier: rest.trimmedSpaces(),
            constraint: .conda(String(rest)),
            exactVersion: exactVersion(rest),
            location: location
        )
    }

    /// The version of `=V`, `==V`, `=V=build` and the space form `V build`, when it is one version.
    private static func exactVersion(_ rest: Substring) -> String? {
        let version: Substring
        if rest.hasPrefix("==") {
            version = rest.dropFirst(2).prefix { $0 != "=" }
        } else if rest.hasPrefix("=") {
            version = rest.dropFirst().prefix { $0 != "=" }
        } else if rest.first?.isWhitespace == true {
            version = rest.drop { $0.isWhitespace }.prefix { !$0.isWhitespace }
        } else {
            return nil
        }
        let clean = version.trimmedSpaces()
        guard !clean.isEmpty, !clean.contains(where: { "*|,<>!~=".contains($0) }) else { return nil }
        return clean
    }
}
