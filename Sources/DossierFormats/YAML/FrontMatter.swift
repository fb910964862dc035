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
        var copy = text
        guard let fences = copy.withUTF8({ findFences($0) }) else {
            return Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
        }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        let yaml = String(Substring(utf8[index(fences.yamlStart)..<index(fences.yamlEnd)]))
        let body = String(Substring(utf8[index(fences.bodyStart)...]))
        if fences.isTOML {
            return Split(yaml: nil, toml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: fences.lines + 1)
        }
        return Split(yaml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: fences.lines + 1)
    }

    /// Byte offsets of the front matter and the body, and the front matter's line count; nil when
    /// the text has none. Over the contiguous bytes: the Substring and Character operations this
    /// replaced cost ~30,000 instructions a document. A line closes the front matter when, without
    /// one trailing CR and then trailing spaces and tabs, it is the fence (or `...` for YAML).
    private static func findFences(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (yamlStart: Int, yamlEnd: Int, bodyStart: Int, lines: Int, isTOML: Bool)? {
        let count = bytes.count
        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        func isRun(of byte: UInt8, at start: Int) -> Bool {
            start + 3 <= count && bytes[start] == byte && bytes[start + 1] == byte && bytes[start + 2] == byte
        }
        let isTOML = isRun(of: 0x2B, at: index)
        let fence: UInt8 = isTOML ? 0x2B : 0x2D
        // The opening line must be exactly `---` (trailing spaces allowed).
        guard isRun(of: fence, at: index) else { return nil }
        index += 3
        while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index < count, bytes[index] == 0x0D { index += 1 }
        guard index < count, bytes[index] == 0x0A else { return nil }
        let yamlStart = index + 1
        var lineStart = yamlStart
        var lines = 1
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            while end > lineStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            if end - lineStart == 3, isRun(of: fence, at: lineStart) || (!isTOML && isRun(of: 0x2E, at: lineStart)) {
                return (yamlStart, lineStart, lineEnd < count ? lineEnd + 1 : lineEnd, lines, isTOML)
            }
            lines += 1
            lineStart = lineEnd < count ? lineEnd + 1 : lineEnd
        }
        return nil
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
