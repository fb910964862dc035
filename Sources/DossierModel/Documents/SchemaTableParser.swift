import DossierCore
import DossierMarkdown
import Foundation

/// Reads the schema table of a `schema` document (SPEC 1.4): the first Markdown table whose
/// header has a key column and a type column.
package enum SchemaTableParser {
    package enum Role: CaseIterable {
        case key, type, level, description, nullable, required, values, range
    }

    package static let headerNames: [Role: [String]] = [
        .key: ["key", "database key", "column", "field", "name", "column name", "field name"],
        .type: ["type", "data type", "dtype"],
        .level: ["order", "data order", "level", "measurement", "level of measurement"],
        .description: ["description", "meaning"],
        .nullable: ["nullable", "missing"],
        .required: ["required"],
        .values: ["values", "allowed", "categories", "allowed values"],
        .range: ["range"],
    ]

    package static let typeSynonyms: [String: FieldType] = {
        var map: [String: FieldType] = [:]
        let groups: [(FieldType, [String])] = [
            (.string, ["string", "str", "varchar", "char", "object", "utf8", "keyword", "character"]),
            (
                .integer,
                [
                    "integer", "int", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                    "long", "short", "bigint", "smallint", "tinyint", "serial", "count",
                ]
            ),
            (.float, ["float", "float16", "float32", "float64", "double", "real", "decimal", "numeric", "number"]),
            (.boolean, ["boolean", "bool", "bit", "flag"]),
            (.date, ["date"]),
            (.datetime, ["datetime", "timestamp", "datetime64", "timestamptz", "datetime64[ns]", "time"]),
            (.categorical, ["categorical", "category", "enum", "factor", "label"]),
            (.text, ["text", "longtext", "clob", "free text"]),
            (.id, ["id", "uuid", "identifier", "key"]),
        ]
        for (type, names) in groups { for name in names { map[name] = type } }
        return map
    }()

    package struct Result: Sendable {
        package var fields: [SchemaField]
        package var tableOrdinal: Int?
        package var findings: [Finding]
    }

    /// Normalizes a written type (`int64`, `Str`…); nil when it is not a known type.
    package static func normalizeType(_ raw: String) -> FieldType? {
        typeSynonyms[clean(raw).lowercased()]
    }

    package static func parse(_ tables: [MarkdownAnalysis.Table], path: String) -> Result {
        for table in tables {
            let roles = mapColumns(table.header)
            guard roles[.key] != nil, roles[.type] != nil else { continue }
            var fields: [SchemaField] = []
            var findings: [Finding] = []
            var seen: Set<String> = []
            for row in table.rows {
                func cell(_ role: Role) -> String {
                    guard let index = roles[role], index < row.cells.count else { return "" }
                    return clean(row.cells[index])
                }
                let key = cell(.key)
                let location = SourceLocation(path: path, line: row.line)
                if key.isEmpty {
                    findings.append(
                        Finding(
                            .warning, "schema.empty-key", "schema table row has no key; the row is skipped",
                            at: location))
                    continue
                }
                if !seen.insert(key).inserted {
                    findings.append(
                        Finding(
                            .error, "schema.duplicate-key", "field `\(key)` is listed twice in the schema table",
                            at: location))
                    continue
                }
                var entity: String?
                var name = key
                // Over bytes when ASCII, where a byte is a Character (the Character search cost
                // thousands of instructions a field).
                let lastDot = ProjectPath.isASCII(key) ? key.utf8.lastIndex(of: 0x2E) : key.lastIndex(of: ".")
                if let dot = lastDot, dot != key.startIndex, key.index(after: dot) != key.endIndex {
                    entity = String(key[..<dot])
                    name = String(key[key.index(after: dot)...])
                }
                let rawType = cell(.type)
                let type = normalizeType(rawType)
                if type == nil, !rawType.isEmpty {
                    let known = FieldType.allCases.map(\.rawValue)
                    findings.append(
                        Finding(
                            .warning, "schema.unknown-type",
                            "field `\(key)` has unknown type `\(rawType)`; known types are \(known.joined(separator: ", "))"
                                + ClosestMatch.suggestion(rawType, in: Array(typeSynonyms.keys).sorted()),
                            at: location))
                }
                let rawLevel = cell(.level)
                let level = MeasurementLevel(rawValue: rawLevel.lowercased())
                if level == nil, !rawLevel.isEmpty {
                    findings.append(
                        Finding(
                            .warning, "schema.unknown-level",
                            "field `\(key)` has unknown level of measurement `\(rawLevel)`; use nominal, ordinal, interval or ratio"
                                + ClosestMatch.suggestion(rawLevel, in: MeasurementLevel.allCases.map(\.rawValue)),
                            at: location))
                }
                var nullable: Bool?
                if roles[.nullable] != nil { nullable = truthy(cell(.nullable)) }
                if roles[.required] != nil, let required = truthy(cell(.required)) { nullable = !required }
                let valuesText = cell(.values)
                var range = parseRange(cell(.range))
                var values: [String] = []
                if range == nil, let valuesRange = parseRange(valuesText) {
                    range = valuesRange
                } else if !valuesText.isEmpty {
                    values = splitValues(valuesText)
                }
                fields.append(
                    SchemaField(
                        key: key, entity: entity, name: name, type: type, rawType: rawType,
                        level: level, rawLevel: rawLevel, description: cell(.description),
                        nullable: nullable, values: values, range: range, line: row.line))
            }
            return Result(fields: fields, tableOrdinal: table.ordinal, findings: findings)
        }
        return Result(fields: [], tableOrdinal: nil, findings: [])
    }

    package static func mapColumns(_ header: [String]) -> [Role: Int] {
        var roles: [Role: Int] = [:]
        for (index, name) in header.enumerated() {
            let normalized = clean(name).lowercased()
            for role in Role.allCases where roles[role] == nil {
                if headerNames[role]!.contains(normalized) {
                    roles[role] = index
                    break
                }
            }
        }
        return roles
    }

    /// Strips the backticks and emphasis people put around names in tables. Byte-level: it runs
    /// on every cell of every schema and runs table (see `trimmingASCII(where:)`).
    package static func clean(_ text: String) -> String {
        text.trimmingASCII(where: isNameDecoration)
    }

    /// ` `, `` ` ``, `*`, `_` and tab: what `clean` strips.
    private static func isNameDecoration(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x60, 0x2A, 0x5F, 0x09: true
        default: false
        }
    }

    /// ` `, `` ` ``, `'` and `"`: what `splitValues` strips around each value.
    private static func isValueQuote(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x60, 0x27, 0x22: true
        default: false
        }
    }

    package static func truthy(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "nullable", "✓", "✔", "x", "optional", "allowed": true
        case "no", "n", "false", "not null", "—", "-", "required", "never", "none": false
        default: nil
        }
    }

    package static func splitValues(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" })
            .map { $0.trimmingASCII(where: isValueQuote) }
            .filter { !$0.isEmpty && $0 != "…" && $0 != "..." }
    }

    /// `0–100`, `0 - 100`, `0..100`, `[0, 100]`.
    package static func parseRange(_ text: String) -> ClosedRange<Double>? {
        var t = text.trimmedSpaces()
        guard !t.isEmpty else { return nil }
        if t.hasPrefix("["), t.hasSuffix("]") {
            t = String(t.dropFirst().dropLast()).replacingOccurrences(of: ",", with: "..")
        }
        for separator in ["..", "–", "—", " to ", " - "] {
            let parts = t.components(separatedBy: separator)
            if parts.count == 2, let a = Double(parts[0].trimmedSpaces()),
                let b = Double(parts[1].trimmedSpaces()), a <= b
            {
                return a...b
            }
        }
        // `10-20` without spaces (but not a negative number alone).
        if let dash = t.dropFirst().firstIndex(of: "-"), let a = Double(t[..<dash]),
            let b = Double(t[t.index(after: dash)...]), a <= b
        {
            return a...b
        }
        return nil
    }
}
