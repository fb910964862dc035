import DossierCore

/// A strict JSON reader that keeps line numbers, for metrics and params files.
///
/// Foundation's parsers say neither where a value sits nor, on Linux, reliably where the text went
/// wrong; a metrics file is small, so a plain recursive-descent parser over UTF-8 bytes gives both.
package struct DriftJSON {
    /// Deeper nesting than this is refused rather than risking the stack.
    package static let maximumDepth = 256

    private let bytes: [UInt8]
    private let path: String
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    package static func load(_ text: String, path: String) throws(DriftFileProblem) -> DriftData {
        var parser = DriftJSON(bytes: Array(text.utf8), path: path)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.offset < parser.bytes.count {
            throw parser.failure("unexpected text after the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private func failure(_ reason: String) -> DriftFileProblem {
        DriftFileProblem(path: path, line: line, column: offset - lineStart + 1, reason: "invalid JSON: \(reason)")
    }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                lineStart = offset
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            default:
                return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(DriftFileProblem) {
        guard current == byte else { throw failure("expected \(what)") }
        offset += 1
    }

    private mutating func parseValue(depth: Int) throws(DriftFileProblem) -> DriftData {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        let startLine = line
        switch current {
        case UInt8(ascii: "{"):
            offset += 1
            var entries: [DriftData.Entry] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                offset += 1
                return .map(entries, line: startLine)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':' after an object key")
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                entries.append(.init(key: key, value: value))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}' after an object member")
                return .map(entries, line: startLine)
            }
        case UInt8(ascii: "["):
            offset += 1
            var items: [DriftData] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                offset += 1
                return .list(items, line: startLine)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']' after an array element")
                return .list(items, line: startLine)
            }
        case UInt8(ascii: "\""):
            return .scalar(try parseString(), line: startLine)
        case UInt8(ascii: "t"):
            try literal("true")
            return .scalar("true", line: startLine)
        case UInt8(ascii: "f"):
            try literal("false")
            return .scalar("false", line: startLine)
        case UInt8(ascii: "n"):
            try literal("null")
            return .scalar("null", line: startLine)
        case .some(let byte) where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return .scalar(try parseNumber(), line: startLine)
        case nil:
            throw failure("unexpected end of file")
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func literal(_ word: String) throws(DriftFileProblem) {
        let expected = Array(word.utf8)
        guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else {
            throw failure("unexpected character")
        }
        offset += expected.count
    }

    private mutating func parseNumber() throws(DriftFileProblem) -> String {
        let start = offset
        func digits(_ parser: inout DriftJSON) -> Int {
            var count = 0
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.offset += 1
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw failure("expected digits in a number") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            offset = integerStart
            throw failure("a number cannot start with 0")
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw failure("expected digits after '.' in a number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw failure("expected digits in an exponent") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func parseString() throws(DriftFileProblem) -> String {
        offset += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = current else { throw failure("unterminated string") }
                offset += 1
                let scalar: Unicode.Scalar
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalar = Unicode.Scalar(escape)
                case UInt8(ascii: "b"): scalar = "\u{08}"
                case UInt8(ascii: "f"): scalar = "\u{0C}"
                case UInt8(ascii: "n"): scalar = "\n"
                case UInt8(ascii: "r"): scalar = "\r"
                case UInt8(ascii: "t"): scalar = "\t"
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    // A UTF-16 surrogate pair spells one scalar outside the Basic Multilingual Plane.
                    if (0xD800...0xDBFF).contains(code), current == UInt8(ascii: "\\"),
                       offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") {
                        let resume = offset
                        offset += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            offset = resume  // not a pair: read the next escape on its own
                        }
                    }
                    scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                default:
                    offset -= 1
                    throw failure("invalid escape in a string")
                }
                utf8.append(contentsOf: String(scalar).utf8)
            case 0..<0x20:
                offset -= 1
                throw failure("control character in a string")
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func hex4() throws(DriftFileProblem) -> UInt32 {
        guard offset + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw failure("invalid \\u escape") }
        offset += 4
        return value
    }
}
