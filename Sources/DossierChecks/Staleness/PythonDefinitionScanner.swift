import DossierCore

/// Finds Python definitions by indentation: `def`, `async def`, `class` (with the decorators above
/// them, down to the dedent), top-level and class-level assignments (`NAME = …`, `NAME: T = …`,
/// continued while brackets, strings or a backslash keep the statement open) and `type NAME = …`.
package struct PythonDefinitionScanner {
    private struct LogicalLine {
        package enum Kind { case blank, comment, code }
        package var first: Int
        package var last: Int
        package var indent: Int
        package var kind: Kind
        package var name: String?
        package var isBlock = false
        package var isDecorator = false
    }

    private let logical: [LogicalLine]

    package init(bytes: [UInt8], lines: SourceLineTable) {
        let starts = Self.logicalStarts(bytes, lineCount: lines.count)
        var logical: [LogicalLine] = []
        logical.reserveCapacity(lines.count)
        for line in 0..<lines.count {
            if starts[line] || logical.isEmpty {
                logical.append(Self.classify(bytes, from: lines.starts[line], to: lines.end(of: line), line: line))
            } else {
                logical[logical.count - 1].last = line
            }
        }
        self.logical = logical
    }

    /// The physical lines (0-based) of the definition of `components`.
    package func find(_ components: [String]) -> (first: Int, last: Int)? {
        var range = 0..<logical.count
        var parentIndent = -1
        var found: Int?
        for component in components {
            guard let index = child(named: component, in: range, parentIndent: parentIndent) else { return nil }
            found = index
            let end = blockEnd(index)
            range = (index + 1)..<(end + 1)
            parentIndent = logical[index].indent
        }
        guard let found else { return nil }
        return (logical[decoratorStart(found)].first, logical[blockEnd(found)].last)
    }

    /// The first definition named `name` directly in `range`: inside `if`/`try`/`with` blocks,
    /// not inside a nested `def` or `class`.
    private func child(named name: String, in range: Range<Int>, parentIndent: Int) -> Int? {
        var j = range.lowerBound
        while j < range.upperBound {
            let line = logical[j]
            guard line.kind == .code else { j += 1; continue }
            if line.indent <= parentIndent { return nil }
            if line.name == name { return j }
            j = line.isBlock ? blockEnd(j) + 1 : j + 1
        }
        return nil
    }

    /// The last logical line of the definition at `index`: for a block, the last code line indented
    /// deeper than its header (trailing blank and comment lines are not part of it).
    private func blockEnd(_ index: Int) -> Int {
        let header = logical[index]
        guard header.isBlock else { return index }
        var last = index
        var j = index + 1
        while j < logical.count {
            let line = logical[j]
            if line.kind == .code {
                if line.indent <= header.indent { break }
                last = j
            }
            j += 1
        }
        return last
    }

    private func decoratorStart(_ index: Int) -> Int {
        let indent = logical[index].indent
        var start = index
        var j = index - 1
        while j >= 0 {
            let line = logical[j]
            if line.kind == .code {
                guard line.isDecorator, line.indent == indent else { break }
                start = j
            }
            j -= 1
        }
        return start
    }

    // MARK: - Lexing

    /// For each physical line: does a new logical line start there (not inside a string or
    /// brackets, not after a backslash continuation)?
    private static func logicalStarts(_ bytes: [UInt8], lineCount: Int) -> [Bool] {
        var starts = [Bool]()
        starts.reserveCapacity(lineCount + 1)
        starts.append(true)
        var quote: UInt8 = 0
        var triple = false
        var depth = 0
        var backslash = false
        var inComment = false
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") {
                if quote != 0, !triple { quote = 0 }  // an unterminated string ends with its line
                starts.append(quote == 0 && depth == 0 && !backslash)
                backslash = false
                inComment = false
                i += 1
                continue
            }
            if inComment { i += 1; continue }
            if quote != 0 {
                if c == UInt8(ascii: "\\") {
                    // An escaped newline continues a single-quoted string on the next line.
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") {
                        starts.append(false)
                        i += 2
                        continue
                    }
                    i += 2
                    continue
                }
                if c == quote {
                    if !triple { quote = 0; i += 1; continue }
                    if i + 2 < n, bytes[i + 1] == quote, bytes[i + 2] == quote {
                        quote = 0
                        i += 3
                        continue
                    }
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "#"):
                inComment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = c
                if i + 2 < n, bytes[i + 1] == c, bytes[i + 2] == c {
                    triple = true
                    i += 3
                    continue
                }
                triple = false
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "\\"):
                var j = i + 1
                if j < n, bytes[j] == UInt8(ascii: "\r") { j += 1 }
                if j < n, bytes[j] == UInt8(ascii: "\n") { backslash = true }
            default:
                break
            }
            i += 1
        }
        return starts
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    private static func classify(_ bytes: [UInt8], from start: Int, to end: Int, line: Int) -> LogicalLine {
        var i = start
        var indent = 0
        while i < end {
            if bytes[i] == UInt8(ascii: " ") {
                indent += 1
            } else if bytes[i] == UInt8(ascii: "\t") {
                indent = (indent / 8 + 1) * 8
            } else if bytes[i] == 0x0C {
                indent = 0
            } else {
                break
            }
            i += 1
        }
        var result = LogicalLine(first: line, last: line, indent: indent, kind: .code)
        if i >= end || bytes[i] == UInt8(ascii: "\r") {
            result.kind = .blank
            return result
        }
        if bytes[i] == UInt8(ascii: "#") {
            result.kind = .comment
            return result
        }
        if bytes[i] == UInt8(ascii: "@") {
            result.isDecorator = true
            return result
        }
        guard var word = identifier(bytes, &i, end) else { return result }
        if word == "async" {
            skipSpaces(bytes, &i, end)
            guard let next = identifier(bytes, &i, end), next == "def" else { return result }
            word = next
        }
        switch word {
        case "def", "class":
            skipSpaces(bytes, &i, end)
            result.name = identifier(bytes, &i, end)
            result.isBlock = result.name != nil
        case "type":
            skipSpaces(bytes, &i, end)
            guard let name = identifier(bytes, &i, end) else { break }
            skipSpaces(bytes, &i, end)
            if i < end, bytes[i] == UInt8(ascii: "=") || bytes[i] == UInt8(ascii: "[") { result.name = name }
        default:
            guard !keywords.contains(word) else { break }
            skipSpaces(bytes, &i, end)
            guard i < end else { break }
            if bytes[i] == UInt8(ascii: "=") {
                if i + 1 >= end || bytes[i + 1] != UInt8(ascii: "=") { result.name = word }
            } else if bytes[i] == UInt8(ascii: ":") {
                if i + 1 >= end || bytes[i + 1] != UInt8(ascii: "=") { result.name = word }
            }
        }
        return result
    }

    private static func skipSpaces(_ bytes: [UInt8], _ i: inout Int, _ end: Int) {
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
    }

    private static func identifier(_ bytes: [UInt8], _ i: inout Int, _ end: Int) -> String? {
        let start = i
        while i < end, CodeReferenceParser.isIdentifierByte(bytes[i]), bytes[i] != UInt8(ascii: "$") { i += 1 }
        guard i > start, !(bytes[start] >= UInt8(ascii: "0") && bytes[start] <= UInt8(ascii: "9")) else {
            i = start
            return nil
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
}
