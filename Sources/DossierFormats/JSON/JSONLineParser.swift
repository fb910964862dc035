import DossierCore

/// One value of a JSON Lines record, as the profiler needs it.
package enum JSONLineValue: Equatable {
    case null
    case bool(Bool)
    /// The number as written, so `39.0` stays a float and `39` an integer.
    case number(String, isInteger: Bool)
    case string(String)
    /// An array or object, kept as its JSON text.
    case nested(String)
}

/// One line of JSON Lines as its top-level object's members, in the order written, through the
/// project's one JSON grammar (`JSONParser`).
package enum JSONLineParser {
    package struct Failure: Error {
        package var message: String
        /// 1-based byte column.
        package var column: Int
    }

    package static let maxDepth = 64

    /// The members of the object on `line`, or a failure naming what was expected and where.
    /// A key written twice keeps its last value, as Python's `json` does.
    package static func members(of line: [UInt8]) throws(Failure) -> [(key: String, value: JSONLineValue)] {
        let node: JSONNode
        do throws(JSONParser.Failure) {
            node = try JSONParser.parse(line, maximumDepth: maxDepth)
        } catch {
            throw Failure(message: error.message, column: error.column)
        }
        guard case let .object(members) = node.value else {
            let start = line.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? 0
            throw Failure(message: "each line must be a JSON object (`{…}`)", column: start + 1)
        }
        var result: [(key: String, value: JSONLineValue)] = []
        var positions: [String: Int] = [:]
        for member in members {
            let value = lineValue(member.node, in: line)
            if let position = positions[member.key] {
                result[position].value = value
            } else {
                positions[member.key] = result.count
                result.append((member.key, value))
            }
        }
        return result
    }

    private static func lineValue(_ node: JSONNode, in line: [UInt8]) -> JSONLineValue {
        switch node.value {
        case .null: .null
        case let .bool(value): .bool(value)
        case let .number(text, isInteger): .number(text, isInteger: isInteger)
        case let .string(text): .string(text)
        case .array, .object: .nested(String(decoding: line[node.range], as: UTF8.self))
        }
    }
}
