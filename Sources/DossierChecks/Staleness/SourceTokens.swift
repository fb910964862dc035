import DossierCore

/// The tokens of a definition, for comparing two versions of it: whitespace, blank lines, line
/// endings and comments are not tokens, so editing only those is not a change (SPEC 1.6).
///
/// Brace languages use `BraceTokenizer`. Python, whose indentation is syntax, gets a small lexer
/// here that also emits one token per logical line holding its indentation *depth* (not its
/// width), so re-indenting a block from 4 to 2 spaces is not a change but moving a statement out
/// of a block is.
package enum SourceTokens {
    /// The tokens of `text`, each as its source text (a string literal's line endings normalized).
    package static func tokens(of text: String, language: SourceLanguage) -> [String] {
        let bytes = Array(text.utf8)
        switch language {
        case .python:
            return python(bytes)
        case .swift, .javaScript, .typeScript, .go, .rust:
            let lines = SourceLineTable(bytes)
            return BraceTokenizer.tokenize(bytes, language: language, lines: lines).map {
                literal(bytes[$0.start..<min($0.end, bytes.count)])
            }
        }
    }

    private static func literal(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.filter { $0 != 0x0D }, as: UTF8.self)
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
            || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b >= 0x80
    }

    /// Python: names, numbers, strings (prefixes and triple quotes), operators, plus `⇥n` at the
    /// start of each logical line for its indentation depth.
    private static func python(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var widths: [Int] = [0]
        var depth = 0  // open brackets: newlines inside them do not end the line
        var atLineStart = true
        var i = 0
        let n = bytes.count
        while i < n {
            if atLineStart && depth == 0 {
                var width = 0
                var j = i
                while j < n, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == 0x0C {
                    width += bytes[j] == UInt8(ascii: "\t") ? 8 - width % 8 : 1
                    j += 1
                }
                // Blank and comment-only lines do not start a logical line.
                if j >= n || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == UInt8(ascii: "#") {
                    while j < n, bytes[j] != 0x0A { j += 1 }
                    i = j + 1
                    continue
                }
                // The definition's own first line sets depth 0: a block moved in or out is the same.
                if tokens.isEmpty { widths = [width] }
                while let last = widths.last, width < last, widths.count > 1 { widths.removeLast() }
                if width > widths.last ?? 0 { widths.append(width) }
                tokens.append("⇥\(widths.count - 1)")
                atLineStart = false
                i = j
                continue
            }
            let c = bytes[i]
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C, 0x0D:
                i += 1
            case 0x0A:
                if depth == 0 { atLineStart = true }
                i += 1
            case UInt8(ascii: "\\") where i + 1 < n && (bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D):
                i += 1
                while i < n, bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1; if bytes[i - 1] == 0x0A { break } }
            case UInt8(ascii: "#"):
                while i < n, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let end = pythonStringEnd(bytes, from: i)
                tokens.append(literal(bytes[i..<end]))
                i = end
            case _ where isIdentifierByte(c):
                var j = i
                while j < n, isIdentifierByte(bytes[j]) { j += 1 }
                // A string prefix (`f"…"`, `rb'…'`) belongs to the string token.
                if j < n, j - i <= 2, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    let end = pythonStringEnd(bytes, from: j)
                    tokens.append(literal(bytes[i..<end]))
                    i = end
                } else {
                    tokens.append(literal(bytes[i..<j]))
                    i = j
                }
            default:
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { depth += 1 }
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                    depth = max(0, depth - 1)
                }
                tokens.append(String(decoding: [c], as: UTF8.self))
                i += 1
            }
        }
        return tokens
    }

    /// The offset after the string literal whose opening quote is at `start`.
    private static func pythonStringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        let n = bytes.count
        let quote = bytes[start]
        let triple = start + 2 < n && bytes[start + 1] == quote && bytes[start + 2] == quote
        var i = start + (triple ? 3 : 1)
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if !triple && c == 0x0A { return i }
            if c == quote {
                if !triple { return i + 1 }
                if i + 2 < n, bytes[i + 1] == quote, bytes[i + 2] == quote { return i + 3 }
            }
            i += 1
        }
        return n
    }
}
