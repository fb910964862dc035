/// A 128-bit digest that is the same on every machine and every run (two FNV-1a 64 lanes with
/// different seeds, over 8-byte words; no `Hasher` seeding), for build-cache keys. Not a
/// cryptographic hash: the cache trusts its own folder, as it trusts the project it sits in.
package struct StableDigest: Sendable, Equatable {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142

    package init() {}

    /// The digest whose lanes are `lanes` (`self.lanes`): one saved as two numbers.
    package init(lanes: (UInt64, UInt64)) {
        (a, b) = lanes
    }

    /// The digest's two 64-bit lanes, to save it as numbers rather than as its hex.
    package var lanes: (UInt64, UInt64) { (a, b) }

    /// Eight bytes at a time (then the last ones singly): keys digest every document's search
    /// text and face on every cached build, and a byte at a time was most of that cost.
    package mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            a = (a ^ word) &* 0x0000_0100_0000_01b3
            a ^= a >> 32
            b = (b ^ (word >> 7 | word << 57)) &* 0x9e37_79b9_7f4a_7c15
            b ^= b >> 29
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
            offset += 1
        }
    }

    package mutating func add(bytes: [UInt8]) {
        bytes.withUnsafeBytes { add(counted: $0) }
    }

    /// `add(bytes:)` of contiguous bytes: the bytes and a length marker.
    package mutating func add(counted bytes: UnsafeRawBufferPointer) {
        add(bytes)
        add(separator: bytes.count)
    }

    /// Adds `text` and a length marker, so `("ab", "c")` and `("a", "bc")` differ.
    package mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        add(separator: text.utf8.count)
    }

    /// Adds an integer as 8 bytes (fixed width: no marker needed after it).
    package mutating func add(integer: Int) {
        var value = Int64(integer).littleEndian
        withUnsafeBytes(of: &value) { add($0) }
    }

    /// Adds the value of `other` (16 bytes, fixed width): a digest of digests without their hex
    /// texts, which a digest kept per document would hold on the heap.
    package mutating func add(digest other: StableDigest) {
        var words = (other.a.littleEndian, other.b.littleEndian)
        withUnsafeBytes(of: &words) { add($0) }
    }

    private mutating func add(separator count: Int) {
        var marker = UInt64(count) ^ 0xff00_ff00_ff00_ff00
        withUnsafeBytes(of: &marker) { add($0) }
    }

    /// 32 lowercase hex digits, `a`'s then `b`'s, each zero-padded to 16. Written into the
    /// string's own storage: two `String(radix:)`s padded and joined were five strings per
    /// digest, 102 M instructions of a build after one edit at 10,000 documents (every saved
    /// document's check and every page key).
    package var hex: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            func write(_ word: UInt64, at start: Int) {
                for i in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * i)) & 0xF
                    buffer[start + i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                }
            }
            write(a, at: 0)
            write(b, at: 16)
            return 32
        }
    }

    /// The digest of `bytes` (a document's source, for its page's cache key).
    package static func of(bytes: [UInt8]) -> String {
        var digest = StableDigest()
        digest.add(bytes: bytes)
        return digest.hex
    }

    /// The digest of `parts`, each length-marked.
    package static func of(_ parts: [String]) -> String {
        var digest = StableDigest()
        for part in parts { digest.add(part) }
        return digest.hex
    }
}
