import DossierCore
import Yams

/// Loads YAML files for drift checks into `DriftData`, safely.
package enum DriftYAML {
    /// The document's tree, nil for an empty document. The text goes through `SafeYAML`, so an
    /// alias bomb is refused at the alias that would pass the node budget.
    package static func load(_ text: String, path: String) throws(DriftFileProblem) -> DriftData? {
        do {
            return try SafeYAML.compose(text).map(convert)
        } catch {
            switch error.reason {
            case .syntax:
                throw DriftFileProblem(
                    path: path, line: error.line, column: error.column,
                    reason: "invalid YAML: \(error.message)")
            case .aliasExpansion, .tooLarge:
                throw DriftFileProblem(
                    path: path, line: error.line, column: error.column,
                    reason: "refused: \(error.message), to guard against alias bombs")
            }
        }
    }

    private static func convert(_ node: Node) -> DriftData {
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, line: scalar.mark?.line)
        case .sequence(let sequence):
            return .list(sequence.map(convert), line: sequence.mark?.line)
        case .mapping(let mapping):
            var entries: [DriftData.Entry] = []
            var merged: [DriftData.Entry] = []
            for (key, value) in mapping {
                let name = key.scalar?.string ?? key.string ?? ""
                // `<<: *defaults` is how params files share settings; Yams composes but does not merge.
                if name == "<<" {
                    let sources = value.sequence.map { Array($0) } ?? [value]
                    for source in sources {
                        merged += convert(source).entries
                    }
                } else {
                    entries.append(.init(key: name, value: convert(value)))
                }
            }
            for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
                entries.append(entry)
            }
            return .map(entries, line: mapping.mark?.line)
        case .alias:
            return .scalar("", line: nil)
        }
    }
}
