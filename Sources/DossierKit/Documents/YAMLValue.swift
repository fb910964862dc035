import Yams

/// A front-matter value with the line and column it was written at, converted from Yams' tree
/// so that checks can point at the exact line of every key and value.
public struct YAMLValue: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: YAMLValue
        /// Where the key is written.
        public var line: Int
        public var column: Int
    }

    public enum Content: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case list([YAMLValue])
        case map([Entry])
    }

    public var content: Content
    /// The scalar as written (for numbers: `0.10` stays `0.10`).
    public var text: String
    public var line: Int
    public var column: Int

    public init(_ content: Content, text: String = "", line: Int = 1, column: Int = 1) {
        self.content = content
        self.text = text
        self.line = line
        self.column = column
    }

    /// Entries of a mapping, or nil.
    public var entries: [Entry]? {
        if case let .map(entries) = content { return entries }
        return nil
    }

    public subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key == key }?.value
    }

    public func entry(_ key: String) -> Entry? {
        entries?.first { $0.key == key }
    }

    /// A scalar as text (strings, numbers and booleans as written); nil for null, lists and maps.
    public var scalarText: String? {
        switch content {
        case let .string(s): s
        case .int, .float, .bool: text
        default: nil
        }
    }

    public var string: String? {
        if case let .string(s) = content { return s }
        return nil
    }

    public var number: Double? {
        switch content {
        case let .int(i): Double(i)
        case let .float(d): d
        default: nil
        }
    }

    public var list: [YAMLValue]? {
        if case let .list(items) = content { return items }
        return nil
    }

    /// A single scalar or a list of scalars, as strings: how reference keys accept ids.
    public var stringList: [String]? {
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
    public var typeDescription: String {
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
    static func from(_ node: Node, lineOffset: Int, budget: inout Int) throws -> YAMLValue {
        budget -= 1
        if budget < 0 { throw FrontMatter.TooLarge() }
        let line = (node.mark?.line ?? 1) + lineOffset
        let column = node.mark?.column ?? 1
        switch node {
        case let .scalar(scalar):
            let text = scalar.string
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
                return YAMLValue(.string(text), text: text, line: line, column: column)
            }
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null:
                return YAMLValue(.null, text: text, line: line, column: column)
            case .bool:
                return YAMLValue(.bool(node.bool ?? false), text: text, line: line, column: column)
            case .int:
                if let value = node.int { return YAMLValue(.int(value), text: text, line: line, column: column) }
                return YAMLValue(.string(text), text: text, line: line, column: column)
            case .float:
                if let value = node.float { return YAMLValue(.float(value), text: text, line: line, column: column) }
                return YAMLValue(.string(text), text: text, line: line, column: column)
            default:
                return YAMLValue(.string(text), text: text, line: line, column: column)
            }
        case let .mapping(mapping):
            var entries: [Entry] = []
            for (key, value) in mapping {
                let converted = try from(value, lineOffset: lineOffset, budget: &budget)
                entries.append(Entry(key: key.string ?? String(describing: key), value: converted,
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
