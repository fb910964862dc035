import DossierCore

// One tokenizer per language. Each walks the source once, left to right, and hands the ranges
// it styles to a `TokenWriter`; every loop step consumes at least one byte, and look-aheads stop
// at the end of the current line or token, so the work stays linear in the input.

extension SyntaxHighlighter {
    // MARK: - Python

    package struct PythonTokenizer {
        private static let keywords: Set<String> = [
            "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield",
        ]
        private static let literals: Set<String> = ["True", "False", "None"]
        private static let softKeywords: Set<String> = ["match", "case"]
        private static let builtins: Set<String> = [
            "print", "len", "range", "enumerate", "zip", "map", "filter", "sorted", "reversed",
            "open", "isinstance", "super", "int", "float", "str", "bool", "list", "dict", "set",
            "tuple", "sum", "min", "max", "abs", "round", "any", "all", "getattr", "setattr",
            "hasattr", "repr", "iter", "next",
        ]

        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0
        private var atLineStart = true
        private var expectsName = false

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
        }

        package mutating func run() -> String {
            while pos < bytes.count {
                let byte = bytes[pos]
                let startsLine = atLineStart
                atLineStart = false
                if !Bytes.isBlankOrNewline(byte) && !Bytes.isIdentifierStart(byte) {
                    expectsName = false
                }
                switch byte {
                case UInt8(ascii: "\n"):
                    pos += 1
                    atLineStart = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                    pos += 1
                    atLineStart = startsLine
                case UInt8(ascii: "#"):
                    let end = Bytes.lineEnd(bytes, from: pos)
                    out.emit(pos..<end, as: .comment)
                    pos = end
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    string(from: pos, quoteAt: pos)
                case UInt8(ascii: "@") where startsLine:
                    decorator()
                case UInt8(ascii: "."):
                    if pos + 1 < bytes.count && Bytes.isDigit(bytes[pos + 1]) { number() } else { pos += 1 }
                case _ where Bytes.isDigit(byte):
                    number()
                case _ where Bytes.isIdentifierStart(byte):
                    identifier(startsLine: startsLine)
                default:
                    pos += 1
                }
            }
            return out.finish()
        }

        private mutating func identifier(startsLine: Bool) {
            let start = pos
            var end = pos + 1
            while end < bytes.count && Bytes.isIdentifierByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") || bytes[end] == UInt8(ascii: "'"),
                isStringPrefix(start..<end)
            {
                expectsName = false
                string(from: start, quoteAt: end)
                return
            }
            pos = end
            if expectsName {
                expectsName = false
                out.emit(start..<end, as: .function)
                return
            }
            guard let word = Bytes.word(bytes, start..<end, maxLength: 12) else { return }
            // Keywords cannot be attribute names, but builtins and soft keywords can (`re.match`).
            let isAttribute = start > 0 && bytes[start - 1] == UInt8(ascii: ".")
            if Self.literals.contains(word) {
                out.emit(start..<end, as: .literal)
            } else if Self.keywords.contains(word) {
                out.emit(start..<end, as: .keyword)
                expectsName = word == "def" || word == "class"
            } else if isAttribute {
                return
            } else if Self.softKeywords.contains(word) {
                if startsLine && startsSoftKeywordStatement(after: end) {
                    out.emit(start..<end, as: .keyword)
                }
            } else if Self.builtins.contains(word) {
                out.emit(start..<end, as: .builtin)
            }
        }

