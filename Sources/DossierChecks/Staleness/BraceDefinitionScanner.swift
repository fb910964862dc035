import DossierCore

/// Finds definitions in Swift, JavaScript, TypeScript, Go and Rust by walking tokens and
/// skipping whole bracket groups, so only declarations at the container's own level are seen.
package struct BraceDefinitionScanner {
    /// One declaration found at a container's level.
    private struct Declaration {
        package var names: [String]
        /// First token, attributes and modifiers included.
        package var start: Int
        /// Last token.
        package var end: Int
        /// Tokens between the braces of its body.
        package var body: Range<Int>?
        /// A Swift `extension` or Rust `impl`: a place to look for members of `extendedPath`.
        package var extendedPath: [String]?
        /// The receiver type of a Go method.
        package var receiver: String?
    }

    private enum Extent { case block, value, member }

    private struct Grammar {
        package var blockKeywords: Set<String>
        package var valueKeywords: Set<String>
        package var modifiers: Set<String>
        package var newlineEndsStatements: Bool

        package static func of(_ language: SourceLanguage) -> Grammar {
            switch language {
            case .swift:
                Grammar(
                    blockKeywords: [
                        "func", "init", "deinit", "subscript", "class", "struct", "enum", "protocol", "extension",
                        "actor",
                    ],
                    valueKeywords: ["let", "var", "typealias", "associatedtype", "case", "macro"],
                    modifiers: [
                        "public", "private", "fileprivate", "internal", "open", "package", "static", "class", "final",
                        "override", "mutating", "nonmutating", "lazy", "weak", "unowned", "dynamic", "optional",
                        "required", "convenience", "indirect", "nonisolated", "isolated", "distributed", "consuming",
                        "borrowing", "prefix", "postfix", "infix",
                    ],
                    newlineEndsStatements: true)
            case .javaScript, .typeScript:
                Grammar(
                    blockKeywords: ["function", "class", "interface", "enum", "namespace", "module"],
                    valueKeywords: ["const", "let", "var", "type"],
                    modifiers: [
                        "export", "default", "async", "declare", "abstract", "public", "private", "protected", "static",
                        "readonly", "override", "accessor", "const",
                    ],
                    newlineEndsStatements: true)
            case .go:
                Grammar(
                    blockKeywords: ["func", "type"], valueKeywords: ["var", "const"], modifiers: [],
                    newlineEndsStatements: true)
            case .rust, .python:
                Grammar(
                    blockKeywords: ["fn", "struct", "enum", "trait", "impl", "mod", "union", "macro_rules"],
                    valueKeywords: ["type", "const", "static"],
                    modifiers: ["pub", "async", "unsafe", "extern", "const", "default"],
                    newlineEndsStatements: false)
            }
        }
    }

    private let bytes: [UInt8]
    private let language: SourceLanguage
    private let grammar: Grammar
    private let tokens: [BraceToken]
    /// For an opening bracket, the index of its closer (and the reverse); -1 for others.
    private let matches: [Int]

    package init(bytes: [UInt8], lines: SourceLineTable, language: SourceLanguage) {
        self.bytes = bytes
        self.language = language
        self.grammar = .of(language)
        let tokens = BraceTokenizer.tokenize(bytes, language: language, lines: lines)
        self.tokens = tokens
        self.matches = Self.matchBrackets(tokens, bytes)
    }

    package func find(_ components: [String]) -> (first: Int, last: Int)? {
        guard let declaration = resolve(components[...], in: 0..<tokens.count, topLevel: true) else { return nil }
        return (tokens[declaration.start].line, tokens[declaration.end].endLine)
    }

    // MARK: - Resolution

    private func resolve(_ components: ArraySlice<String>, in range: Range<Int>, topLevel: Bool) -> Declaration? {
        guard let first = components.first else { return nil }
        let rest = components.dropFirst()
        let declarations = self.declarations(in: range)
        for declaration in declarations
        where declaration.extendedPath == nil && declaration.receiver == nil && declaration.names.contains(first) {
            if rest.isEmpty { return declaration }
            if let body = declaration.body, let found = resolve(rest, in: body, topLevel: false) { return found }
        }
        if rest.count == 1 {
            for declaration in declarations where declaration.receiver == first && declaration.names.first == rest.first
            {
                return declaration
            }
        }
        for declaration in declarations {
            guard let path = declaration.extendedPath, path.count < components.count,
                components.prefix(path.count).elementsEqual(path), let body = declaration.body
            else { continue }
            if let found = resolve(components.dropFirst(path.count), in: body, topLevel: false) { return found }
        }
        if !topLevel, rest.isEmpty {
            if let member = members(in: range).first(where: { $0.names.contains(first) }) { return member }
        }
        if rest.isEmpty {
            // Only an extension or impl of that name in this file: point at it.
            return declarations.first { $0.extendedPath == [first] }
        }
        return nil
    }

    // MARK: - Declarations

    /// Declarations introduced by a keyword at the level of `range`.
    private func declarations(in range: Range<Int>) -> [Declaration] {
        var result: [Declaration] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if isOpener(i) {
                i = max(i, min(matches[i], range.upperBound - 1)) + 1
                continue
            }
            guard tokens[i].kind == .identifier else { i += 1; continue }
            let word = text(i)
            guard grammar.blockKeywords.contains(word) || grammar.valueKeywords.contains(word) else { i += 1; continue }
            if let found = declaration(keyword: i, word: word, in: range, into: &result) {
                i = max(found, i) + 1
            } else {
                i += 1
            }
        }
        return result
    }

    /// Parses the declaration whose keyword is at `k`; returns the index of its last token.
    private func declaration(
        keyword k: Int, word: String, in range: Range<Int>, into result: inout [Declaration]
    ) -> Int? {
        let upper = range.upperBound
        var j = k + 1
        guard j < upper else { return nil }
        // A keyword followed by another keyword is a modifier (`class func`, `const fn`, `const enum`).
        if tokens[j].kind == .identifier {
            let next = text(j)
            if grammar.blockKeywords.contains(next) || grammar.valueKeywords.contains(next)
                || (language == .rust && grammar.modifiers.contains(next))
            {
                return nil
            }
        }
        let extent: Extent = grammar.blockKeywords.contains(word) ? .block : .value
        var names: [String] = []
        var extendedPath: [String]?
        var receiver: String?

        switch (language, word) {
        case (.swift, "init"), (.swift, "deinit"), (.swift, "subscript"):
            names = [word]
            j = k
        case (.swift, "extension"):
            var path: [String] = []
            while j < upper, tokens[j].kind == .identifier {
                path.append(text(j))
                guard j + 2 < upper, isPunctuation(j + 1, "."), tokens[j + 2].kind == .identifier else { break }
                j += 2
            }
            guard !path.isEmpty else { return nil }
            extendedPath = path
        case (.swift, "case"):
            guard tokens[j].kind == .identifier else { return nil }
            names.append(text(j))
            var m = j + 1
            while m < upper, !tokens[m].newlineBefore, !isPunctuation(m, ";") {
                if isOpener(m) { m = min(matches[m], upper - 1) + 1; continue }
                if isPunctuation(m, ","), m + 1 < upper, tokens[m + 1].kind == .identifier { names.append(text(m + 1)) }
                m += 1
            }
        case (.rust, "impl"):
            guard let path = rustImplType(after: k, upper: upper) else { return nil }
            extendedPath = [path]
            j = k
        case (.rust, "macro_rules"):
            guard j + 1 < upper, isPunctuation(j, "!"), tokens[j + 1].kind == .identifier else { return nil }
            j += 1
            names = [text(j)]
        case (.go, "func") where isPunctuation(j, "("):
            receiver = goReceiverType(open: j)
            j = matches[j] + 1
            guard j < upper, tokens[j].kind == .identifier else { return nil }
            names = [text(j)]
        case (.go, "type"), (.go, "var"), (.go, "const"):
            if isPunctuation(j, "(") {
                let close = min(matches[j], upper - 1)
                result.append(contentsOf: goGroup((j + 1)..<max(j + 1, close), extent: extent))
                return close
            }
            fallthrough
        default:
            if language == .rust, word == "static", tokens[j].kind == .identifier, text(j) == "mut" { j += 1 }
            if language == .javaScript || language == .typeScript, word == "function", j < upper, isPunctuation(j, "*")
            {
                j += 1
            }
            guard j < upper, tokens[j].kind == .identifier else { return nil }
            let name = text(j)
            if language == .javaScript || language == .typeScript {
                if word == "type" {
                    guard j + 1 < upper, isPunctuation(j + 1, "=") || isPunctuation(j + 1, "<") else { return nil }
                }
                if word == "module" || word == "namespace", j + 1 < upper, isPunctuation(j + 1, ".") { return nil }
            }
            names = [name]
        }

        let start = walkBack(from: k, lower: range.lowerBound)
        let (end, body) = scanEnd(from: max(j, k), extent: extent, upper: upper)
        result.append(
            Declaration(
                names: names, start: start, end: end, body: body, extendedPath: extendedPath, receiver: receiver))
        return end
    }

    /// Specs of a Go `type (…)`, `var (…)` or `const (…)` group: each line's first identifier.
    private func goGroup(_ range: Range<Int>, extent: Extent) -> [Declaration] {
        var result: [Declaration] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if tokens[i].kind == .identifier, i == range.lowerBound || tokens[i].newlineBefore {
                let (end, body) = scanEnd(from: i, extent: extent == .block ? .block : .value, upper: range.upperBound)
                result.append(Declaration(names: [text(i)], start: i, end: end, body: body))
                i = end + 1
                continue
            }
            i = isOpener(i) ? min(matches[i], range.upperBound - 1) + 1 : i + 1
        }
        return result
    }

    /// Members declared without a keyword: JavaScript/TypeScript class members and enum members,
    /// Rust enum variants and struct fields, Go struct fields and interface methods.
    private func members(in range: Range<Int>) -> [Declaration] {
        guard language != .swift else { return [] }
        var result: [Declaration] = []
        var i = range.lowerBound
        var previous: Int?
        while i < range.upperBound {
            if isOpener(i) {
                let close = min(matches[i], range.upperBound - 1)
                previous = close
                i = close + 1
                continue
            }
            guard tokens[i].kind == .identifier, isMemberStart(i, previous: previous, range: range) else {
                previous = i
                i += 1
                continue
            }
            let (end, body) = scanEnd(from: i, extent: .member, upper: range.upperBound)
            result.append(
                Declaration(names: [text(i)], start: walkBack(from: i, lower: range.lowerBound), end: end, body: body))
            previous = end
            i = end + 1
        }
        return result
    }

    private func isMemberStart(_ i: Int, previous: Int?, range: Range<Int>) -> Bool {
        let word = text(i)
        let next = i + 1 < range.upperBound ? i + 1 : nil
        switch language {
        case .go:
            return i == range.lowerBound || tokens[i].newlineBefore
        case .rust:
            if grammar.modifiers.contains(word) { return false }
            if let previous {
                let ok =
                    isPunctuation(previous, ",") || isPunctuation(previous, ";") || isPunctuation(previous, "]")
                    || (tokens[previous].kind == .identifier && grammar.modifiers.contains(text(previous)))
                    || (isPunctuation(previous, ")") && matches[previous] > 0 && text(matches[previous] - 1) == "pub")
                guard ok else { return false }
            }
            guard let next else { return true }
            return [",", "(", "{", ":", "="].contains { isPunctuation(next, $0) }
        case .javaScript, .typeScript:
            // A decorator's name is not a member; the member follows it.
            if let previous, isPunctuation(previous, "@") || isPunctuation(previous, ".") { return false }
            if let next, grammar.modifiers.contains(word) || ["get", "set"].contains(word),
                tokens[next].kind == .identifier
            {
                return false
            }
            if let previous {
                let ok =
                    tokens[i].newlineBefore || isPunctuation(previous, ";") || isPunctuation(previous, ",")
                    || isPunctuation(previous, "}") || isPunctuation(previous, "*")
                    || attributeStart(nameAt: previous, lower: range.lowerBound) != nil
                    || (isPunctuation(previous, ")") && matches[previous] > range.lowerBound
                        && attributeStart(nameAt: matches[previous] - 1, lower: range.lowerBound) != nil)
                    || (tokens[previous].kind == .identifier
                        && (grammar.modifiers.contains(text(previous)) || ["get", "set"].contains(text(previous))))
                guard ok else { return false }
            }
            guard let next else { return true }
            if tokens[next].newlineBefore { return true }
            return ["(", "<", "=", ":", ";", "?", "!", ","].contains { isPunctuation(next, $0) }
        case .swift, .python:
            return false
        }
    }

    // MARK: - Extents

    /// The first token of the declaration whose keyword is at `k`: attributes (`@objc`,
    /// `@available(…)`, `#[derive(…)]`, decorators) and modifiers (`public`, `pub(crate)`,
    /// `export default`, `extern "C"`) are part of it.
    private func walkBack(from k: Int, lower: Int) -> Int {
        var start = k
        var j = k - 1
        while j >= lower {
            let token = tokens[j]
            switch token.kind {
            case .identifier:
                let word = text(j)
                let chained =
                    (grammar.blockKeywords.contains(word) || grammar.valueKeywords.contains(word)) && j + 1 == start
                if grammar.modifiers.contains(word) || chained {
                    start = j
                    j -= 1
                    continue
                }
                if let at = attributeStart(nameAt: j, lower: lower) {
                    start = at
                    j = at - 1
                    continue
                }
            case .string where language == .rust:
                if j > lower, tokens[j - 1].kind == .identifier, text(j - 1) == "extern" {
                    start = j - 1
                    j -= 2
                    continue
                }
            case .punctuation:
                let open = matches[j]
                if isPunctuation(j, ")"), open > lower {
                    if tokens[open - 1].kind == .identifier, grammar.modifiers.contains(text(open - 1)) {
                        start = open - 1
                        j = open - 2
                        continue
                    }
                    if let at = attributeStart(nameAt: open - 1, lower: lower) {
                        start = at
                        j = at - 1
                        continue
                    }
                }
                if isPunctuation(j, "]"), open > lower {
                    var hash = open - 1
                    if isPunctuation(hash, "!"), hash > lower { hash -= 1 }
                    if isPunctuation(hash, "#") {
                        start = hash
                        j = hash - 1
                        continue
                    }
                }
            default:
                break
            }
            break
        }
        return start
    }

    /// `@name` or `@a.b.name` ending at identifier `j`: the index of the `@`.
    private func attributeStart(nameAt j: Int, lower: Int) -> Int? {
        guard j >= lower, tokens[j].kind == .identifier else { return nil }
        var m = j
        while m - 2 >= lower, isPunctuation(m - 1, "."), tokens[m - 2].kind == .identifier { m -= 2 }
        return m - 1 >= lower && isPunctuation(m - 1, "@") ? m - 1 : nil
    }

    /// Scans forward from the declaration's name to its last token. A block declaration ends
    /// with its body's closing brace; a value or member ends with `;` (a member also with `,`)
    /// or, in newline-terminated languages, at a line break that does not continue the statement.
    private func scanEnd(from first: Int, extent: Extent, upper: Int) -> (Int, Range<Int>?) {
        var last = first
        var i = first + 1
        var body: Range<Int>?
        while i < upper {
            let token = tokens[i]
            if grammar.newlineEndsStatements, token.newlineBefore {
                switch extent {
                case .block:
                    if startsDeclaration(i) { return (last, body) }
                case .value, .member:
                    if !continues(after: last, before: i) { return (last, body) }
                }
            }
            if isPunctuation(i, ";") { return (i, body) }
            if extent == .member, isPunctuation(i, ",") { return (i, body) }
            if isOpener(i) {
                let close = min(max(matches[i], i), upper - 1)
                if isPunctuation(i, "{") {
                    if body == nil { body = (i + 1)..<max(i + 1, close) }
                    if extent == .block { return (close, body) }
                }
                last = close
                i = close + 1
                continue
            }
            if isCloser(i) { return (last, body) }
            last = i
            i += 1
        }
        return (last, body)
    }

    /// After a line break inside a block declaration's header: does the next line start something new?
    private func startsDeclaration(_ i: Int) -> Bool {
        if isPunctuation(i, "@") || isPunctuation(i, "#") || isPunctuation(i, ";") || isCloser(i) { return true }
        guard tokens[i].kind == .identifier else { return false }
        let word = text(i)
        return grammar.blockKeywords.contains(word) || grammar.valueKeywords.contains(word)
            || grammar.modifiers.contains(word)
    }

    /// Does a statement go on across the line break between `last` and `next`?
    private func continues(after last: Int, before next: Int) -> Bool {
        if tokens[last].kind == .punctuation {
            switch bytes[tokens[last].start] {
            case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"),
                UInt8(ascii: "^"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                return true
            case UInt8(ascii: ">"):
                // `=>` and `->`, not the end of a generic type.
                return last > 0 && (isPunctuation(last - 1, "=") || isPunctuation(last - 1, "-"))
            default:
                break
            }
        }
        if tokens[next].kind == .punctuation {
            switch bytes[tokens[next].start] {
            case UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "+"),
                UInt8(ascii: "*"), UInt8(ascii: "="), UInt8(ascii: ":"):
                return true
            default:
                break
            }
        }
        return false
    }

    // MARK: - Language details

    /// The type a Rust `impl` block is for: the last path segment after `for`, else after `impl<…>`.
    private func rustImplType(after k: Int, upper: Int) -> String? {
        var i = k + 1
        var angle = 0
        var candidate: String?
        var afterFor = false
        while i < upper, !isPunctuation(i, "{"), !isPunctuation(i, ";") {
            if isPunctuation(i, "<") {
                angle += 1
            } else if isPunctuation(i, ">"), !(i > 0 && isPunctuation(i - 1, "-")) {
                angle = max(0, angle - 1)
            }
            if angle == 0, tokens[i].kind == .identifier {
                let word = text(i)
                if word == "for" {
                    afterFor = true
                    candidate = nil
                } else if word == "where" {
                    break
                } else if !["dyn", "unsafe", "mut", "const"].contains(word),
                    candidate == nil || afterFor || isPunctuation(i - 1, ":")
                {
                    // Keep the last segment of a path (`fmt::Display` → `Display`).
                    if candidate == nil || isPunctuation(i - 1, ":") { candidate = word }
                }
            }
            i += 1
        }
        return candidate
    }

    /// `(r *T)`, `(T)`, `(r T[K])` → `T`.
    private func goReceiverType(open: Int) -> String? {
        let close = matches[open]
        guard close > open else { return nil }
        var identifiers: [String] = []
        var i = open + 1
        while i < close {
            if isOpener(i) { i = max(matches[i], i) + 1; continue }
            if tokens[i].kind == .identifier { identifiers.append(text(i)) }
            i += 1
        }
        return identifiers.last
    }

    // MARK: - Tokens

    private func text(_ i: Int) -> String {
        var start = tokens[i].start
        var end = tokens[i].end
        if bytes[start] == UInt8(ascii: "`"), language == .swift, end - start >= 2 {
            start += 1
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func isPunctuation(_ i: Int, _ character: Unicode.Scalar) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .punctuation
            && bytes[tokens[i].start] == UInt8(ascii: character)
    }

    private func isOpener(_ i: Int) -> Bool {
        guard tokens[i].kind == .punctuation else { return false }
        let b = bytes[tokens[i].start]
        return b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")
    }

    private func isCloser(_ i: Int) -> Bool {
        guard tokens[i].kind == .punctuation else { return false }
        let b = bytes[tokens[i].start]
        return b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
    }

    /// Pairs brackets; an opener left open by a mismatched closer ends just before it, and one
    /// never closed ends at the last token.
    private static func matchBrackets(_ tokens: [BraceToken], _ bytes: [UInt8]) -> [Int] {
        var matches = [Int](repeating: -1, count: tokens.count)
        var stack: [(index: Int, closer: UInt8)] = []
        for (i, token) in tokens.enumerated() where token.kind == .punctuation {
            let b = bytes[token.start]
            switch b {
            case UInt8(ascii: "("): stack.append((i, UInt8(ascii: ")")))
            case UInt8(ascii: "["): stack.append((i, UInt8(ascii: "]")))
            case UInt8(ascii: "{"): stack.append((i, UInt8(ascii: "}")))
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard stack.contains(where: { $0.closer == b }) else { continue }
                while let top = stack.popLast() {
                    if top.closer == b {
                        matches[top.index] = i
                        matches[i] = top.index
                        break
                    }
                    matches[top.index] = max(top.index, i - 1)
                }
            default:
                break
            }
        }
        for open in stack { matches[open.index] = max(open.index, tokens.count - 1) }
        return matches
    }
}
