import DossierCore

/// Reads the front matter most documents have — one `key: value` a line, values plain or quoted
/// scalars or one-line flow lists and mappings of them — without Yams, giving the same
/// `YAMLValue` (content, text, line and column) that composing with Yams gives.
///
/// Composing with Yams cost ~250,000 instructions for ten lines of front matter, 10% of
/// `dossier check`. Anything outside the narrow subset below returns nil and goes through Yams
/// as before, so errors, aliases, tags, block scalars, nesting and multi-line values keep their
/// exact behaviour:
/// - printable ASCII only (libyaml counts columns in characters): no tab, no CR; no `---`/`...` lines;
/// - blank lines and whole-line `#` comments; every other line starts at column 1 with a key of
///   `[A-Za-z_][A-Za-z0-9_-]*`, then `:`, spaces and a value on the same line; no key twice;
/// - or `key:` ending its line, then a one-level block mapping: lines indented by the same spaces,
///   each a key and value as above (environment pages' `packages:`), with no blank or comment line;
/// - a value is a plain scalar starting with a letter, digit or `_` (no `: `, ` #` or ending `:`),
///   a quoted scalar without escapes or inner quotes, or `[…]` / `{key: value, …}` of such
///   scalars (flow scalars also without `,[]{}:?`, quotes, and `#` after a space).
/// Plain scalars resolve with `PlainScalar`, as the `.basic` resolver leaves them to it.
package enum SimpleFrontMatter {
    /// The front matter as Yams would compose it, lines counted after `lineOffset` lines; nil when
    /// the text is outside the subset.
    package static func parse(_ yaml: String, lineOffset: Int) -> YAMLValue? {
        var copy = yaml
        return copy.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, lineOffset: lineOffset)
            return reader.document()
        }
    }

    /// The keys of one mapping so far. Front matter has about ten: comparing with each is
    /// cheaper than hashing every key (a fifth of this reader's time); a long mapping switches to
    /// a hashed set, so hostile front matter stays linear.
    private struct KeySet {
        private static let listed = 16
        private var list: [String] = []
        private var hashed: Set<String>?

        /// Adds `key`; false when it was there already.
        mutating func insert(_ key: String) -> Bool {
            if hashed != nil { return hashed!.insert(key).inserted }
            if list.contains(key) { return false }
            if list.count < Self.listed {
                if list.isEmpty { list.reserveCapacity(Self.listed) }
                list.append(key)
            } else {
                hashed = Set(list + [key])
            }
            return true
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        var position = 0
        var line = 1
        var lineStart = 0
        var nodes = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
            self.bytes = bytes
            self.lineOffset = lineOffset
        }

        var column: Int { position - lineStart + 1 }

        func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0x0A }

        mutating func document() -> YAMLValue? {
            for byte in bytes where byte >= 0x7F || (byte < 0x20 && byte != 0x0A) {
                return nil
            }
            var entries: [YAMLValue.Entry] = []
            entries.reserveCapacity(16)
            var keys = KeySet()
            var mapLine: Int?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x0A || byte == 0x20 || byte == 0x23 {
                    // A blank line, or a comment at column 1; an indented non-blank line is not ours.
                    if byte != 0x23 {
                        var index = position
                        while at(index) == 0x20 { index += 1 }
                        guard at(index) == 0x0A || at(index) == 0x23 else { return nil }
                    }
                    skipLine()
                    continue
                }
                guard isKeyStart(byte) else { return nil }
                let keyLine = line
                mapLine = mapLine ?? keyLine
                if let key = mappingKey(notIn: &keys) {
                    guard let value = nestedMapping() else { return nil }
                    entries.append(YAMLValue.Entry(key: key, value: value, line: keyLine + lineOffset, column: 1))
                    nodes += 2
                    continue
                }
                guard let key = key(notIn: &keys), let value = blockValue() else { return nil }
                entries.append(YAMLValue.Entry(key: key, value: value, line: keyLine + lineOffset, column: 1))
                nodes += 2
                guard endOfLine() else { return nil }
            }
            guard let mapLine, nodes < SafeYAML.maxNodes else { return nil }
            return YAMLValue(.map(entries), line: mapLine + lineOffset, column: 1)
        }

        /// The value after `key: `, up to the end of its line.
        mutating func blockValue() -> YAMLValue? {
            switch at(position) {
            case 0x5B: return flowSequence()
            case 0x7B: return flowMapping()
            case 0x27, 0x22: return quoted()
            default: break
            }
            guard isPlainStart(at(position)) else { return nil }
            let start = position
            let startColumn = column
            var end = position
            while at(position) != 0x0A {
                let byte = at(position)
                if byte == 0x3A, at(position + 1) == 0x20 || at(position + 1) == 0x0A { return nil }
                if byte == 0x23, at(position - 1) == 0x20 { return nil }
                position += 1
                if byte != 0x20 { end = position }
            }
            position = end
            return plain(start, end, column: startColumn)
        }

        mutating func flowSequence() -> YAMLValue? {
            let startLine = line
            let startColumn = column
            position += 1
            var items: [YAMLValue] = []
            skipSpaces()
            if at(position) == 0x5D {
                position += 1
                return YAMLValue(.list([]), line: startLine + lineOffset, column: startColumn)
            }
            while true {
                guard let item = flowScalar() else { return nil }
                items.append(item)
                nodes += 1
                guard let closed = endOfFlowItem(closing: 0x5D) else { return nil }
                if closed { break }
            }
            return YAMLValue(.list(items), line: startLine + lineOffset, column: startColumn)
        }

        mutating func flowMapping() -> YAMLValue? {
            let startLine = line
            let startColumn = column
            position += 1
            var entries: [YAMLValue.Entry] = []
            var keys = KeySet()
            skipSpaces()
            guard at(position) != 0x7D else { return nil }
            while true {
                guard isKeyStart(at(position)) else { return nil }
                let keyColumn = column
                guard let key = key(notIn: &keys), let value = flowScalar() else { return nil }
                entries.append(YAMLValue.Entry(key: key, value: value, line: line + lineOffset, column: keyColumn))
                nodes += 2
                guard let closed = endOfFlowItem(closing: 0x7D) else { return nil }
                if closed { break }
            }
            return YAMLValue(.map(entries), line: startLine + lineOffset, column: startColumn)
        }

        /// `key:` ending its line (the first byte already checked by the caller), with a key not in
        /// `keys`, which then holds it; the position is left at the next line. Nil, with the
        /// position unchanged, for any other line.
        mutating func mappingKey(notIn keys: inout KeySet) -> String? {
            var end = position
            while isKeyByte(at(end)) { end += 1 }
            guard at(end) == 0x3A, end + 1 < bytes.count, bytes[end + 1] == 0x0A else { return nil }
            let key = text(position, end)
            guard keys.insert(key) else { return nil }
            position = end + 1
            skipLine()
            return key
        }

        /// The block mapping under `key:` — one level: lines indented by the same number of spaces
        /// as its first, each `key: value` with a value as at the top level — up to the first line
        /// that starts at column 1 or the end. Any other line (blank, a comment, deeper or less
        /// indented, a list item) leaves the whole front matter to Yams.
        mutating func nestedMapping() -> YAMLValue? {
            var indent = 0
            while at(position + indent) == 0x20 { indent += 1 }
            guard indent > 0, position + indent < bytes.count, isKeyStart(bytes[position + indent]) else {
                return nil
            }
            let startLine = line
            var entries: [YAMLValue.Entry] = []
            var keys = KeySet()
            while position < bytes.count, bytes[position] == 0x20 {
                for offset in 0..<indent where at(position + offset) != 0x20 { return nil }
                position += indent
                guard isKeyStart(at(position)) else { return nil }
                let keyColumn = column
                guard let key = key(notIn: &keys), let value = blockValue() else { return nil }
                entries.append(YAMLValue.Entry(key: key, value: value, line: line + lineOffset, column: keyColumn))
                nodes += 2
                guard endOfLine() else { return nil }
            }
            return YAMLValue(.map(entries), line: startLine + lineOffset, column: indent + 1)
        }

        /// `key: ` (the first byte already checked by the caller) with a key not in `keys`, which
        /// then holds it; the position is left after the spaces that follow.
        mutating func key(notIn keys: inout KeySet) -> String? {
            let start = position
            while isKeyByte(at(position)) { position += 1 }
            guard at(position) == 0x3A, at(position + 1) == 0x20 else { return nil }
            let key = text(start, position)
            guard keys.insert(key) else { return nil }
            position += 1
            skipSpaces()
            return key
        }

        /// After an item of `[…]` or `{…}`: true at the closing bracket (consumed), false after
        /// `, ` (another item follows), nil for anything else.
        mutating func endOfFlowItem(closing: UInt8) -> Bool? {
            skipSpaces()
            if at(position) == closing {
                position += 1
                return true
            }
            guard at(position) == 0x2C, at(position + 1) == 0x20 else { return nil }
            position += 1
            skipSpaces()
            return false
        }

        /// A plain or quoted scalar inside `[…]` or `{…}`.
        mutating func flowScalar() -> YAMLValue? {
            let byte = at(position)
            if byte == 0x27 || byte == 0x22 { return quoted() }
            guard isPlainStart(byte) else { return nil }
            let start = position
            let startColumn = column
            var end = position
            while true {
                let byte = at(position)
                if byte == 0x2C || byte == 0x5D || byte == 0x7D || byte == 0x0A { break }
                switch byte {
                case 0x5B, 0x7B, 0x3A, 0x3F, 0x27, 0x22: return nil
                case 0x23: if at(position - 1) == 0x20 { return nil }
                default: break
                }
                position += 1
                if byte != 0x20 { end = position }
            }
            guard at(position) != 0x0A else { return nil }
            position = end
            return plain(start, end, column: startColumn)
        }

        /// `'text'` or `"text"` on one line, with no escape and no quote inside.
        mutating func quoted() -> YAMLValue? {
            let quote = at(position)
            let startColumn = column
            position += 1
            let start = position
            while at(position) != quote {
                let byte = at(position)
                if byte == 0x0A || byte == 0x5C { return nil }
                position += 1
            }
            let value = text(start, position)
            position += 1
            // `'it''s'` is one scalar with an escaped quote: not ours.
            if at(position) == quote { return nil }
            return YAMLValue(.string(value), text: value, line: line + lineOffset, column: startColumn)
        }

        func plain(_ start: Int, _ end: Int, column: Int) -> YAMLValue {
            let value = text(start, end)
            return YAMLValue(PlainScalar.resolve(value), text: value, line: line + lineOffset, column: column)
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        mutating func skipSpaces() {
            while at(position) == 0x20 { position += 1 }
        }

        /// Only spaces may follow a value before the line break (a comment would need a space first).
        mutating func endOfLine() -> Bool {
            skipSpaces()
            guard at(position) == 0x0A else { return false }
            skipLine()
            return true
        }

        mutating func skipLine() {
            while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            position += 1
            line += 1
            lineStart = position
        }

        func isKeyStart(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
        }

        func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
        }

        func isPlainStart(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39)
        }
    }
}
