import DossierCore
import DossierFormats

/// A hyperparameter value read leniently, so that the same setting written by different tools
/// compares equal: `0.10` and `0.1`, `True` and `true`, `None` and `null`, `[64, 32]` and `(64,32)`.
package enum ParamValue: Equatable, Sendable {
    case number(Double)
    case bool(Bool)
    case null
    case list([ParamValue])
    case text(String)

    package init(_ text: String) {
        let value = text.trimmedSpaces()
        switch value.lowercased() {
        case "true", "yes": self = .bool(true); return
        case "false", "no": self = .bool(false); return
        case "null", "none", "~", "": self = .null; return
        default: break
        }
        if let number = Self.number(value) {
            self = .number(number)
        } else if let open = value.first, let close = value.last, value.count >= 2,
            (open == "[" && close == "]") || (open == "(" && close == ")")
        {
            let inner = value.dropFirst().dropLast()
            self = .list(inner.trimmedSpaces().isEmpty ? [] : Self.splitTopLevel(inner).map(ParamValue.init))
        } else if let open = value.first, let close = value.last, value.count >= 2,
            open == close, open == "\"" || open == "'"
        {
            self = .text(String(value.dropFirst().dropLast()))
        } else {
            self = .text(value)
        }
    }

    package init(_ data: DriftData) {
        switch data {
        case .scalar(let text, _): self.init(text)
        case .list(let items, _): self = .list(items.map(ParamValue.init))
        case .map: self = .text(data.rendered)
        }
    }

    /// Decimal and scientific notation only: Swift's `Double("0x10")` and `Double("nan")` would
    /// turn names and hex strings into numbers.
    private static func number(_ text: String) -> Double? {
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == ".",
            text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) })
        else { return nil }
        return Double(text)
    }

    /// `64, [1, 2], 'a,b'` → three parts: commas inside brackets or quotes do not split.
    private static func splitTopLevel(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" || character == "(" || character == "{" {
                depth += 1
            } else if character == "]" || character == ")" || character == "}" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        // Python writes a one-element tuple as `(64,)`.
        if parts.count > 1, parts.last?.trimmedSpaces().isEmpty == true { parts.removeLast() }
        return parts
    }
}
