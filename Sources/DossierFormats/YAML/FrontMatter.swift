import DossierCore
import Yams

/// Splits YAML front matter from a Markdown document and parses it with Yams.
package enum FrontMatter {
    package struct TooLarge: Error {}

    /// Front matter may use a few YAML aliases; more is refused before Yams sees it, because
    /// alias expansion grows exponentially ("billion laughs") and front matter comes from anyone
    /// who can open a pull request.
    package static let maxAliases = 16
    /// Values converted at most; a bomb that slips past the alias count stops here.
    package static let maxNodes = 20_000

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
    /// Errors are findings at the line and column Yams reports, with Yams' own message.
    package static func parse(_ yaml: String, path: String) -> Result<YAMLValue, Finding> {
        let aliases = aliasCount(yaml)
        if aliases > maxAliases {
            return .failure(Finding(.error, "front-matter.aliases",
                                    "front matter uses \(aliases) YAML aliases; at most \(maxAliases) are allowed (alias expansion can grow exponentially)",
                                    at: SourceLocation(path: path, line: 2)))
        }
        do {
            guard let node = try Yams.compose(yaml: yaml, Resolver.basic) else {
                return .success(YAMLValue(.map([]), line: 2))
            }
            var budget = maxNodes
            return .success(try YAMLValue.from(node, lineOffset: 1, budget: &budget))
        } catch let error as YamlError {
            return .failure(finding(for: error, path: path))
        } catch is TooLarge {
            return .failure(Finding(.error, "front-matter.too-large",
                                    "front matter expands to more than \(maxNodes) values; simplify it",
                                    at: SourceLocation(path: path, line: 2)))
        } catch {
            return .failure(Finding(.error, "front-matter.yaml", "front matter is not valid YAML: \(error)",
                                    at: SourceLocation(path: path, line: 2)))
        }
    }

    private static func finding(for error: YamlError, path: String) -> Finding {
        var line = 1
        var column = 1
        var message = "\(error)"
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            line = mark.line
            column = mark.column
            message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        case let .reader(problem, _, _, _):
            message = problem
        case let .duplicatedKeysInMapping(duplicates, context):
            line = context.mark.line
            column = context.mark.column
            message = "duplicated keys in mapping: \(duplicates.joined(separator: ", "))"
        default:
            break
        }
        // +1: the YAML starts on the line after the opening `---`.
        return Finding(.error, "front-matter.yaml", "malformed YAML front matter: \(message)",
                       at: SourceLocation(path: path, line: line + 1, column: column))
    }

    /// Counts `*alias` tokens outside quotes and comments.
    package static func aliasCount(_ yaml: String) -> Int {
        var count = 0
        var quote: UInt8 = 0
        var previous: UInt8 = 0x0A
        var inComment = false
        for byte in yaml.utf8 {
            if byte == 0x0A {
                inComment = false
                quote = 0
                previous = byte
                continue
            }
            if inComment { continue }
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == 0x22 || byte == 0x27 {
                if previous == 0x20 || previous == 0x0A || previous == 0x3A || previous == 0x5B || previous == 0x2C || previous == 0x7B || previous == 0x2D {
                    quote = byte
                }
            } else if byte == 0x23, previous == 0x20 || previous == 0x0A || previous == 0x09 {
                inComment = true
            } else if byte == 0x2A, previous == 0x20 || previous == 0x0A || previous == 0x5B || previous == 0x2C || previous == 0x7B || previous == 0x09 {
                count += 1
            }
            previous = byte
        }
        return count
    }
}

extension Substring {
    package func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
