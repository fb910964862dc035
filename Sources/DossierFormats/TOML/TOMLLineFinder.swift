import DossierCore
import Foundation

/// Finds the line of a key or a string in TOML text, for pins TOMLKit cannot place.
package struct TOMLLineFinder {
    private let lines: [Substring]
    /// The table header in force on each line, spaces and quotes removed: `tool.poetry.dependencies`.
    private let sections: [String]
    /// The index of the next line to search from for a repeated string, so duplicates map in order.
    private var cursors: [String: Int] = [:]

    package init(text: String) {
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var current = ""
        var sections: [String] = []
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), let close = trimmed.lastIndex(of: "]") {
                current = String(trimmed[..<close].drop { $0 == "[" })
                    .filter { $0 != " " && $0 != "\"" && $0 != "'" }
            }
            sections.append(current)
        }
        self.sections = sections
    }

    /// 1-based line of the next occurrence of a quoted string literal with this content, as a
    /// basic string (escapes written back: `"tomli; python_version < \"3.11\""`) or a literal one.
    package mutating func line(ofString content: String) -> Int? {
        let escaped = content.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let needles = ["\"\(content)\"", "'\(content)'", "\"\(escaped)\""]
        let start = cursors[content] ?? 0
        for index in start..<lines.count where needles.contains(where: { lines[index].contains($0) }) {
            cursors[content] = index + 1
            return index + 1
        }
        return nil
    }

    /// 1-based line of `key = …` inside the table `section` (or the header line of the table).
    package func line(ofKey key: String, inSection section: String) -> Int? {
        var header: Int?
        for index in lines.indices where sections[index] == section {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                header = header ?? index + 1
                continue
            }
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(candidate) {
                let rest = trimmed.dropFirst(candidate.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return header
    }

    /// 1-based lines of each `[[header]]` entry, in order, moved to its `name = …` line when present.
    package func arrayTableLines(header: String, nameKey: String = "name") -> [Int] {
        var result: [Int] = []
        var pendingHeader: Int?
        for index in lines.indices {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                if let pendingHeader { result.append(pendingHeader) }
                pendingHeader = nil
                if trimmed.filter({ $0 != " " }) == "[[\(header)]]" { pendingHeader = index + 1 }
            } else if pendingHeader != nil, trimmed.hasPrefix(nameKey),
                trimmed.dropFirst(nameKey.count).drop(while: { $0 == " " }).hasPrefix("=")
            {
                result.append(index + 1)
                pendingHeader = nil
            }
        }
        if let pendingHeader { result.append(pendingHeader) }
        return result
    }
}
