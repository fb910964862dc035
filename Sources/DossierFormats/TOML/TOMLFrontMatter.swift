import DossierCore
import TOMLKit

/// TOML front matter between `+++` lines, as Hugo writes it, read into the same `YAMLValue` the
/// YAML front matter gives, so every check treats both alike. TOMLKit gives no positions; a
/// top-level key's line is found in the text (the first `key =` line), other values take their
/// key's line.
package enum TOMLFrontMatter {
    /// `toml`: the text between the `+++` lines (its first line is line 2 of the file).
    package static func parse(_ toml: String, path: String) -> Result<YAMLValue, Finding> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            return .failure(
                Finding(
                    .error, "front-matter.yaml", "malformed TOML front matter: \(error.description)",
                    at: SourceLocation(
                        path: path, line: error.source.begin.line + 1,
                        column: error.source.begin.column)))
        } catch {
            return .failure(
                Finding(
                    .error, "front-matter.yaml", "malformed TOML front matter: \(error)",
                    at: SourceLocation(path: path, line: 2)))
        }
        var lines: [String: Int] = [:]
        for (number, line) in toml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let key = line.prefix { $0 != "=" }.trimmingSpaces().trimmingCharacters(in: "\"'")
            if line.contains("="), !key.isEmpty, lines[key] == nil { lines[key] = number + 2 }
        }
        // Keys in the order the text gives them (toml++ iterates sorted), so findings read in order.
        let entries = table.map { key, value in
            let line = lines[key] ?? 2
            return YAMLValue.Entry(key: key, value: convert(value, line: line), line: line, column: 1)
        }.sorted { ($0.line, $0.key) < ($1.line, $1.key) }
        return .success(YAMLValue(.map(entries), line: 2))
    }

    private static func convert(_ value: any TOMLValueConvertible, line: Int) -> YAMLValue {
        switch value.type {
        case .table:
            let entries = (value.table.map { Array($0) } ?? []).map { key, value in
                YAMLValue.Entry(key: key, value: convert(value, line: line), line: line, column: 1)
            }
            return YAMLValue(.map(entries), line: line)
        case .array:
            return YAMLValue(.list(value.array.map { $0.map { convert($0, line: line) } } ?? []), line: line)
        case .string:
            let text = value.string ?? ""
            return YAMLValue(.string(text), text: text, line: line)
        case .int:
            let number = value.int ?? 0
            return YAMLValue(.int(number), text: String(number), line: line)
        case .double:
            let number = value.double ?? 0
            return YAMLValue(.float(number), text: "\(number)", line: line)
        case .bool:
            let flag = value.bool ?? false
            return YAMLValue(.bool(flag), text: flag ? "true" : "false", line: line)
        case .date, .time, .dateTime:
            let text = value.debugDescription
            return YAMLValue(.string(text), text: text, line: line)
        }
    }
}

private extension Substring {
    func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" || text.last == "\r" { text = text.dropLast() }
        return text
    }

    func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
