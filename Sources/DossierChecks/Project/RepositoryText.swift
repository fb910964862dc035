import DossierFormats
import Foundation

/// Explanations read out of files for the Repository page: a README's first paragraph, a
/// Python module's docstring, a notebook's first heading. Each is one line of plain text.
package enum RepositoryText {
    /// Longest explanation kept, in characters.
    package static let maximumCharacters = 240

    /// The first paragraph that is not a heading, a badge line, front matter or an HTML comment.
    package static func firstParagraph(_ markdown: String) -> String? {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        {
            lines = Array(lines[(end + 1)...])
        }
        var paragraph: [String] = []
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !paragraph.isEmpty { break }
                continue
            }
            if paragraph.isEmpty
                && (trimmed.hasPrefix("#") || trimmed.hasPrefix("<!--") || trimmed.hasPrefix("![")
                    || trimmed.hasPrefix("[![") || trimmed.hasPrefix(">") || trimmed.hasPrefix("|"))
            {
                continue
            }
            paragraph.append(trimmed)
        }
        return clean(paragraph.joined(separator: " "))
    }

    /// The first paragraph of a module docstring (`"""…"""` or `'''…'''` as the first statement).
    package static func docstring(_ source: String) -> String? {
        var body = Substring(source)
        // Skip a shebang, an encoding line, comments and blank lines.
        while let line = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first,
            line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#")
        {
            guard let newline = body.firstIndex(of: "\n") else { return nil }
            body = body[body.index(after: newline)...]
        }
        var text = body.drop { $0 == " " || $0 == "\t" }
        for prefix in ["r", "R", "u", "U"] where text.hasPrefix(prefix + "\"\"\"") || text.hasPrefix(prefix + "'''") {
            text = text.dropFirst()
        }
        guard let quote = ["\"\"\"", "'''"].first(where: { text.hasPrefix($0) }) else { return nil }
        let inner = text.dropFirst(3)
        guard let end = inner.range(of: quote) else { return nil }
        return firstParagraph(String(inner[..<end.lowerBound]))
    }

    /// The text of the first Markdown heading of a notebook's first Markdown cells.
    package static func notebookHeading(_ data: Data) -> String? {
        // Through the project's one JSON grammar (bounded depth), as the notebook pages read it.
        guard let root = try? JSONParser.parse(Array(data)), case let .object(members) = root.value,
            case let .array(cells)? = members.first(where: { $0.key == "cells" })?.node.value
        else { return nil }
        for cell in cells {
            guard case let .object(fields) = cell.value,
                case .string("markdown")? = fields.first(where: { $0.key == "cell_type" })?.node.value
            else { continue }
            let source: String
            switch fields.first(where: { $0.key == "source" })?.node.value {
            case let .array(lines)?:
                source = lines.map { line -> String in
                    if case let .string(text) = line.value { return text }
                    return ""
                }.joined()
            case let .string(text)?:
                source = text
            default:
                continue
            }
            for line in source.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("#") {
                    return clean(String(trimmed.drop { $0 == "#" }))
                }
            }
        }
        return nil
    }

    /// One line, Markdown emphasis and code marks kept as written, cut at `maximumCharacters`.
    private static func clean(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !line.isEmpty else { return nil }
        return line.count > maximumCharacters ? String(line.prefix(maximumCharacters - 1)) + "…" : line
    }
}
