/// Reads what `MemoWriter` wrote. Every read is checked against the end of the bytes, and every
/// count against the bytes left (each item takes at least one byte), so a damaged or hostile
/// input fails with `MemoReader.Malformed` and never reads out of bounds or allocates past its size.
package struct MemoReader {
    /// Thrown at the first byte that does not read back as what was expected.
    package struct Malformed: Error {
        package init() {}
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    package private(set) var offset: Int

    /// Reads `bytes` (which must outlive the reader) from `offset`.
    package init(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    package var atEnd: Bool { offset == bytes.count }

    package var remaining: Int { bytes.count - offset }

    package mutating func byte() throws(Malformed) -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// At most ten bytes; an eleventh, or bits past 64, are malformed.
    package mutating func unsigned() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            if shift == 63, next > 1 { throw Malformed() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
            if shift > 63 { throw Malformed() }
        }
    }

    /// A count of items that each take at least `minimumBytes`: never more than the bytes left allow.
    package mutating func count(minimumBytes: Int = 1) throws(Malformed) -> Int {
        let value = try unsigned()
        guard value <= UInt64(remaining / max(1, minimumBytes)) else { throw Malformed() }
        return Int(value)
    }

    package mutating func integer() throws(Malformed) -> Int {
        let value = try unsigned()
        return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
    }

    package mutating func flag() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    package mutating func string() throws(Malformed) -> String {
        try stringBody(length: try count())
    }

    /// The next `length` bytes as a string (its length was read already).
    package mutating func stringBody(length: Int) throws(Malformed) -> String {
        guard length >= 0, length <= remaining else { throw Malformed() }
        defer { offset += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self)
    }

    /// `string()`, taken from an interner's `slots` when it holds the text already (the interner
    /// must be alive).
    package mutating func string(interning slots: StringInterner.Slots) throws(Malformed) -> String {
        let length = try count()
        // `count()` read at least a byte: the bytes are not empty.
        guard let base = bytes.baseAddress else { throw Malformed() }
        let start = offset
        offset += length
        return slots.string(base + start, count: length, readable: bytes.count - start)
    }

    package mutating func optionalString() throws(Malformed) -> String? {
        try flag() ? try string() : nil
    }

    package mutating func strings() throws(Malformed) -> [String] {
        let count = try count()
        var texts: [String] = []
        // Sized once, but never far ahead of the texts read, whatever a damaged count says.
        texts.reserveCapacity(min(count, 256))
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }

    package mutating func double() throws(Malformed) -> Double {
        guard remaining >= 8 else { throw Malformed() }
        defer { offset += 8 }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return Double(bitPattern: bits)
    }

    package mutating func raw() throws(Malformed) -> [UInt8] {
        let length = try count()
        defer { offset += length }
        return Array(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + length)]))
    }

    /// Skips `length` bytes, returning where they start.
    package mutating func skip(_ length: Int) throws(Malformed) -> Int {
        guard length >= 0, length <= remaining else { throw Malformed() }
        defer { offset += length }
        return offset
    }
}
