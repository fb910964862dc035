import DossierCore

/// A JSON value with where it stands: the one JSON grammar of Dossier (metrics and params files,
/// JSON Lines samples, notebooks, data-file structure).
package struct JSONNode: Sendable {
    package var value: JSONValue
    /// 1-based line of the value's first byte.
    package var line: Int
    /// The value's bytes in the parsed text, so a caller can keep a nested value as written.
    package var range: Range<Int>
}

/// What a JSON value holds. Numbers keep their text, so `39.0` stays a float and `39` an integer;
/// object members keep the order they were written in.
package indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(String, isInteger: Bool)
    case string(String)
    case array([JSONNode])
    case object([(key: String, node: JSONNode)])
}

/// A strict recursive-descent JSON parser over UTF-8 bytes that says where the text went wrong.
///
/// Foundation's parsers lose key order, read `1.0` and `1` alike, and on Linux do not reliably say
/// where an error is. Nesting is bounded, so hostile input cannot exhaust the stack.
package struct JSONParser {
    /// What is wrong and where: 1-based line and byte column.
    package struct Failure: Error, Sendable {
        package var message: String
        package var line: Int
        package var column: Int
    }

    /// Deeper nesting than this is refused rather than risking the stack.
    package static let defaultMaximumDepth = 256

    /// `\n` and friends: the escaped byte → the byte it stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
        UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// The one value `bytes` holds, surrounded by nothing but whitespace.
    package static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(Failure) -> JSONNode {
        var parser = JSONParser(bytes, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return node
    }

    // MARK: Grammar

    private mutating func value(depth: Int) throws(Failure) -> JSONNode {
        guard depth < maximumDepth else { throw failure("nested deeper than \(maximumDepth) levels") }
        guard let byte = peek else { throw failure("expected a value, found the end of the text") }
        let start = index
        let startLine = line
        let value: JSONValue
        switch byte {
        case UInt8(ascii: "{"): value = .object(try object(depth: depth))
        case UInt8(ascii: "["): value = .array(try array(depth: depth))
        case UInt8(ascii: "\""): value = .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            value = .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            value = .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            value = try number()
        default:
            throw failure("unexpected character `\(String(decoding: [byte], as: UTF8.self))`")
        }
        return JSONNode(value: value, line: startLine, range: start..<index)
    }

    private mutating func object(depth: Int) throws(Failure) -> [(key: String, node: JSONNode)] {
        index += 1  // "{"
        var members: [(key: String, node: JSONNode)] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw failure("expected `:` after key \"\(key)\"") }
            index += 1
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return members
            default: throw failure("expected `,` or `}` after an object member")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> [JSONNode] {
        index += 1  // "["
        var items: [JSONNode] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return items
            default: throw failure("expected `,` or `]` after an array element")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected)
        else {
            throw failure("expected `\(word)`")
        }
        index += expected.count
    }

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        var isInteger = true
        if peek == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("expected digits in a number") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            index = integerStart
            throw failure("a number cannot start with 0")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw failure("expected digits after `.`") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("expected digits in the exponent") }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self), isInteger: isInteger)
    }

    private mutating func digits() -> Int {
        let start = index
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func string() throws(Failure) -> String {
        index += 1  // opening quote
        var decoded: [UInt8] = []
        while true {
            guard let byte = peek else { throw failure("a string is never closed") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = UTF8Validation.string(decoded) else { throw failure("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &decoded)
            case 0..<0x20:
                throw failure("a control character must be escaped inside a string")
            default:
                index += 1
                decoded.append(byte)
            }
        }
    }

    private mutating func escape(into decoded: inout [UInt8]) throws(Failure) {
        guard let byte = peek else { throw failure("a string is never closed") }
        index += 1
        if let replacement = Self.simpleEscapes[byte] {
            decoded.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            index -= 1
            throw failure("unknown escape `\\\(String(decoding: [byte], as: UTF8.self))`")
        }
        var scalar = try hex4()
        // A UTF-16 surrogate pair spells one scalar outside the Basic Multilingual Plane.
        if (0xD800..<0xDC00).contains(scalar), bytes.count - index >= 6,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        {
            let saved = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
                index = saved  // not a pair: read the next escape on its own
            }
        }
        // A lone surrogate is not a character: keep the text readable with U+FFFD, as browsers do.
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        decoded.append(contentsOf: Array(String(character).utf8))
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4 else { throw failure("expected four hex digits after `\\u`") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after `\\u`")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: Bytes

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
            if byte == 0x0A {
                line += 1
                lineStart = index
            }
        }
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, line: line, column: index - lineStart + 1)
    }
}
