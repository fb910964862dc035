import DossierCore

/// One value of a JSON Lines record, as the profiler needs it.
package enum JSONLineValue: Equatable {
    case null
    case bool(Bool)
    /// The number as written, so `39.0` stays a float and `39` an integer.
    case number(String, isInteger: Bool)
    case string(String)
    /// An array or object, kept as its JSON text.
    case nested(String)
}

/// Parses one line of JSON Lines into its top-level object's members, in the order written.
///
/// Foundation's `JSONSerialization` loses key order (and column order is part of a profile) and
/// reads `1.0` and `1` alike; this small strict parser keeps both and says where a line breaks.
package struct JSONLineParser {
    package struct Failure: Error {
        package var message: String
        /// 1-based byte column.
        package var column: Int
    }

    package static let maxDepth = 64

    /// `\n` and friends: the escaped byte → the byte it stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
        UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The members of the object on `line`, or a failure naming what was expected and where.
    /// A key written twice keeps its last value, as Python's `json` does.
    package static func members(of line: [UInt8]) throws(Failure) -> [(key: String, value: JSONLineValue)] {
        var parser = JSONLineParser(line)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "{") else {
            throw parser.failure("each line must be a JSON object (`{…}`)")
        }
        let members = try parser.object(depth: 1)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("unexpected text after the object") }
        return members
    }

    // MARK: Grammar

    private mutating func object(depth: Int) throws(Failure) -> [(key: String, value: JSONLineValue)] {
        index += 1  // "{"
        var members: [(key: String, value: JSONLineValue)] = []
        var positions: [String: Int] = [:]
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
            let value = try value(depth: depth)
            if let position = positions[key] {
                members[position].value = value
            } else {
                positions[key] = members.count
                members.append((key, value))
            }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return members
            default: throw failure("expected `,` or `}`")
            }
        }
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONLineValue {
        skipWhitespace()
        guard let byte = peek else { throw failure("expected a value, found the end of the line") }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let start = index
            try skipContainer(depth: depth + 1)
            return .nested(String(decoding: bytes[start..<index], as: UTF8.self))
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw failure("unexpected character `\(String(decoding: [byte], as: UTF8.self))`")
        }
    }

    /// Validates a nested array or object without building it: the profile keeps its text only.
    private mutating func skipContainer(depth: Int) throws(Failure) {
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        if peek == UInt8(ascii: "{") {
            _ = try object(depth: depth)
            return
        }
        index += 1  // "["
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            _ = try value(depth: depth)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return
            default: throw failure("expected `,` or `]`")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - index >= expected.count, bytes[index..<(index + expected.count)].elementsEqual(expected) else {
            throw failure("expected `\(word)`")
        }
        index += expected.count
    }

    private mutating func number() throws(Failure) -> JSONLineValue {
        let start = index
        var isInteger = true
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw failure("expected digits")
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
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = UTF8Validation.string(decoded) else {
                    throw failure("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &decoded)
            case 0..<0x20:
                throw failure("a control character must be escaped inside a string")
            default:
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
        guard byte == UInt8(ascii: "u") else { throw failure("unknown escape `\\\(String(decoding: [byte], as: UTF8.self))`") }
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), bytes.count - index >= 6,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let saved = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
                index = saved
            }
        }
        // A lone surrogate is not a character: keep the row readable with U+FFFD, as browsers do.
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
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: message, column: index + 1)
    }
}
