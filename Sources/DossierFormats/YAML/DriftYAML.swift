import DossierCore
import Yams

/// Loads YAML files for drift checks into `DriftData`, safely.
package enum DriftYAML {
    /// Yams expands aliases while composing and then hashes every mapping, so nine levels of nine
    /// aliases ("billion laughs") keep it busy for minutes. No honest params or environment file
    /// needs many aliases; with at most 24 the worst expansion stays in the thousands of nodes.
    package static let maximumAliases = 24

    /// The document's tree, nil for an empty document.
    package static func load(_ text: String, path: String) throws(DriftFileProblem) -> DriftData? {
        let aliases = aliasCount(in: text)
        if aliases > maximumAliases {
            throw DriftFileProblem(
                path: path,
                reason: "it uses \(aliases) YAML aliases; at most \(maximumAliases) are read, to guard against alias bombs"
            )
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .default, .default, .utf8)  // see FrontMatter.parse
        } catch let error as YamlError {
            throw problem(from: error, path: path)
        } catch {
            throw DriftFileProblem(path: path, reason: "invalid YAML: \(error)")
        }
        return node.map(convert)
    }

    /// Counts `*alias` tokens outside quotes and comments. It over-counts rather than under-counts:
    /// a stray `*word` inside a plain scalar only makes the cap a little stricter.
    package static func aliasCount(in text: String) -> Int {
        var count = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var quote: UInt8? = nil
            var previous: UInt8 = UInt8(ascii: " ")
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                let next = line.index(after: index) < line.endIndex ? line[line.index(after: index)] : nil
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    if isSeparator(previous) { quote = byte }
                } else if byte == UInt8(ascii: "#"), isSeparator(previous) {
                    break
                } else if byte == UInt8(ascii: "*"), isSeparator(previous), let next, !isSeparator(next) {
                    count += 1
                }
                previous = byte
                index = line.index(after: index)
            }
        }
        return count
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\r")
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

    private static func problem(from error: YamlError, path: String) -> DriftFileProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return DriftFileProblem(path: path, line: mark.line, column: mark.column, reason: "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return DriftFileProblem(
                path: path, line: context.mark.line, column: context.mark.column,
                reason: "invalid YAML: duplicate key \(duplicates.joined(separator: ", "))"
            )
        case .reader(let problem, _, _, _):
            return DriftFileProblem(path: path, reason: "invalid YAML: \(problem)")
        default:
            return DriftFileProblem(path: path, reason: "invalid YAML: \(error)")
        }
    }
}
