import DossierCore

/// Metrics and params files in JSON, as the drift checks' `DriftData` tree with line numbers.
package enum DriftJSON {
    package static func load(_ text: String, path: String) throws(DriftFileProblem) -> DriftData {
        do throws(JSONParser.Failure) {
            return convert(try JSONParser.parse(Array(text.utf8)))
        } catch {
            throw DriftFileProblem(
                path: path, line: error.line, column: error.column,
                reason: "invalid JSON: \(error.message)")
        }
    }

    /// JSON's values as written: strings unquoted, numbers as their text, `true`, `null`.
    package static func convert(_ node: JSONNode) -> DriftData {
        switch node.value {
        case .null: .scalar("null", line: node.line)
        case let .bool(value): .scalar(value ? "true" : "false", line: node.line)
        case let .number(text, _): .scalar(text, line: node.line)
        case let .string(text): .scalar(text, line: node.line)
        case let .array(items): .list(items.map(convert), line: node.line)
        case let .object(members): .map(members.map { .init(key: $0.key, value: convert($0.node)) }, line: node.line)
        }
    }
}
