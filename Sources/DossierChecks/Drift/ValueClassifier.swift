import DossierCore

/// Sorts one raw sample value into missing or a `ValueKind`, over UTF-8 bytes.
///
/// Values are trimmed of ASCII spaces and tabs first, as pandas does when it parses numbers.
/// Missing markers follow pandas' default `na_values` closely: the empty string, `NA`, `N/A`,
/// `null`, `NaN`, `None`, `<NA>` and `#N/A`, in any case. Dates are ISO 8601 only: other
/// spellings (`11/12/2007`) are ambiguous between countries, so they stay text.
package enum ValueClassifier {
    /// The kind of `raw`, or nil when it is a missing-value marker.
    package static func classify(_ raw: String) -> ValueKind? {
        var raw = raw
        return raw.withUTF8 { classify(bytes: trimmed($0)) }
    }

    /// The kind of a JSON string value: JSON already separates numbers and booleans from
    /// strings, so a string only becomes a date, a date-time, missing (`"NA"`, `""`) or text.
    package static func classifyJSONString(_ raw: String) -> ValueKind? {
        var raw = raw
        return raw.withUTF8 { buffer -> ValueKind? in
            let bytes = trimmed(buffer)
            if isMissing(bytes) { return nil }
            if isDate(bytes) { return .date }
            if isDateTime(bytes) { return .datetime }
            return .text
        }
    }

    package static func classify(bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> ValueKind? {
        if isMissing(bytes) { return nil }
        if isInteger(bytes) { return .integer }
        if isFloat(bytes) { return .float }
        if isBoolean(bytes) { return .boolean }
        if isDate(bytes) { return .date }
        if isDateTime(bytes) { return .datetime }
        return .text
    }

    package typealias Bytes = UnsafeBufferPointer<UInt8>.SubSequence

    package static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>) -> Bytes {
        var start = buffer.startIndex, end = buffer.endIndex
        while start < end, buffer[start] == 0x20 || buffer[start] == 0x09 { start += 1 }
        while end > start, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
        return buffer[start..<end]
    }

    // MARK: Missing and boolean words

    private static let missingWords: [[UInt8]] = ["na", "n/a", "null", "nan", "none", "<na>", "#n/a"].map {
        Array($0.utf8)
    }
    private static let booleanWords: [[UInt8]] = ["true", "false", "yes", "no"].map { Array($0.utf8) }
    private static let infinityWords: [[UInt8]] = ["inf", "infinity"].map { Array($0.utf8) }

    package static func isMissing(_ bytes: Bytes) -> Bool {
        bytes.isEmpty || missingWords.contains { equalsIgnoringASCIICase(bytes, $0) }
    }

    package static func isBoolean(_ bytes: Bytes) -> Bool {
        booleanWords.contains { equalsIgnoringASCIICase(bytes, $0) }
    }

    /// `word` must be lowercase ASCII.
    private static func equalsIgnoringASCIICase(_ bytes: Bytes, _ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else { return false }
        var i = bytes.startIndex
        for expected in word {
            var byte = bytes[i]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != expected { return false }
            i += 1
        }
        return true
    }

    // MARK: Numbers

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Counts the digits from `index` on and moves past them.
    private static func skipDigits(_ bytes: Bytes, _ index: inout Int) -> Int {
        let start = index
        while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
        return index - start
    }

    /// Digits with an optional sign. A leading zero (`02139`, `007`) makes it a code, not an
    /// integer: a number would lose the zero, so it is evidence for a string column.
    package static func isInteger(_ bytes: Bytes) -> Bool {
        var i = bytes.startIndex
        if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
        let first = i
        let digits = skipDigits(bytes, &i)
        return digits > 0 && i == bytes.endIndex && !(digits > 1 && bytes[first] == 0x30)
    }

    /// A decimal with a point or an exponent (an integer is not a float here), or an infinity.
    package static func isFloat(_ bytes: Bytes) -> Bool {
        var i = bytes.startIndex
        if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
        let rest = bytes[i...]
        if infinityWords.contains(where: { equalsIgnoringASCIICase(rest, $0) }) { return true }
        var digits = skipDigits(bytes, &i)
        var marked = false
        if i < bytes.endIndex, bytes[i] == 0x2E {  // "."
            i += 1
            marked = true
            digits += skipDigits(bytes, &i)
        }
        guard digits > 0 else { return false }
        if i < bytes.endIndex, bytes[i] == 0x65 || bytes[i] == 0x45 {  // "e" / "E"
            i += 1
            marked = true
            if i < bytes.endIndex, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard skipDigits(bytes, &i) > 0 else { return false }
        }
        return marked && i == bytes.endIndex
    }

    // MARK: Dates

    /// Reads exactly `count` digits at `index` as a number.
    private static func number(_ bytes: Bytes, at index: Int, count: Int) -> Int? {
        guard index + count <= bytes.endIndex else { return nil }
        var value = 0
        for i in index..<(index + count) {
            guard isDigit(bytes[i]) else { return nil }
            value = value * 10 + Int(bytes[i] - 0x30)
        }
        return value
    }

    /// `YYYY-MM-DD` with a real month and a day of 1…31 at the start of `bytes`.
    private static func hasDatePrefix(_ bytes: Bytes) -> Bool {
        let s = bytes.startIndex
        guard bytes.count >= 10, number(bytes, at: s, count: 4) != nil,
            bytes[s + 4] == 0x2D, bytes[s + 7] == 0x2D,
            let month = number(bytes, at: s + 5, count: 2), let day = number(bytes, at: s + 8, count: 2)
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    package static func isDate(_ bytes: Bytes) -> Bool {
        bytes.count == 10 && hasDatePrefix(bytes)
    }

    /// A date, `T` or a space, `HH:MM`, optional `:SS` and fraction, optional `Z` or `±HH[:]MM`.
    package static func isDateTime(_ bytes: Bytes) -> Bool {
        guard hasDatePrefix(bytes), bytes.count >= 16 else { return false }
        var i = bytes.startIndex + 10
        guard bytes[i] == 0x54 || bytes[i] == 0x20 else { return false }  // "T" or " "
        i += 1
        guard let hour = number(bytes, at: i, count: 2), hour < 24, bytes[i + 2] == 0x3A,
            let minute = number(bytes, at: i + 3, count: 2), minute < 60
        else { return false }
        i += 5
        if i < bytes.endIndex, bytes[i] == 0x3A {  // ":SS"
            guard let second = number(bytes, at: i + 1, count: 2), second <= 60 else { return false }
            i += 3
            if i < bytes.endIndex, bytes[i] == 0x2E || bytes[i] == 0x2C {  // fraction
                i += 1
                guard skipDigits(bytes, &i) > 0 else { return false }
            }
        }
        guard i < bytes.endIndex else { return true }
        if bytes[i] == 0x5A || bytes[i] == 0x7A { return i + 1 == bytes.endIndex }  // "Z"
        guard bytes[i] == 0x2B || bytes[i] == 0x2D, number(bytes, at: i + 1, count: 2) != nil else { return false }
        i += 3
        if i == bytes.endIndex { return true }
        if bytes[i] == 0x3A { i += 1 }
        return number(bytes, at: i, count: 2) != nil && i + 2 == bytes.endIndex
    }
}
