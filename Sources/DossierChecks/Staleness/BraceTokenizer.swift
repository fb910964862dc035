import DossierCore

/// One token of brace-language source. Comments and whitespace are not tokens; a whole string,
/// character or regular-expression literal is one token, so braces inside it never count.
package struct BraceToken {
    package enum Kind: UInt8 { case identifier, number, string, punctuation }

    package var kind: Kind
    /// Byte offsets into the source, `start..<end`.
    package var start: Int
    package var end: Int
    /// 0-based lines of the first and last byte.
    package var line = 0
    package var endLine = 0
    /// A line break (possibly inside a comment) separates this token from the previous one.
    package var newlineBefore = false
}

/// A small lexer for Swift, JavaScript, TypeScript, Go and Rust: just enough to know what is code.
///
/// Handles line and (nested, for Swift and Rust) block comments; `"…"` strings everywhere;
/// Swift multi-line, raw (`#"…"#`) and interpolated (`\(…)`) strings; JavaScript template
/// literals with `${…}` and regular-expression literals; Go raw strings and runes; Rust raw
/// strings (`r#"…"#`), byte strings, characters and lifetimes.
package struct BraceTokenizer {
    private let bytes: [UInt8]
    private let language: SourceLanguage
    private let n: Int

    private init(bytes: [UInt8], language: SourceLanguage) {
        self.bytes = bytes
        self.language = language
        self.n = bytes.count
    }

    package static func tokenize(_ bytes: [UInt8], language: SourceLanguage, lines: SourceLineTable) -> [BraceToken] {
        let lexer = BraceTokenizer(bytes: bytes, language: language)
        var tokens: [BraceToken] = []
        tokens.reserveCapacity(bytes.count / 4)
        var i = 0
        while i < lexer.n {
            let (end, kind) = lexer.scan(at: i, previous: tokens.last)
            if let kind {
                tokens.append(BraceToken(kind: kind, start: i, end: max(end, i + 1)))
            }
            i = max(end, i + 1)
        }
        // Lines, computed after the fact: tokens are in order, so one forward walk suffices.
        var line = 0
        var previousEndLine = -1
        for index in tokens.indices {
            while line + 1 < lines.count, lines.starts[line + 1] <= tokens[index].start { line += 1 }
            tokens[index].line = line
            var endLine = line
            let last = tokens[index].end - 1
            while endLine + 1 < lines.count, lines.starts[endLine + 1] <= last { endLine += 1 }
            tokens[index].endLine = endLine
            tokens[index].newlineBefore = previousEndLine >= 0 && line > previousEndLine
            previousEndLine = endLine
        }
        return tokens
    }

    /// The end of the token or trivia at `i`, and its kind (`nil` for whitespace and comments).
    private func scan(at i: Int, previous: BraceToken?) -> (Int, BraceToken.Kind?) {
        let c = bytes[i]
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
            return (i + 1, nil)
        case UInt8(ascii: "/"):
            if at(i + 1) == UInt8(ascii: "/") { return (skipLine(i), nil) }
            if at(i + 1) == UInt8(ascii: "*") { return (skipBlockComment(i), nil) }
            if language == .javaScript || language == .typeScript, regexMayStart(after: previous),
                let end = skipRegex(i)
            {
                return (end, .string)
            }
            return (i + 1, .punctuation)
        case UInt8(ascii: "\""):
            switch language {
            case .swift: return (skipSwiftString(i), .string)
            case .rust: return (skipRustString(i + 1), .string)
            default: return (skipQuoted(i, quote: c, multiline: false), .string)
            }
        case UInt8(ascii: "'"):
            switch language {
            case .javaScript, .typeScript, .go: return (skipQuoted(i, quote: c, multiline: false), .string)
            case .rust:
                if let end = rustCharacter(i) { return (end, .string) }
                return (i + 1, .punctuation)  // a lifetime's tick
            default: return (i + 1, .punctuation)
            }
        case UInt8(ascii: "`"):
            switch language {
            case .go: return (skipUntil(i + 1, UInt8(ascii: "`")), .string)
            case .javaScript, .typeScript: return (skipTemplate(i), .string)
            case .swift:
                // A backquoted identifier: the token is the name inside.
                var j = i + 1
                while j < n, bytes[j] != UInt8(ascii: "`"), bytes[j] != UInt8(ascii: "\n") { j += 1 }
                return (j < n && bytes[j] == UInt8(ascii: "`") ? j + 1 : i + 1, .identifier)
            default: return (i + 1, .punctuation)
            }
        case UInt8(ascii: "#") where language == .swift:
            var j = i
            while j < n, bytes[j] == UInt8(ascii: "#") { j += 1 }
            if j < n, bytes[j] == UInt8(ascii: "\"") { return (skipSwiftString(i), .string) }
            return (i + 1, .punctuation)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var j = i + 1
            while j < n {
                let b = bytes[j]
                if CodeReferenceParser.isIdentifierByte(b) && b < 0x80 { j += 1; continue }
                if b == UInt8(ascii: "."), let d = at(j + 1), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") {
                    j += 2; continue
                }
                break
            }
            return (j, .number)
        default:
            if CodeReferenceParser.isIdentifierByte(c) {
                var j = i + 1
                while j < n, CodeReferenceParser.isIdentifierByte(bytes[j]) { j += 1 }
                if language == .rust, let end = rustPrefixedLiteral(i, identifierEnd: j) { return (end, .string) }
                return (j, .identifier)
            }
            return (i + 1, .punctuation)
        }
    }

    private func at(_ i: Int) -> UInt8? { i < n ? bytes[i] : nil }

    private func skipLine(_ i: Int) -> Int {
        var j = i
        while j < n, bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return j
    }

    private func skipBlockComment(_ i: Int) -> Int {
        let nests = language == .swift || language == .rust
        var depth = 1
        var j = i + 2
        while j < n {
            if bytes[j] == UInt8(ascii: "*"), at(j + 1) == UInt8(ascii: "/") {
                depth -= 1
                j += 2
                if depth == 0 || !nests { return j }
                continue
            }
            if nests, bytes[j] == UInt8(ascii: "/"), at(j + 1) == UInt8(ascii: "*") {
                depth += 1
                j += 2
                continue
            }
            j += 1
        }
        return n
    }

    private func skipUntil(_ i: Int, _ terminator: UInt8) -> Int {
        var j = i
        while j < n, bytes[j] != terminator { j += 1 }
        return min(n, j + 1)
    }

    /// `"…"` or `'…'` with backslash escapes; an unescaped newline ends an unterminated one.
    private func skipQuoted(_ i: Int, quote: UInt8, multiline: Bool) -> Int {
        var j = i + 1
        while j < n {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") { j += 2; continue }
            if b == quote { return j + 1 }
            if b == UInt8(ascii: "\n"), !multiline { return j }
            j += 1
        }
        return n
    }

    /// Code inside an interpolation, up to and including the `close` that balances it.
    private func skipBalanced(_ i: Int, open: UInt8, close: UInt8) -> Int {
        var depth = 1
        var j = i
        while j < n {
            let b = bytes[j]
            if b == open { depth += 1; j += 1; continue }
            if b == close {
                depth -= 1
                j += 1
                if depth == 0 { return j }
                continue
            }
            let (end, _) = scan(at: j, previous: nil)
            j = max(end, j + 1)
        }
        return n
    }

    /// Swift `"…"`, `"""…"""` and raw `#"…"#` strings, with `\(…)` interpolation.
    private func skipSwiftString(_ i: Int) -> Int {
        var hashes = 0
        var j = i
        while j < n, bytes[j] == UInt8(ascii: "#") { hashes += 1; j += 1 }
        guard j < n, bytes[j] == UInt8(ascii: "\"") else { return i + 1 }
        let multiline = at(j + 1) == UInt8(ascii: "\"") && at(j + 2) == UInt8(ascii: "\"")
        j += multiline ? 3 : 1
        func hashesFollow(_ k: Int) -> Bool {
            for h in 0..<hashes where at(k + h) != UInt8(ascii: "#") { return false }
            return true
        }
        while j < n {
            let b = bytes[j]
            if b == UInt8(ascii: "\\"), hashesFollow(j + 1) {
                let k = j + 1 + hashes
                if at(k) == UInt8(ascii: "(") {
                    j = skipBalanced(k + 1, open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
                } else {
                    j = k + 1
                }
                continue
            }
            if b == UInt8(ascii: "\"") {
                if multiline {
                    if at(j + 1) == UInt8(ascii: "\""), at(j + 2) == UInt8(ascii: "\""), hashesFollow(j + 3) {
                        return j + 3 + hashes
                    }
                } else if hashesFollow(j + 1) {
                    return j + 1 + hashes
                }
            }
            if b == UInt8(ascii: "\n"), !multiline { return j }
            j += 1
        }
        return n
    }

    /// JavaScript template literal with `${…}` substitutions.
    private func skipTemplate(_ i: Int) -> Int {
        var j = i + 1
        while j < n {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") { j += 2; continue }
            if b == UInt8(ascii: "`") { return j + 1 }
            if b == UInt8(ascii: "$"), at(j + 1) == UInt8(ascii: "{") {
                j = skipBalanced(j + 2, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
                continue
            }
            j += 1
        }
        return n
    }

    /// A `/` starts a regular expression where an operand is expected.
    private func regexMayStart(after previous: BraceToken?) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .number, .string: return false
        case .punctuation:
            let b = bytes[previous.start]
            return b != UInt8(ascii: ")") && b != UInt8(ascii: "]") && b != UInt8(ascii: "}")
        case .identifier:
            let word = String(decoding: bytes[previous.start..<previous.end], as: UTF8.self)
            return [
                "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
                "yield", "await",
            ].contains(word)
        }
    }

    private func skipRegex(_ i: Int) -> Int? {
        var j = i + 1
        var inClass = false
        while j < n {
            let b = bytes[j]
            switch b {
            case UInt8(ascii: "\\"): j += 2; continue
            case UInt8(ascii: "\n"): return nil
            case UInt8(ascii: "["): inClass = true
            case UInt8(ascii: "]"): inClass = false
            case UInt8(ascii: "/") where !inClass:
                j += 1
                while j < n, CodeReferenceParser.isIdentifierByte(bytes[j]) { j += 1 }
                return j
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Rust `"…"` (escapes, may span lines); `i` is just past the opening quote.
    private func skipRustString(_ i: Int) -> Int {
        var j = i
        while j < n {
            if bytes[j] == UInt8(ascii: "\\") { j += 2; continue }
            if bytes[j] == UInt8(ascii: "\"") { return j + 1 }
            j += 1
        }
        return n
    }

    /// Rust `r"…"`, `r#"…"#`, `b"…"`, `br"…"`, `b'x'`, `c"…"`; `nil` when the identifier is just one.
    private func rustPrefixedLiteral(_ i: Int, identifierEnd j: Int) -> Int? {
        let prefix = bytes[i..<j]
        guard prefix.count <= 2 else { return nil }
        let isRaw = prefix.elementsEqual("r".utf8) || prefix.elementsEqual("br".utf8) || prefix.elementsEqual("cr".utf8)
        if isRaw {
            var k = j
            var hashes = 0
            while k < n, bytes[k] == UInt8(ascii: "#") { hashes += 1; k += 1 }
            guard k < n, bytes[k] == UInt8(ascii: "\"") else { return nil }
            k += 1
            while k < n {
                if bytes[k] == UInt8(ascii: "\"") {
                    var h = 0
                    while h < hashes, at(k + 1 + h) == UInt8(ascii: "#") { h += 1 }
                    if h == hashes { return k + 1 + hashes }
                }
                k += 1
            }
            return n
        }
        if prefix.elementsEqual("b".utf8) || prefix.elementsEqual("c".utf8) {
            if at(j) == UInt8(ascii: "\"") { return skipRustString(j + 1) }
            if prefix.elementsEqual("b".utf8), at(j) == UInt8(ascii: "'") { return rustCharacter(j) }
        }
        return nil
    }

    /// A Rust character literal at `i` (`'x'`, `'\n'`, `'\u{1F600}'`), or `nil` for a lifetime.
    private func rustCharacter(_ i: Int) -> Int? {
        guard let next = at(i + 1) else { return nil }
        if next == UInt8(ascii: "\\") {
            var j = i + 2
            while j < n, j < i + 14 {
                if bytes[j] == UInt8(ascii: "'") { return j + 1 }
                j += 1
            }
            return nil
        }
        // One scalar, then the closing quote.
        var length = 1
        if next >= 0xF0 { length = 4 } else if next >= 0xE0 { length = 3 } else if next >= 0xC0 { length = 2 }
        return at(i + 1 + length) == UInt8(ascii: "'") ? i + 2 + length : nil
    }
}
