import DossierCore
import DossierFormats

/// Flat `dotted.key → value` records read from a params or metrics file, with where each came from.
package struct RecordedValues: Sendable {
    package struct Value: Sendable {
        package var data: DriftData
        package var path: String
        package var line: Int?
        /// `params.yaml:3`, or the path alone when the line is unknown (an MLflow param file).
        package var source: String { line.map { "\(path):\($0)" } ?? path }
    }

    package enum Lookup {
        case found(key: String, value: Value)
        /// A short key that ends several recorded keys: the check cannot tell which is meant.
        case ambiguous
        case missing
    }

    private(set) var keys: [String] = []
    private var values: [String: Value] = [:]

    package var isEmpty: Bool { keys.isEmpty }

    /// Adds a value unless the key is already recorded: the first source read wins.
    package mutating func add(_ key: String, _ value: Value) {
        guard values[key] == nil else { return }
        keys.append(key)
        values[key] = value
    }

    /// Adds every value of `other` whose key is not recorded yet.
    package mutating func merge(_ other: RecordedValues) {
        for key in other.keys {
            add(key, other.values[key]!)
        }
    }

    /// Adds the leaves of a parsed file under their dotted keys.
    package mutating func add(flattening data: DriftData, path: String) {
        for (key, value) in data.flattened() {
            add(key, Value(data: value, path: path, line: value.line))
        }
    }

    /// The value for a documented key: the key itself, or the one recorded key that ends in
    /// `.key` (`learning_rate` finds `train.learning_rate` when no other key ends that way).
    package func lookup(_ key: String) -> Lookup {
        if let value = values[key] { return .found(key: key, value: value) }
        let matches = keys.filter { $0.hasSuffix("." + key) }
        guard let only = matches.first else { return .missing }
        return matches.count == 1 ? .found(key: only, value: values[only]!) : .ambiguous
    }

    /// Reads a params or metrics file by its extension: `.json`, `.yaml`/`.yml` or `.toml`.
    package static func load(_ path: String, reader: ProjectFiles) throws(DriftFileProblem) -> RecordedValues {
        let text = try reader.text(path)
        let lower = path.lowercased()
        let data: DriftData?
        if lower.hasSuffix(".json") {
            data = try DriftJSON.load(text, path: path)
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            data = try DriftYAML.load(text, path: path)
        } else if lower.hasSuffix(".toml") {
            data = try DriftTOML.load(text, path: path)
        } else {
            throw DriftFileProblem(
                path: path, reason: "unsupported format; expected .json, .yaml, .yml, .toml or dvc.lock")
        }
        guard let data else { return RecordedValues() }
        guard data.isMap else {
            throw DriftFileProblem(
                path: path, line: data.line, reason: "expected a mapping of names to values at the top")
        }
        var values = RecordedValues()
        values.add(flattening: data, path: path)
        return values
    }
}
