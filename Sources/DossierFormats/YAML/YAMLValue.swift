import DossierCore
import Yams

/// A front-matter value with the line and column it was written at, converted from Yams' tree
/// so that checks can point at the exact line of every key and value.
package struct YAMLValue: Sendable, Hashable {
    package struct Entry: Sendable, Hashable {
        package var key: String
        package var value: YAMLValue
        /// Where the key is written.
        package var line: Int
        package var column: Int
    }

    package enum Content: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case list([YAMLValue])
        case map([Entry])
    }

    package var content: Content
    /// The scalar as written (for numbers: `0.10` stays `0.10`).
    package var text: String
    package var line: Int
    package var column: Int

    package init(_ content: Content, text: String = "", line: Int = 1, column: Int = 1) {
        self.content = content
        self.text = text
        self.line = line
        self.column = column
    }

    /// Entries of a mapping, or nil.
    package var entries: [Entry]? {
        if case let .map(entries) = content { return entries }
        return nil
    }

    package subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key == key }?.value
    }

    package func entry(_ key: String) -> Entry? {
        entries?.first { $0.key == key }
    }

    /// A scalar as text (strings, numbers and booleans as written); nil for null, lists and maps.
    package var scalarText: String? {
        switch content {
        case let .string(s): s
        case .int, .float, .bool: text
        default: nil
        }
    }

    package var string: String? {
        if case let .string(s) = content { return s }
        return nil
    }

    package var number: Double? {
        switch content {
        case let .int(i): Double(i)
        case let .float(d): d
        default: nil
        }
    }

    package var list: [YAMLValue]? {
        if case let .list(items) = content { return items }
        return nil
    }

    /// A single scalar or a list of scalars, as strings: how reference keys accept ids.
    package var stringList: [String]? {
        if let s = scalarText { return [s] }
        guard let items = list else { return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.scalarText else { return nil }
            out.append(s)
        }
        return out
    }

    /// A name for the value's type in messages: "a string", "a list", "a mapping"…
    package var typeDescription: String {
        switch content {
        case .null: "nothing (null)"
        case .bool: "a boolean"
        case .int: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    /// Converts a Yams node, giving up past `budget` nodes so alias-expanded bombs stay cheap.
    package static func from(_ node: Node, lineOffset: Int, budget: inout Int) throws -> YAMLValue {
        budget -= 1
        if budget < 0 { throw FrontMatter.TooLarge() }
        let line = (node.mark?.line ?? 1) + lineOffset
        let column = node.mark?.column ?? 1
        switch node {
        case let .scalar(scalar):
            let text = scalar.string
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal
                || scalar.style == .folded
            {
                return YAMLValue(.string(text), text: text, line: line, column: column)
            }
            // An explicit tag (`!!str 3`) decides; plain scalars are resolved by `PlainScalar`.
            if node.tag.rawValue == Tag.Name.str.rawValue, scalar.style == .plain {
                return YAMLValue(PlainScalar.resolve(text), text: text, line: line, column: column)
            }
            switch node.tag.rawValue {
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue, Tag.Name.bool.rawValue, Tag.Name.null.rawValue:
                return YAMLValue(PlainScalar.resolve(text), text: text, line: line, column: column)
            default:
                return YAMLValue(.string(text), text: text, line: line, column: column)
            }
        case let .mapping(mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                let converted = try from(value, lineOffset: lineOffset, budget: &budget)
                entries.append(
                    Entry(
                        key: key.string ?? String(describing: key), value: converted,
                        line: (key.mark?.line ?? 1) + lineOffset, column: key.mark?.column ?? 1))
            }
            return YAMLValue(.map(entries), line: line, column: column)
        case let .sequence(sequence):
            var items: [YAMLValue] = []
            for item in sequence {
                items.append(try from(item, lineOffset: lineOffset, budget: &budget))
            }
            return YAMLValue(.list(items), line: line, column: column)
        case .alias:
            return YAMLValue(.null, line: line, column: column)
        }
    }
}

/// YAML 1.1's implicit types for plain scalars (what Yams' default resolver does with regular
/// expressions), decided over bytes: front matter of ten thousand documents made
/// NSRegularExpression one of the largest costs of a build.
package enum PlainScalar {
    package static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    package static let trues: Set<String> = ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    package static let falses: Set<String> = ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]

    package static func resolve(_ text: String) -> YAMLValue.Content {
        // Every word of the three sets is at most 5 bytes, and no longer text equals one (no
        // non-ASCII text is canonically equivalent to these words): skip three hash lookups.
        if text.utf8.count <= 5 {
            if nulls.contains(text) { return .null }
            if trues.contains(text) { return .bool(true) }
            if falses.contains(text) { return .bool(false) }
        }
        guard let first = text.utf8.first,
            (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x2E
        else {
            return .string(text)
        }
        if let int = integer(text) { return .int(int) }
        if let float = float(text) { return .float(float) }
        return .string(text)
    }

    package static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, !body.hasPrefix("_") else { return nil }
        let digits = body.replacingOccurrences(of: "_", with: "")
        let value: Int?
        if digits.hasPrefix("0x") {
            value = Int(digits.dropFirst(2), radix: 16)
        } else if digits.hasPrefix("0b") {
            value = Int(digits.dropFirst(2), radix: 2)
        } else if digits.hasPrefix("0o") {
            value = Int(digits.dropFirst(2), radix: 8)
        } else if digits.count > 1, digits.hasPrefix("0") {
            value = Int(digits.dropFirst(), radix: 8)
        } else {
            value = digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Int(digits) : nil
        }
        return value.map { negative ? -$0 : $0 }
    }

    package static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // Digits, at most one point, an optional exponent: what YAML 1.1 calls a float.
        var sawDigit = false
        var sawPoint = false
        var sawExponent = false
        var previous: UInt8 = 0
        for (i, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x30...0x39: sawDigit = true
            case 0x5F: if !sawDigit { return nil }
            case 0x2E: if sawPoint || sawExponent { return nil }; sawPoint = true
            case 0x65, 0x45: if sawExponent || !sawDigit { return nil }; sawExponent = true
            case 0x2B, 0x2D: if !(i == 0 || previous == 0x65 || previous == 0x45) { return nil }
            default: return nil
            }
            previous = byte
        }
        guard sawDigit else { return nil }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }
}
