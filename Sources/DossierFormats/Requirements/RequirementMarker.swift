import DossierCore

/// Evaluates PEP 508 environment markers (`python_version < "3.12" and sys_platform == "linux"`)
/// against the documented Python version.
///
/// Only `python_version` and `python_full_version` are known; anything else (platform, extras)
/// is unknown, and the three-valued result says so: `nil` means "cannot tell".
package struct RequirementMarker {
    private enum Token: Equatable {
        case open, close, and, or, not, `in`
        case comparison(String)
        case variable(String)
        case literal(String)
    }

    private let tokens: [Token]
    private var position = 0
    private let pythonVersion: String?
    private let pythonFullVersion: String?

    /// True or false when the marker's outcome is known for this Python, nil otherwise.
    package static func evaluate(_ marker: String, python: String?) -> Bool? {
        guard let tokens = tokenize(marker) else { return nil }
        var release: String? = nil
        if let python, let parsed = PEP440Version(python) {
            release = parsed.release.prefix(2).map(String.init).joined(separator: ".")
        }
        var evaluator = RequirementMarker(tokens: tokens, pythonVersion: release, pythonFullVersion: python)
        guard let result = evaluator.parseOr(), evaluator.position == tokens.count else { return nil }
        return result.value
    }

    /// A parsed sub-expression: `value` is its three-valued truth.
    private struct Outcome { var value: Bool? }

    private init(tokens: [Token], pythonVersion: String?, pythonFullVersion: String?) {
        self.tokens = tokens
        self.pythonVersion = pythonVersion
        self.pythonFullVersion = pythonFullVersion
    }

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func parseOr() -> Outcome? {
        guard var left = parseAnd() else { return nil }
        while current == .or {
            position += 1
            guard let right = parseAnd() else { return nil }
            // Kleene logic: true wins, then unknown.
            if left.value == true || right.value == true {
                left = Outcome(value: true)
            } else if left.value == nil || right.value == nil {
                left = Outcome(value: nil)
            } else {
                left = Outcome(value: false)
            }
        }
        return left
    }

    private mutating func parseAnd() -> Outcome? {
        guard var left = parseAtom() else { return nil }
        while current == .and {
            position += 1
            guard let right = parseAtom() else { return nil }
            if left.value == false || right.value == false {
                left = Outcome(value: false)
            } else if left.value == nil || right.value == nil {
                left = Outcome(value: nil)
            } else {
                left = Outcome(value: true)
            }
        }
        return left
    }

    private mutating func parseAtom() -> Outcome? {
        if current == .open {
            position += 1
            guard let inner = parseOr(), current == .close else { return nil }
            position += 1
            return inner
        }
        guard let left = current else { return nil }
        position += 1
        let op: String
        switch current {
        case .comparison(let symbol):
            op = symbol
            position += 1
        case .in:
            op = "in"
            position += 1
        case .not:
            position += 1
            guard current == .in else { return nil }
            op = "not in"
            position += 1
        default:
            return nil
        }
        guard let right = current else { return nil }
        position += 1
        return Outcome(value: compare(left, op, right))
    }

    private func compare(_ left: Token, _ op: String, _ right: Token) -> Bool? {
        switch (left, right) {
        case (.variable(let name), .literal(let text)):
            return compareVersion(of: name, op, text, flipped: false)
        case (.literal(let text), .variable(let name)):
            return compareVersion(of: name, op, text, flipped: true)
        default:
            return nil
        }
    }

    private func compareVersion(of variable: String, _ op: String, _ literal: String, flipped: Bool) -> Bool? {
        let value: String?
        switch variable {
        case "python_version": value = pythonVersion
        case "python_full_version": value = pythonFullVersion
        default: return nil
        }
        guard let value, op != "in", op != "not in" else { return nil }
        var symbol = op
        if flipped {
            // "3.8" < python_version  ⇔  python_version > "3.8"
            symbol = ["<": ">", ">": "<", "<=": ">=", ">=": "<="][op] ?? op
        }
        let verdict = VersionConstraint.pep440(symbol + literal).verdict(for: value)
        switch verdict {
        case .satisfied: return true
        case .violated: return false
        case .unsure: return nil
        }
    }

    private static func tokenize(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                tokens.append(.open)
                index += 1
            } else if character == ")" {
                tokens.append(.close)
                index += 1
            } else if character == "\"" || character == "'" {
                guard let end = characters[(index + 1)...].firstIndex(of: character) else { return nil }
                tokens.append(.literal(String(characters[(index + 1)..<end])))
                index = end + 1
            } else if "<>=!~".contains(character) {
                var symbol = ""
                while index < characters.count, "<>=!~".contains(characters[index]) {
                    symbol.append(characters[index])
                    index += 1
                }
                tokens.append(.comparison(symbol))
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count,
                    characters[index].isLetter || characters[index].isNumber
                        || characters[index] == "_" || characters[index] == "."
                {
                    word.append(characters[index])
                    index += 1
                }
                switch word {
                case "and": tokens.append(.and)
                case "or": tokens.append(.or)
                case "not": tokens.append(.not)
                case "in": tokens.append(.in)
                default: tokens.append(.variable(word))
                }
            } else {
                return nil
            }
        }
        return tokens
    }
}
