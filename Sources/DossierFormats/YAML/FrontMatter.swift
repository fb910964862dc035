import DossierCore
import Yams

/// Splits YAML front matter from a Markdown document and parses it with Yams.
package enum FrontMatter {
    package struct TooLarge: Error {}

    /// Values converted at most: the same budget `SafeYAML` applies to alias expansion.
    package static let maxNodes = SafeYAML.maxNodes

    package struct Split: Sendable {
        /// The YAML between the `---` lines, or nil when the document has none.
        package var yaml: String?
        /// The TOML between `+++` lines (as Hugo writes front matter), or nil.
        package var toml: String? = nil
        /// Line of the opening `---` (1) when there is front matter.
        package var yamlStartLine: Int
        /// The Markdown after the closing `---`.
        package var body: String
        /// How many lines precede the body in the file.
        package var bodyLineOffset: Int
    }

    /// Splits `---\n…\n---` at the very top. An opening line with no closing one is no front matter.
    /// `+++\n…\n+++` (TOML, as Hugo writes it) is split the same way into `toml`.
    package static func split(_ text: String) -> Split {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        let isTOML = utf8.starts(with: Array("+++".utf8))
        let fence = isTOML ? "+++" : "---"
        guard utf8.starts(with: Array(fence.utf8)) else {
            return Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
        }
        // The opening line must be exactly `---` (trailing spaces allowed).
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        while index < utf8.endIndex, utf8[index] == 0x20 || utf8[index] == 0x09 { index = utf8.index(after: index) }
        if index < utf8.endIndex, utf8[index] == 0x0D { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == 0x0A else {
            return Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
        }
        let yamlStart = utf8.index(after: index)
        var lineStart = yamlStart
        var lines = 1
        while lineStart < utf8.endIndex {
            var lineEnd = lineStart
            while lineEnd < utf8.endIndex, utf8[lineEnd] != 0x0A { lineEnd = utf8.index(after: lineEnd) }
            var content = Substring(utf8[lineStart..<lineEnd])
            if content.hasSuffix("\r") { content = content.dropLast() }
            let trimmed = content.trimmingTrailingSpaces()
            if trimmed == fence || (!isTOML && trimmed == "...") {
                let yaml = String(Substring(utf8[yamlStart..<lineStart]))
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                let body = String(Substring(utf8[bodyStart...]))
                if isTOML {
                    return Split(yaml: nil, toml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: lines + 1)
                }
                return Split(yaml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: lines + 1)
            }
            lines += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
    }

    /// Parses front-matter YAML into a value whose lines are lines of the whole file.
    /// It goes through `SafeYAML`: aliases that would expand past its budget are
    /// `front-matter.aliases` at the alias, too many values `front-matter.too-large`, and invalid
    /// YAML `front-matter.yaml` at the line and column libyaml reports, with its message.
    package static func parse(_ yaml: String, path: String) -> Result<YAMLValue, Finding> {
        // Most front matter is plain `key: value` lines: read them without Yams (same value, a
        // tenth of the cost); anything else, errors included, goes through Yams.
        if let value = SimpleFrontMatter.parse(yaml, lineOffset: 1) { return .success(value) }
        return parseWithYams(yaml, path: path)
    }

    /// `parse` through Yams alone: what `SimpleFrontMatter` must agree with.
    package static func parseWithYams(_ yaml: String, path: String) -> Result<YAMLValue, Finding> {
        do {
            guard let node = try SafeYAML.compose(yaml, resolver: .basic) else {
                return .success(YAMLValue(.map([]), line: 2))
            }
            var budget = maxNodes
            return .success(try YAMLValue.from(node, lineOffset: 1, budget: &budget))
        } catch let failure as SafeYAML.Failure {
            // +1: the YAML starts on the line after the opening `---`.
            let location = SourceLocation(path: path, line: failure.line + 1, column: failure.column)
            switch failure.reason {
            case .aliasExpansion:
                return .failure(
                    Finding(
                        .error, "front-matter.aliases",
                        "front matter refused: \(failure.message) (alias expansion can grow exponentially)",
                        at: location))
            case .tooLarge:
                return .failure(tooLarge(path: path))
            case .syntax:
                return .failure(
                    Finding(
                        .error, "front-matter.yaml", "malformed YAML front matter: \(failure.message)",
                        at: location))
            }
        } catch {
            return .failure(tooLarge(path: path))
        }
    }

    private static func tooLarge(path: String) -> Finding {
        Finding(
            .error, "front-matter.too-large", "front matter expands to more than \(maxNodes) values; simplify it",
            at: SourceLocation(path: path, line: 2))
    }
}

extension Substring {
    package func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
