import DossierCore

/// Highlights source code into HTML spans at build time.
///
/// Tokenizers scan UTF-8 bytes and start or end tokens only at ASCII bytes, so multi-byte
/// characters pass through intact. A span never crosses a line break (multi-line tokens are closed
/// and reopened on each line), so callers may split the output on `"\n"` to number lines.
package enum SyntaxHighlighter {
    /// Returns HTML-escaped code with `<span class="tok-…">` around tokens. Unknown languages are escaped only.
    package static func highlight(_ code: String, language: String) -> String {
        let source = Array(code.utf8)
        let name = languageKey(language)
        switch aliases[name] {
        case .python?:
            var tokenizer = PythonTokenizer(source)
            return tokenizer.run()
        case .yaml?:
            var tokenizer = YAMLTokenizer(source)
            return tokenizer.run()
        case .json?:
            var tokenizer = JSONTokenizer(source)
            return tokenizer.run()
        case .sql?:
            var tokenizer = SQLTokenizer(source)
            return tokenizer.run()
        case .shell?:
            // A session transcript mixes commands (after a `$ ` prompt) with their output,
            // which must not be highlighted as shell.
            if name == "console" || name == "shell-session" {
                return ShellTokenizer.highlightSession(source)
            }
            var tokenizer = ShellTokenizer(source)
            return tokenizer.run()
        case .pseudocode?:
            var tokenizer = PseudocodeTokenizer(source)
            return tokenizer.run()
        case nil:
            var writer = TokenWriter(source: source)
            return writer.finish()
        }
    }

    /// Languages with a tokenizer (after alias normalization: py/python3→python, yml→yaml, sh/bash/zsh/console/shell-session→shell, jsonc→json, postgresql/sqlite/mysql→sql).
    package static func normalizedLanguage(_ name: String) -> String? {
        aliases[languageKey(name)]?.rawValue
    }

    /// Pseudocode: returns one HTML string per line (escaped, keywords wrapped in <span class="tok-kw">, comments (`//`, `#`, `--`, `▷`) in tok-com, strings in tok-str, numbers in tok-num, `<-`/`←`/`:=` as tok-op). Keywords (case-insensitive, whole words): if, then, else, elif, for, each, all, in, while, do, repeat, until, return, procedure, function, end, and, or, not, break, continue, input, output, let, to, downto, yield, foreach, from, with, call, emit.
    package static func pseudocodeLines(_ code: String) -> [String] {
        guard !code.isEmpty else { return [] }
        var tokenizer = PseudocodeTokenizer(Array(code.utf8))
        // Split bytes, not Characters: Swift treats "\r\n" as one Character that is not "\n".
        var lines = tokenizer.run().utf8
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { line in String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self) }
        // The newline that ends the last line does not start another one.
        if lines.count > 1, lines.last == "" {
            lines.removeLast()
        }
        return lines
    }

    package enum Language: String {
        case python, yaml, json, sql, shell, pseudocode
    }

    package static let aliases: [String: Language] = [
        "python": .python, "py": .python, "python3": .python, "py3": .python,
        "yaml": .yaml, "yml": .yaml,
        "json": .json, "jsonc": .json, "jsonl": .json, "ndjson": .json,
        "sql": .sql, "postgresql": .sql, "postgres": .sql, "sqlite": .sql, "mysql": .sql,
        "shell": .shell, "sh": .shell, "bash": .shell, "zsh": .shell,
        "console": .shell, "shell-session": .shell,
        "pseudocode": .pseudocode,
    ]

    /// The name trimmed of whitespace and lowercased. Every code block asks: the usual name (ASCII,
    /// already lowercase, no spaces: the renderer lowercases the info string's first word) is
    /// returned as it is; the Character-level trim below took a twelfth of a page's Markdown render.
    static func languageKey(_ name: String) -> String {
        let plain = name.utf8.allSatisfy { byte in
            byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte) && !(0x41...0x5A).contains(byte)
        }
        if plain { return name }
        let trimmed = name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return String(trimmed).lowercased()
    }
}

extension SyntaxHighlighter {
    /// The CSS class of a highlighted token.
    package enum TokenKind: String {
        case keyword = "tok-kw"
        case string = "tok-str"
        case number = "tok-num"
        case comment = "tok-com"
        case function = "tok-fn"
        case key = "tok-key"
        case literal = "tok-lit"
        case op = "tok-op"
        case variable = "tok-var"
        case decorator = "tok-dec"
        case builtin = "tok-builtin"
    }

