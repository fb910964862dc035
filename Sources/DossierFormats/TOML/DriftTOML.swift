import DossierCore
import TOMLKit

/// Loads TOML files (pyproject.toml, poetry.lock, uv.lock, params.toml) into `DriftData`.
///
/// TOMLKit (toml++) reports where a parse failed but not where each value sits, so values carry
/// no line; callers that need one find it in the text (`TOMLLineFinder`).
package enum DriftTOML {
    package static func load(_ text: String, path: String) throws(DriftFileProblem) -> DriftData {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DriftFileProblem(
                path: path, line: error.source.begin.line, column: error.source.begin.column,
                reason: "invalid TOML: \(error.description)"
            )
        } catch {
            throw DriftFileProblem(path: path, reason: "invalid TOML: \(error)")
        }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> DriftData {
        // Iterating the table yields keys in toml++'s (sorted) order; that is deterministic,
        // which is all the comparisons need.
        .map(table.map { key, value in DriftData.Entry(key: key, value: convert(value)) }, line: nil)
    }

    private static func convert(_ value: any TOMLValueConvertible) -> DriftData {
        switch value.type {
        case .table:
            return value.table.map(convert) ?? .map([], line: nil)
        case .array:
            return .list(value.array.map { $0.map(convert) } ?? [], line: nil)
        case .string:
            return .scalar(value.string ?? "", line: nil)
        case .int:
            return .scalar(value.int.map(String.init) ?? "", line: nil)
        case .double:
            return .scalar(value.double.map { "\($0)" } ?? "", line: nil)
        case .bool:
            return .scalar(value.bool.map { $0 ? "true" : "false" } ?? "", line: nil)
        case .date, .time, .dateTime:
            return .scalar(value.debugDescription, line: nil)
        }
    }
}