        /// Whether `match`/`case` at the start of a line begins a statement rather than naming a
        /// variable (`match = …`, `match.group(1)`).
        private func startsSoftKeywordStatement(after end: Int) -> Bool {
            guard end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") else {
                return false
            }
            var next = end
            while next < bytes.count && Bytes.isBlank(bytes[next]) { next += 1 }
            guard next < bytes.count else { return false }
            if "=.,:)]}#\n".utf8.contains(bytes[next]) { return false }
            return !(next + 1 < bytes.count && bytes[next + 1] == UInt8(ascii: "="))
        }

        private func isStringPrefix(_ range: Range<Int>) -> Bool {
            range.count <= 2 && bytes[range].allSatisfy { "rRbBuUfFtT".utf8.contains($0) }
        }

        private mutating func string(from start: Int, quoteAt quoteIndex: Int) {
            let quote = bytes[quoteIndex]
            let n = bytes.count
            var end: Int
            if quoteIndex + 2 < n && bytes[quoteIndex + 1] == quote && bytes[quoteIndex + 2] == quote {
                end = quoteIndex + 3
                while end < n {
                    if bytes[end] == UInt8(ascii: "\\") {
                        end += 2
                    } else if bytes[end] == quote && end + 2 < n && bytes[end + 1] == quote && bytes[end + 2] == quote {
                        end += 3
                        break
                    } else {
                        end += 1
                    }
                }
            } else {
                end = quoteIndex + 1
                while end < n {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "\\") {
                        end += 2
                        continue
                    }
                    // An unterminated string ends with its line, as Python's tokenizer reports it.
                    if byte == UInt8(ascii: "\n") { break }
                    end += 1
                    if byte == quote { break }
                }
            }
            end = min(end, n)
            out.emit(start..<end, as: .string)
            pos = end
        }

        private mutating func decorator() {
            var end = pos + 1
            guard end < bytes.count, Bytes.isIdentifierStart(bytes[end]) else {
                pos += 1
                return
            }
            while end < bytes.count {
                if Bytes.isIdentifierByte(bytes[end]) {
                    end += 1
                } else if bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count,
                    Bytes.isIdentifierStart(bytes[end + 1])
                {
                    end += 1
                } else {
                    break
                }
            }
            out.emit(pos..<end, as: .decorator)
            pos = end
        }

        private mutating func number() {
            let end = Bytes.numberEnd(bytes, from: pos)
            out.emit(pos..<end, as: .number)
            pos = end
        }
    }

    // MARK: - YAML

    package struct YAMLTokenizer {
        private static let literals: Set<String> = [
            "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~",
        ]

        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0
        private var lineStart = 0
        private var lineIndent = 0
        private var flowDepth = 0
        /// Block context allows one key per line (`a: b: c` is not a nested mapping).
        private var lineHasKey = false
        /// The indentation of the line that opened a `|` or `>` block scalar: deeper lines are its text.
        private var blockScalarParentIndent: Int?

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
        }

        package mutating func run() -> String {
            while pos < bytes.count { scanLine() }
            return out.finish()
        }

        private mutating func scanLine() {
            lineStart = pos
            lineHasKey = false
            var contentStart = pos
            while contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: " ") { contentStart += 1 }
            lineIndent = contentStart - lineStart
            if let parentIndent = blockScalarParentIndent {
                let end = Bytes.lineEnd(bytes, from: contentStart)
                let isBlank = bytes[contentStart..<end].allSatisfy(Bytes.isBlank)
                if isBlank || lineIndent > parentIndent {
                    out.emit(contentStart..<end, as: .string)
                    pos = min(end + 1, bytes.count)
                    return
                }
                blockScalarParentIndent = nil
            }
            pos = contentStart
            // A flow collection cannot continue at column 0, so an unclosed `[` ends here instead
            // of turning the rest of the document into flow content.
            if lineIndent == 0, pos < bytes.count, !"]},\n\r".utf8.contains(bytes[pos]) {
                flowDepth = 0
            }
            if flowDepth == 0 {
                if lineIndent == 0 && isDocumentMarker(at: pos) {
                    out.emit(pos..<pos + 3, as: .keyword)
                    pos += 3
                } else if lineIndent == 0 && pos < bytes.count && bytes[pos] == UInt8(ascii: "%") {
                    let end = Bytes.lineEnd(bytes, from: pos)
                    out.emit(pos..<end, as: .keyword)
                    pos = end
                }
                blockIndicators()
            }
            scanValues()
        }

        private func isDocumentMarker(at index: Int) -> Bool {
            guard index + 3 <= bytes.count else { return false }
            let first = bytes[index]
            guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
            return bytes[index + 1] == first && bytes[index + 2] == first && isSeparated(index + 3)
        }

        /// Whether `index` is past the end or at white space: what must follow an indicator.
        private func isSeparated(_ index: Int) -> Bool {
            index >= bytes.count || Bytes.isBlankOrNewline(bytes[index])
        }

        private func isFlowIndicator(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
        }

        /// List dashes and the `?`/`:` of complex keys, as in `- - item` or `? key`.
        private mutating func blockIndicators() {
            while pos < bytes.count,
                bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "?") || bytes[pos] == UInt8(ascii: ":"),
                isSeparated(pos + 1)
            {
                out.emit(pos..<pos + 1, as: .op)
                pos += 1
                while pos < bytes.count && Bytes.isBlank(bytes[pos]) { pos += 1 }
            }
        }

        private mutating func scanValues() {
            while pos < bytes.count {
                let byte = bytes[pos]
                switch byte {
                case UInt8(ascii: "\n"):
                    pos += 1
                    return
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    pos += 1
                case UInt8(ascii: "#") where pos == lineStart || Bytes.isBlankOrNewline(bytes[pos - 1]):
                    let end = Bytes.lineEnd(bytes, from: pos)
                    out.emit(pos..<end, as: .comment)
                    pos = end
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quoted()
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    property(as: .variable)
                case UInt8(ascii: "!"):
                    property(as: .decorator)
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    if flowDepth == 0 { blockScalarHeader() } else { plainScalar() }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    pos += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                    pos += 1
                case UInt8(ascii: ",") where flowDepth > 0:
                    pos += 1
                default:
                    plainScalar()
                }
            }
        }

        /// An anchor (`&name`), alias (`*name`) or tag (`!!str`).
        private mutating func property(as kind: TokenKind) {
            var end = pos + 1
            while end < bytes.count && !Bytes.isBlankOrNewline(bytes[end]) && !isFlowIndicator(bytes[end]) { end += 1 }
            guard end > pos + 1 else {
                plainScalar()
                return
            }
            out.emit(pos..<end, as: kind)
            pos = end
        }

        private mutating func blockScalarHeader() {
            var end = pos + 1
            while end < bytes.count,
                bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") || Bytes.isDigit(bytes[end])
            {
                end += 1
            }
            guard isSeparated(end) else {
                plainScalar()
                return
            }
            out.emit(pos..<end, as: .op)
            blockScalarParentIndent = lineIndent
            pos = end
        }

        private mutating func quoted() {
            let quote = bytes[pos]
            var end = pos + 1
            while end < bytes.count {
                let byte = bytes[end]
                if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                    end += 2
                    continue
                }
                end += 1
                if byte == quote {
                    // `''` is an escaped quote inside a single-quoted scalar.
                    if quote == UInt8(ascii: "'") && end < bytes.count && bytes[end] == quote {
                        end += 1
                        continue
                    }
                    break
                }
            }
            end = min(end, bytes.count)
            var colon = end
            while colon < bytes.count && (bytes[colon] == UInt8(ascii: " ") || bytes[colon] == UInt8(ascii: "\t")) {
                colon += 1
            }
            let isKey =
                colon < bytes.count && bytes[colon] == UInt8(ascii: ":")
                && (flowDepth > 0 || isSeparated(colon + 1) && !lineHasKey)
            lineHasKey = lineHasKey || isKey
            out.emit(pos..<end, as: isKey ? .key : .string)
            pos = end
        }

        private mutating func plainScalar() {
            let start = pos
            var scan = pos
            var end = pos
            var isKey = false
            while scan < bytes.count {
                let byte = bytes[scan]
                if byte == UInt8(ascii: "\n") { break }
                if byte == UInt8(ascii: ":")
                    && (isSeparated(scan + 1) || flowDepth > 0 && isFlowIndicator(bytes[scan + 1]))
                {
                    isKey = true
                    break
                }
                if byte == UInt8(ascii: "#") && scan > start && Bytes.isBlank(bytes[scan - 1]) { break }
                if flowDepth > 0 && isFlowIndicator(byte) { break }
                scan += 1
                if !Bytes.isBlank(byte) { end = scan }
            }
            guard end > start else {
                pos += 1
                return
            }
            pos = end
            if isKey && (flowDepth > 0 || !lineHasKey) {
                lineHasKey = true
                out.emit(start..<end, as: .key)
            } else if let word = Bytes.word(bytes, start..<end, maxLength: 5), Self.literals.contains(word) {
                out.emit(start..<end, as: .literal)
            } else if isNumber(start..<end) {
                out.emit(start..<end, as: .number)
            }
        }

        /// YAML 1.2 core-schema numbers, plus `_` separators as YAML 1.1 allows.
        private func isNumber(_ range: Range<Int>) -> Bool {
            var index = range.lowerBound
            let end = range.upperBound
            if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) { index += 1 }
            guard index < end else { return false }
            if bytes[index] == UInt8(ascii: "."),
                let word = Bytes.word(bytes, index + 1..<end, maxLength: 3, lowercased: true),
                word == "inf" || word == "nan"
            {
                return true
            }
            if bytes[index] == UInt8(ascii: "0") && index + 2 < end {
                let radix = bytes[index + 1]
                if radix == UInt8(ascii: "x") {
                    return bytes[(index + 2)..<end].allSatisfy { byte in
                        Bytes.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
                    }
                }
                if radix == UInt8(ascii: "o") {
                    return bytes[(index + 2)..<end].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
                }
            }
            var digits = 0
            while index < end && (Bytes.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_")) {
                if bytes[index] != UInt8(ascii: "_") { digits += 1 }
                index += 1
            }
            if index < end && bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < end && Bytes.isDigit(bytes[index]) {
                    digits += 1
                    index += 1
                }
            }
            guard digits > 0 else { return false }
            if index < end && bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                    index += 1
                }
                let exponentStart = index
                while index < end && Bytes.isDigit(bytes[index]) { index += 1 }
                guard index > exponentStart else { return false }
            }
            return index == end
        }
    }

    // MARK: - JSON

    package struct JSONTokenizer {
        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
        }

        package mutating func run() -> String {
            while pos < bytes.count {
                let byte = bytes[pos]
                switch byte {
                case UInt8(ascii: "\""):
                    string()
                case UInt8(ascii: "/") where pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "/"):
                    let end = Bytes.lineEnd(bytes, from: pos)
                    out.emit(pos..<end, as: .comment)
                    pos = end
                case UInt8(ascii: "/") where pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "*"):
                    blockComment()
                case UInt8(ascii: "-") where pos + 1 < bytes.count && Bytes.isDigit(bytes[pos + 1]):
                    number()
                case _ where Bytes.isDigit(byte):
                    number()
                case _ where Bytes.isLetter(byte):
                    word()
                default:
                    pos += 1
                }
            }
            return out.finish()
        }

        private mutating func string() {
            var end = pos + 1
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\\") {
                    end += 2
                    continue
                }
                // JSON strings cannot span lines: an unterminated one ends with its line.
                if byte == UInt8(ascii: "\n") { break }
                end += 1
                if byte == UInt8(ascii: "\"") { break }
            }
            end = min(end, bytes.count)
            var colon = end
            while colon < bytes.count && Bytes.isBlankOrNewline(bytes[colon]) { colon += 1 }
            let isKey = colon < bytes.count && bytes[colon] == UInt8(ascii: ":")
            out.emit(pos..<end, as: isKey ? .key : .string)
            pos = end
        }

        private mutating func blockComment() {
            let end = Bytes.blockCommentEnd(bytes, from: pos)
            out.emit(pos..<end, as: .comment)
            pos = end
        }

        private mutating func number() {
            var end = pos + 1
            while end < bytes.count {
                let byte = bytes[end]
                let isPart =
                    Bytes.isDigit(byte) || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
                    || (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))
                        && bytes[end - 1] | 0x20 == UInt8(ascii: "e")
                guard isPart else { break }
                end += 1
            }
            out.emit(pos..<end, as: .number)
            pos = end
        }

        private mutating func word() {
            var end = pos + 1
            while end < bytes.count && bytes[end] < 0x80 && Bytes.isIdentifierByte(bytes[end]) { end += 1 }
            switch Bytes.word(bytes, pos..<end, maxLength: 8) {
            case "true"?, "false"?, "null"?: out.emit(pos..<end, as: .literal)
            case "NaN"?, "Infinity"?: out.emit(pos..<end, as: .number)
            default: break
            }
            pos = end
        }
    }

    // MARK: - SQL

    package struct SQLTokenizer {
        private static let keywords: Set<String> = [
            "add", "all", "alter", "analyze", "and", "any", "as", "asc", "autoincrement", "begin",
            "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit",
            "conflict", "constraint", "create", "cross", "current", "database", "default", "delete",
            "desc", "distinct", "do", "drop", "else", "end", "escape", "except", "exists", "explain",
            "fetch", "filter", "first", "following", "for", "foreign", "from", "full", "function",
            "grant", "group", "having", "if", "ilike", "in", "index", "inner", "insert", "intersect",
            "into", "is", "join", "key", "language", "last", "lateral", "left", "like", "limit",
            "materialized", "natural", "next", "not", "nothing", "nulls", "offset", "on", "only",
            "or", "order", "outer", "over", "partition", "pragma", "preceding", "primary",
            "procedure", "range", "recursive", "references", "replace", "returning", "returns",
            "revoke", "right", "rollback", "row", "rows", "schema", "select", "sequence", "set",
            "some", "table", "temp", "temporary", "then", "transaction", "trigger", "truncate",
            "unbounded", "union", "unique", "update", "using", "vacuum", "values", "view", "when",
            "where", "window", "with", "within",
        ]
        private static let literals: Set<String> = ["true", "false", "null"]
        /// Column types and common functions.
        private static let builtins: Set<String> = [
            "bigint", "bigserial", "blob", "bool", "boolean", "char", "date", "decimal", "double",
            "float", "int", "integer", "interval", "json", "jsonb", "numeric", "precision", "real",
            "serial", "smallint", "text", "time", "timestamp", "timestamptz", "uuid", "varchar",
            "avg", "coalesce", "count", "max", "min", "nullif", "sum", "lower", "upper", "now",
            "row_number", "rank", "dense_rank", "lag", "lead", "round", "length", "substring",
        ]

        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0
        private var expectsName = false

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
        }

        package mutating func run() -> String {
            while pos < bytes.count {
                let byte = bytes[pos]
                let next: UInt8 = pos + 1 < bytes.count ? bytes[pos + 1] : 0
                if !Bytes.isBlankOrNewline(byte) && !Bytes.isIdentifierStart(byte) && byte != UInt8(ascii: "\"") {
                    expectsName = false
                }
                switch byte {
                case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                    let end = Bytes.lineEnd(bytes, from: pos)
                    out.emit(pos..<end, as: .comment)
                    pos = end
                case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                    blockComment()
                case UInt8(ascii: "'"):
                    string(from: pos, quoteAt: pos, backslashEscapes: false)
                case UInt8(ascii: "\""), UInt8(ascii: "`"):
                    quotedIdentifier()
                case UInt8(ascii: "$"):
                    dollar()
                case UInt8(ascii: ":") where next == UInt8(ascii: ":"):
                    pos += 2
                case UInt8(ascii: ":") where Bytes.isLetter(next), UInt8(ascii: "@") where Bytes.isLetter(next):
                    var end = pos + 1
                    while end < bytes.count && bytes[end] < 0x80 && Bytes.isIdentifierByte(bytes[end]) { end += 1 }
                    out.emit(pos..<end, as: .variable)
                    pos = end
                case UInt8(ascii: "."):
                    if Bytes.isDigit(next) { number() } else { pos += 1 }
                case _ where Bytes.isDigit(byte):
                    number()
                case _ where Bytes.isIdentifierStart(byte):
                    identifier()
                default:
                    pos += 1
                }
            }
            return out.finish()
        }

        private mutating func identifier() {
            let start = pos
            var end = pos + 1
            while end < bytes.count && Bytes.isIdentifierByte(bytes[end]) { end += 1 }
            // E'…' (backslash escapes), N'…', B'…' and X'…' are string literals with a prefix.
            if end == start + 1, end < bytes.count, bytes[end] == UInt8(ascii: "'"),
                "eEnNbBxX".utf8.contains(bytes[start])
            {
                string(from: start, quoteAt: end, backslashEscapes: bytes[start] | 0x20 == UInt8(ascii: "e"))
                return
            }
            pos = end
            if expectsName {
                expectsName = false
                out.emit(start..<end, as: .function)
                return
            }
            // A qualified name's parts are names, even when they spell a keyword (`t.date`).
            guard start == 0 || bytes[start - 1] != UInt8(ascii: "."),
                let word = Bytes.word(bytes, start..<end, maxLength: 13, lowercased: true)
            else { return }
            if Self.literals.contains(word) {
                out.emit(start..<end, as: .literal)
            } else if Self.keywords.contains(word) {
                out.emit(start..<end, as: .keyword)
                expectsName = word == "function" || word == "procedure"
            } else if Self.builtins.contains(word) {
                out.emit(start..<end, as: .builtin)
            }
        }

        private mutating func string(from start: Int, quoteAt quoteIndex: Int, backslashEscapes: Bool) {
            var end = quoteIndex + 1
            while end < bytes.count {
                let byte = bytes[end]
                if backslashEscapes && byte == UInt8(ascii: "\\") {
                    end += 2
                    continue
                }
                end += 1
                if byte == UInt8(ascii: "'") {
                    if end < bytes.count && bytes[end] == UInt8(ascii: "'") {
                        end += 1
                        continue
                    }
                    break
                }
            }
            end = min(end, bytes.count)
            out.emit(start..<end, as: .string)
            pos = end
        }

        /// `"name"` or `` `name` ``: skipped whole so that a keyword inside stays plain.
        private mutating func quotedIdentifier() {
            let quote = bytes[pos]
            var end = pos + 1
            while end < bytes.count && bytes[end] != quote && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count && bytes[end] == quote { end += 1 }
            if expectsName {
                expectsName = false
                out.emit(pos..<end, as: .function)
            }
            pos = end
        }

        private mutating func blockComment() {
            let end = Bytes.blockCommentEnd(bytes, from: pos)
            out.emit(pos..<end, as: .comment)
            pos = end
        }

        /// `$1` parameters and PostgreSQL's dollar-quoted strings (`$$…$$`, `$body$…$body$`).
        private mutating func dollar() {
            var tagEnd = pos + 1
            if tagEnd < bytes.count && Bytes.isDigit(bytes[tagEnd]) {
                while tagEnd < bytes.count && Bytes.isDigit(bytes[tagEnd]) { tagEnd += 1 }
                out.emit(pos..<tagEnd, as: .variable)
                pos = tagEnd
                return
            }
            // Tags are capped so that searching for the closing tag stays linear.
            while tagEnd < bytes.count, tagEnd - pos <= 64, bytes[tagEnd] < 0x80, Bytes.isIdentifierByte(bytes[tagEnd])
            {
                tagEnd += 1
            }
            guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else {
                pos += 1
                return
            }
            let tag = bytes[pos...tagEnd]
            var end = tagEnd + 1
            var closed = false
            while end + tag.count <= bytes.count {
                if bytes[end] == UInt8(ascii: "$") && bytes[end..<(end + tag.count)].elementsEqual(tag) {
                    end += tag.count
                    closed = true
                    break
                }
                end += 1
            }
            if !closed { end = bytes.count }
            out.emit(pos..<end, as: .string)
            pos = end
        }

        private mutating func number() {
            let end = Bytes.numberEnd(bytes, from: pos)
            out.emit(pos..<end, as: .number)
            pos = end
        }
    }

    // MARK: - Shell

    package struct ShellTokenizer {
        private static let keywords: Set<String> = [
            "if", "then", "else", "elif", "fi", "for", "do", "done", "case", "esac", "while",
            "until", "function", "select",
        ]
        /// Keywords after which a new command starts (`if grep …`, `then echo …`).
        private static let commandPrefixes: Set<String> = ["if", "then", "else", "elif", "do", "while", "until"]
        /// Builtins whose arguments are assignments (`export NAME=value`).
        private static let declarations: Set<String> = ["export", "local", "declare", "readonly", "typeset"]
        /// Commands after which another command's name follows.
        private static let commandWrappers: Set<String> = ["sudo", "env", "exec", "nohup", "time", "xargs"]
        private static let builtins: Set<String> = [
            "alias", "cd", "declare", "echo", "eval", "exec", "exit", "export", "local", "printf",
            "pwd", "read", "readonly", "return", "set", "shift", "source", "test", "trap", "unset",
            "wait", "true", "false", "time",
            "apt", "apt-get", "awk", "brew", "cat", "chmod", "conda", "cp", "curl", "docker", "dvc",
            "env", "find", "git", "grep", "gzip", "head", "jq", "jupyter", "kubectl", "ls", "make",
            "mkdir", "mlflow", "mv", "nohup", "npm", "pip", "pip3", "poetry", "pytest", "python",
            "python3", "rm", "rsync", "scp", "sed", "sort", "ssh", "sudo", "swift", "tail", "tar",
            "tee", "torchrun", "touch", "unzip", "uv", "wc", "wget", "xargs",
        ]

        private enum WordRole {
            /// Continues the word before it without a space (`--opt="a b"`, `"$x"y`).
            case continuation
            case argument
            case command
            case loopVariable
            /// The word after `for x` or `case x`, which is a keyword when it is `in`.
            case afterLoopVariable
            case functionName
        }

        private enum LoopHeader {
            case none, expectsVariable, expectsIn
        }

        private struct Heredoc {
            package let delimiter: [UInt8]
            package let stripsTabs: Bool
        }

        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0
        /// The bytes being scanned: the whole source, or one command line of a session.
        private var start = 0
        private var end: Int
        private var isCommandPosition = true
        private var expectsFunctionName = false
        private var argumentsAreAssignments = false
        /// Where a `for`, `select` or `case` header is: its variable, then maybe `in`.
        private var loopHeader = LoopHeader.none
        private var pendingHeredocs: [Heredoc] = []

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
            end = source.count
        }

        package mutating func run() -> String {
            scan(0..<bytes.count)
            return out.finish()
        }

        /// Highlights only the commands of a session transcript: lines after a `$ ` prompt and
        /// the lines they continue with a trailing backslash.
        package static func highlightSession(_ source: [UInt8]) -> String {
            var tokenizer = ShellTokenizer(source)
            var lineStart = 0
            var continues = false
            while lineStart < source.count {
                let lineEnd = Bytes.lineEnd(source, from: lineStart)
                var commandStart: Int?
                if continues {
                    commandStart = lineStart
                } else if source[lineStart] == UInt8(ascii: "$"),
                    lineStart + 1 == lineEnd || Bytes.isBlank(source[lineStart + 1])
                {
                    tokenizer.out.emit(lineStart..<lineStart + 1, as: .op)
                    tokenizer.resetCommandState()
                    commandStart = lineStart + 1
                }
                if let commandStart {
                    tokenizer.scan(commandStart..<lineEnd)
                    var last = lineEnd
                    while last > commandStart && source[last - 1] == UInt8(ascii: "\r") { last -= 1 }
                    continues = last > commandStart && source[last - 1] == UInt8(ascii: "\\")
                } else {
                    continues = false
                }
                lineStart = lineEnd + 1
            }
            return tokenizer.out.finish()
        }

        private mutating func resetCommandState() {
            isCommandPosition = true
            expectsFunctionName = false
            argumentsAreAssignments = false
            loopHeader = .none
            pendingHeredocs = []
        }

        private mutating func scan(_ range: Range<Int>) {
            start = range.lowerBound
            end = range.upperBound
            pos = start
            while pos < end {
                let byte = bytes[pos]
                let next: UInt8 = pos + 1 < end ? bytes[pos + 1] : 0
                switch byte {
                case UInt8(ascii: "\n"):
                    pos += 1
                    isCommandPosition = true
                    argumentsAreAssignments = false
                    readHeredocBodies()
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    pos += 1
                case UInt8(ascii: "#") where isWordBoundary(pos):
                    let lineEnd = min(Bytes.lineEnd(bytes, from: pos), end)
                    out.emit(pos..<lineEnd, as: .comment)
                    pos = lineEnd
                case UInt8(ascii: "\\"):
                    if next != UInt8(ascii: "\n") { _ = role(at: pos) }
                    pos += next != 0 && next < 0x80 ? 2 : 1
                case UInt8(ascii: "'"):
                    _ = role(at: pos)
                    singleQuoted()
                case UInt8(ascii: "\""):
                    _ = role(at: pos)
                    doubleQuoted()
                case UInt8(ascii: "$"):
                    _ = role(at: pos)
                    dollar()
                case UInt8(ascii: "&") where isInRedirection(pos):
                    pos += 1
                case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
                    UInt8(ascii: "`"):
                    pos += 1
                    isCommandPosition = true
                    expectsFunctionName = false
                    argumentsAreAssignments = false
                    loopHeader = .none
                case UInt8(ascii: "<") where next == UInt8(ascii: "<"):
                    heredocOperator()
                case UInt8(ascii: "<"), UInt8(ascii: ">"):
                    pos += 1
                default:
                    word()
                }
            }
        }

        /// `2>&1`, `<&3`, `&>log`: an `&` that is part of a redirection, not a command separator.
        private func isInRedirection(_ index: Int) -> Bool {
            let previous = index > start ? bytes[index - 1] : 0
            let next = index + 1 < end ? bytes[index + 1] : 0
            return previous == UInt8(ascii: ">") || previous == UInt8(ascii: "<") || next == UInt8(ascii: ">")
        }

        /// Whether a word starts at `index`: `#` starts a comment only there, not in `a#b` or `${#x}`.
        private func isWordBoundary(_ index: Int) -> Bool {
            index == start || isSeparator(bytes[index - 1])
        }

        /// White space and the operators that end a word; quotes and `$` continue it (`a"b"$c`).
        private func isSeparator(_ byte: UInt8) -> Bool {
            " \t\r\n;&|()<>`".utf8.contains(byte)
        }

        private func isWordByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "'"), UInt8(ascii: "\""),
                UInt8(ascii: "$"), UInt8(ascii: "\\"):
                return false
            default:
                return true
            }
        }

        /// Decides what the word starting at `index` is, and what the next word will be.
        private mutating func role(at index: Int) -> WordRole {
            guard isWordBoundary(index) else { return .continuation }
            let wasCommandPosition = isCommandPosition
            isCommandPosition = false
            if expectsFunctionName {
                expectsFunctionName = false
                return .functionName
            }
            switch loopHeader {
            case .expectsVariable:
                loopHeader = .expectsIn
                return .loopVariable
            case .expectsIn:
                loopHeader = .none
                return .afterLoopVariable
            case .none:
                return wasCommandPosition ? .command : .argument
            }
        }

        private mutating func word() {
            let wordStart = pos
            var wordEnd = pos + 1
            while wordEnd < end && isWordByte(bytes[wordEnd]) { wordEnd += 1 }
            pos = wordEnd
            let role = role(at: wordStart)
            let isWhole = wordEnd == end || isSeparator(bytes[wordEnd])
            let word = isWhole ? Bytes.word(bytes, wordStart..<wordEnd, maxLength: 16) : nil
            switch role {
            case .functionName:
                out.emit(wordStart..<wordEnd, as: .function)
            case .afterLoopVariable where word == "in":
                out.emit(wordStart..<wordEnd, as: .keyword)
            case .command:
                command(wordStart..<wordEnd, word: word)
            case .argument where bytes[wordStart..<wordEnd].allSatisfy(Bytes.isDigit):
                out.emit(wordStart..<wordEnd, as: .number)
            case .argument where argumentsAreAssignments:
                if let name = assignedName(wordStart..<wordEnd) { out.emit(name, as: .variable) }
            default:
                break
            }
        }

        private mutating func command(_ range: Range<Int>, word: String?) {
            if let word, Self.keywords.contains(word) {
                out.emit(range, as: .keyword)
                switch word {
                case "for", "case", "select": loopHeader = .expectsVariable
                case "function": expectsFunctionName = true
                default: isCommandPosition = Self.commandPrefixes.contains(word)
                }
                return
            }
            if let name = assignedName(range) {
                // `NAME=value cmd`: the assignment's value is not the command.
                out.emit(name, as: .variable)
                isCommandPosition = true
                return
            }
            guard let word else { return }
            if word == "{" || word == "!" {
                isCommandPosition = true
            } else if range.upperBound + 1 < end && bytes[range.upperBound] == UInt8(ascii: "(")
                && bytes[range.upperBound + 1] == UInt8(ascii: ")")
            {
                out.emit(range, as: .function)
            } else if Self.builtins.contains(word) {
                out.emit(range, as: .builtin)
                isCommandPosition = Self.commandWrappers.contains(word)
                argumentsAreAssignments = Self.declarations.contains(word)
            }
        }

        /// The `NAME` of a word that starts with `NAME=`.
        private func assignedName(_ range: Range<Int>) -> Range<Int>? {
            guard let equals = bytes[range].firstIndex(of: UInt8(ascii: "=")), equals > range.lowerBound,
                !Bytes.isDigit(bytes[range.lowerBound]),
                bytes[range.lowerBound..<equals].allSatisfy({ $0 < 0x80 && Bytes.isIdentifierByte($0) })
            else { return nil }
            return range.lowerBound..<equals
        }

        private mutating func singleQuoted() {
            var quoteEnd = pos + 1
            while quoteEnd < end && bytes[quoteEnd] != UInt8(ascii: "'") { quoteEnd += 1 }
            quoteEnd = min(quoteEnd + 1, end)
            out.emit(pos..<quoteEnd, as: .string)
            pos = quoteEnd
        }

        /// A double-quoted string, with the variables inside it highlighted as variables.
        private mutating func doubleQuoted() {
            var segmentStart = pos
            var index = pos + 1
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    index += 2
                } else if byte == UInt8(ascii: "\"") {
                    index += 1
                    break
                } else if byte == UInt8(ascii: "$"), index + 1 < end, bytes[index + 1] == UInt8(ascii: "(") {
                    index = substitutionEnd(from: index + 2)
                } else if byte == UInt8(ascii: "$"), let variableEnd = variableEnd(at: index) {
                    out.emit(segmentStart..<index, as: .string)
                    out.emit(index..<variableEnd, as: .variable)
                    segmentStart = variableEnd
                    index = variableEnd
                } else {
                    index += 1
                }
            }
            index = min(index, end)
            out.emit(segmentStart..<index, as: .string)
            pos = index
        }

        /// The end of a `$(…)` inside double quotes, skipping quoted parentheses; kept as string text.
        private func substitutionEnd(from index: Int) -> Int {
            var depth = 1
            var index = index
            while index < end {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "("):
                    depth += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return index }
                case UInt8(ascii: "\\"):
                    index += 1
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    while index < end && bytes[index] != byte {
                        index += byte == UInt8(ascii: "\"") && bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    index += 1
                default:
                    break
                }
            }
            return end
        }

        /// The end of `$NAME`, `${…}` or a special parameter (`$1`, `$@`, `$#`…) at `index`.
        private func variableEnd(at index: Int) -> Int? {
            guard index + 1 < end else { return nil }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "{") {
                var depth = 0
                var scan = index + 1
                while scan < end && bytes[scan] != UInt8(ascii: "\n") {
                    if bytes[scan] == UInt8(ascii: "{") {
                        depth += 1
                    } else if bytes[scan] == UInt8(ascii: "}") {
                        depth -= 1
                        if depth == 0 { return scan + 1 }
                    }
                    scan += 1
                }
                return scan
            }
            if Bytes.isLetter(next) || next == UInt8(ascii: "_") {
                var scan = index + 2
                while scan < end && bytes[scan] < 0x80 && Bytes.isIdentifierByte(bytes[scan]) { scan += 1 }
                return scan
            }
            if Bytes.isDigit(next) || "@*#?$!-".utf8.contains(next) {
                return index + 2
            }
            return nil
        }

        private mutating func dollar() {
            let next: UInt8 = pos + 1 < end ? bytes[pos + 1] : 0
            if next == UInt8(ascii: "'") {
                // $'…' is a string with backslash escapes.
                var quoteEnd = pos + 2
                while quoteEnd < end && bytes[quoteEnd] != UInt8(ascii: "'") {
                    quoteEnd += bytes[quoteEnd] == UInt8(ascii: "\\") ? 2 : 1
                }
                quoteEnd = min(quoteEnd + 1, end)
                out.emit(pos..<quoteEnd, as: .string)
                pos = quoteEnd
            } else if next == UInt8(ascii: "(") {
                let isArithmetic = pos + 2 < end && bytes[pos + 2] == UInt8(ascii: "(")
                pos += isArithmetic ? 3 : 2
                isCommandPosition = !isArithmetic
            } else if let variableEnd = variableEnd(at: pos) {
                out.emit(pos..<variableEnd, as: .variable)
                pos = variableEnd
            } else {
                pos += 1
            }
        }

        /// `<<EOF`, `<<-EOF`, `<<'EOF'`: the body starts on the next line; `<<<` is a here-string.
        private mutating func heredocOperator() {
            var index = pos + 2
            if index < end && bytes[index] == UInt8(ascii: "<") {
                pos = index + 1
                return
            }
            let stripsTabs = index < end && bytes[index] == UInt8(ascii: "-")
            if stripsTabs { index += 1 }
            while index < end && Bytes.isBlank(bytes[index]) { index += 1 }
            var delimiter: [UInt8] = []
            while index < end && (isWordByte(bytes[index]) || "'\"\\".utf8.contains(bytes[index])) {
                if !"'\"\\".utf8.contains(bytes[index]) { delimiter.append(bytes[index]) }
                index += 1
            }
            if !delimiter.isEmpty {
                pendingHeredocs.append(Heredoc(delimiter: delimiter, stripsTabs: stripsTabs))
            }
            pos = delimiter.isEmpty ? pos + 2 : index
        }

        private mutating func readHeredocBodies() {
            for heredoc in pendingHeredocs {
                let bodyStart = pos
                while true {
                    let lineEnd = min(Bytes.lineEnd(bytes, from: pos), end)
                    var contentStart = pos
                    if heredoc.stripsTabs {
                        while contentStart < lineEnd && bytes[contentStart] == UInt8(ascii: "\t") { contentStart += 1 }
                    }
                    var contentEnd = lineEnd
                    if contentEnd > contentStart && bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                    if bytes[contentStart..<contentEnd].elementsEqual(heredoc.delimiter) {
                        out.emit(bodyStart..<pos, as: .string)
                        pos = lineEnd
                        break
                    }
                    if lineEnd >= end {
                        out.emit(bodyStart..<end, as: .string)
                        pos = end
                        break
                    }
                    pos = lineEnd + 1
                }
            }
            pendingHeredocs = []
        }
    }

    // MARK: - Pseudocode

    package struct PseudocodeTokenizer {
        private static let keywords: Set<String> = [
            "if", "then", "else", "elif", "for", "each", "all", "in", "while", "do", "repeat",
            "until", "return", "procedure", "function", "end", "and", "or", "not", "break",
            "continue", "input", "output", "let", "to", "downto", "yield", "foreach", "from",
            "with", "call", "emit",
        ]
        private static let leftArrow: [UInt8] = Array("←".utf8)
        private static let commentTriangle: [UInt8] = Array("▷".utf8)

        private let bytes: [UInt8]
        private var out: TokenWriter
        private var pos = 0
        private var expectsName = false

        package init(_ source: [UInt8]) {
            bytes = source
            out = TokenWriter(source: source)
        }

        package mutating func run() -> String {
            while pos < bytes.count {
                let byte = bytes[pos]
                let next: UInt8 = pos + 1 < bytes.count ? bytes[pos + 1] : 0
                if !Bytes.isBlankOrNewline(byte) && !(Bytes.isIdentifierStart(byte) && !startsSymbol(at: pos)) {
                    expectsName = false
                }
                switch byte {
                case UInt8(ascii: "/") where next == UInt8(ascii: "/"),
                    UInt8(ascii: "-") where next == UInt8(ascii: "-"),
                    UInt8(ascii: "#") where !followsWord(pos):
                    comment()
                case UInt8(ascii: "<") where next == UInt8(ascii: "-"),
                    UInt8(ascii: ":") where next == UInt8(ascii: "="):
                    out.emit(pos..<pos + 2, as: .op)
                    pos += 2
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    string()
                case 0xE2 where matches(Self.commentTriangle, at: pos):
                    comment()
                case 0xE2 where matches(Self.leftArrow, at: pos):
                    out.emit(pos..<pos + Self.leftArrow.count, as: .op)
                    pos += Self.leftArrow.count
                case _ where Bytes.isDigit(byte) && !followsWord(pos):
                    number()
                case _ where Bytes.isIdentifierByte(byte):
                    word()
                default:
                    pos += 1
                }
            }
            return out.finish()
        }

        private func matches(_ symbol: [UInt8], at index: Int) -> Bool {
            index + symbol.count <= bytes.count && bytes[index..<(index + symbol.count)].elementsEqual(symbol)
        }

        /// Whether `←` or `▷` starts at `index`: they end a word although they are not ASCII.
        private func startsSymbol(at index: Int) -> Bool {
            bytes[index] == 0xE2 && (matches(Self.leftArrow, at: index) || matches(Self.commentTriangle, at: index))
        }

        private func followsWord(_ index: Int) -> Bool {
            index > 0 && Bytes.isIdentifierByte(bytes[index - 1])
        }

        private mutating func comment() {
            let end = Bytes.lineEnd(bytes, from: pos)
            out.emit(pos..<end, as: .comment)
            pos = end
        }

        /// A quoted string closed on the same line; an apostrophe in prose (`user's`) stays plain.
        private mutating func string() {
            let quote = bytes[pos]
            guard !followsWord(pos) else {
                pos += 1
                return
            }
            var end = pos + 1
            while end < bytes.count && bytes[end] != quote && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            // Once a quote finds no partner, none of its kind is left on the line, so each line
            // is searched at most once per kind of quote.
            guard end < bytes.count, bytes[end] == quote else {
                pos += 1
                return
            }
            out.emit(pos..<end + 1, as: .string)
            pos = end + 1
        }

        private mutating func number() {
            var end = pos + 1
            while end < bytes.count && Bytes.isDigit(bytes[end]) { end += 1 }
            if end + 1 < bytes.count && bytes[end] == UInt8(ascii: ".") && Bytes.isDigit(bytes[end + 1]) {
                end += 1
                while end < bytes.count && Bytes.isDigit(bytes[end]) { end += 1 }
            }
            guard end == bytes.count || !Bytes.isIdentifierByte(bytes[end]) || startsSymbol(at: end) else {
                word()
                return
            }
            out.emit(pos..<end, as: .number)
            pos = end
        }

        private mutating func word() {
            let start = pos
            var end = pos + 1
            while end < bytes.count && Bytes.isIdentifierByte(bytes[end]) && !startsSymbol(at: end) { end += 1 }
            pos = end
            if expectsName {
                expectsName = false
                out.emit(start..<end, as: .function)
                return
            }
            guard let word = Bytes.word(bytes, start..<end, maxLength: 9, lowercased: true),
                Self.keywords.contains(word)
            else { return }
            out.emit(start..<end, as: .keyword)
            expectsName = word == "procedure" || word == "function"
        }
    }
}