    /// Builds the HTML for one source: tokens are handed in left to right, and the bytes between
    /// them are written escaped.
    package struct TokenWriter {
        package let source: [UInt8]
        private var html: [UInt8] = []
        private var written = 0

        package init(source: [UInt8]) {
            self.source = source
            html.reserveCapacity(source.count + source.count / 2 + 16)
        }

        /// Wraps `range` in a span of `kind`; a range that overlaps one already written is clipped.
        package mutating func emit(_ range: Range<Int>, as kind: TokenKind) {
            let lower = max(range.lowerBound, written)
            let upper = min(range.upperBound, source.count)
            guard lower < upper else { return }
            escape(written..<lower)
            var segmentStart = lower
            for index in lower..<upper where source[index] == UInt8(ascii: "\n") {
                wrap(segmentStart..<index, as: kind)
                html.append(UInt8(ascii: "\n"))
                segmentStart = index + 1
            }
            wrap(segmentStart..<upper, as: kind)
            written = upper
        }

        /// Writes the rest of the source escaped and returns the HTML.
        package mutating func finish() -> String {
            escape(written..<source.count)
            written = source.count
            return String(decoding: html, as: UTF8.self)
        }

        private mutating func wrap(_ range: Range<Int>, as kind: TokenKind) {
            guard !range.isEmpty else { return }
            html.append(contentsOf: "<span class=\"".utf8)
            html.append(contentsOf: kind.rawValue.utf8)
            html.append(contentsOf: "\">".utf8)
            escape(range)
            html.append(contentsOf: "</span>".utf8)
        }

        private mutating func escape(_ range: Range<Int>) {
            source.withUnsafeBufferPointer { HTML.appendEscaped(UnsafeBufferPointer(rebasing: $0[range]), to: &html) }
        }
    }

    /// Byte classes shared by the tokenizers. Bytes of multi-byte characters count as identifier
    /// bytes, so a token never ends inside a character.
    package enum Bytes {
        package static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        package static func isLetter(_ byte: UInt8) -> Bool {
            let lower = byte | 0x20
            return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
        }

        package static func isIdentifierStart(_ byte: UInt8) -> Bool {
            isLetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
        }

        package static func isIdentifierByte(_ byte: UInt8) -> Bool {
            isIdentifierStart(byte) || isDigit(byte)
        }

        /// Space, tab or carriage return: white space that does not end a line.
        package static func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }

        package static func isBlankOrNewline(_ byte: UInt8) -> Bool {
            isBlank(byte) || byte == UInt8(ascii: "\n")
        }

        /// The index just past the `*/` closing the block comment that opens at `start`, or the
        /// end of `source` when it is never closed.
        package static func blockCommentEnd(_ source: [UInt8], from start: Int) -> Int {
            var end = start + 2
            while end < source.count
                && !(source[end] == UInt8(ascii: "*") && end + 1 < source.count && source[end + 1] == UInt8(ascii: "/"))
            {
                end += 1
            }
            return min(end + 2, source.count)
        }

        /// The end of a number literal starting at `start`: digits, letters (suffixes, `0x`, `_`
        /// separators), points, and a sign right after the exponent's `e` of a decimal number.
        package static func numberEnd(_ source: [UInt8], from start: Int) -> Int {
            let isHex =
                source[start] == UInt8(ascii: "0") && start + 1 < source.count
                && source[start + 1] | 0x20 == UInt8(ascii: "x")
            let isDecimal = !isHex && (isDigit(source[start]) || source[start] == UInt8(ascii: "."))
            var end = start + 1
            while end < source.count {
                let byte = source[end]
                if byte < 0x80 && isIdentifierByte(byte) || byte == UInt8(ascii: ".") {
                    end += 1
                } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), isDecimal,
                    source[end - 1] | 0x20 == UInt8(ascii: "e")
                {
                    end += 1
                } else {
                    break
                }
            }
            return end
        }

        /// The index of the next `\n` at or after `start`, or the end of `source`.
        package static func lineEnd(_ source: [UInt8], from start: Int) -> Int {
            var index = start
            while index < source.count && source[index] != UInt8(ascii: "\n") {
                index += 1
            }
            return index
        }

        /// The bytes of `range` as a string for a keyword look-up, or nil when longer than any keyword.
        package static func word(
            _ source: [UInt8], _ range: Range<Int>, maxLength: Int, lowercased: Bool = false
        ) -> String? {
            guard range.count <= maxLength else { return nil }
            guard lowercased else { return String(decoding: source[range], as: UTF8.self) }
            let lowered = source[range].map { byte in
                byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return String(decoding: lowered, as: UTF8.self)
        }
    }
}
