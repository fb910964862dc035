import DossierCore
import Testing

/// `StringInterner` hands out a text it made before for the same bytes: whatever the bytes (every
/// length around its word and size limits, invalid UTF-8, texts that share a slot and push each
/// other out), what it gives must be what `String(decoding:as:)` makes of them.
@Suite struct StringInternerTests {
    private static func decoded(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    private static func interned(_ bytes: [UInt8], _ interner: StringInterner) -> String {
        bytes.withUnsafeBufferPointer { interner.string($0) }
    }

    /// Byte for byte equal: `==` alone would let a differently normalized text pass.
    private static func expectSame(_ bytes: [UInt8], _ interner: StringInterner) {
        let text = Self.interned(bytes, interner)
        #expect(Array(text.utf8) == Array(decoded(bytes).utf8), "\(bytes)")
    }

    @Test func everyLengthReadsBackAsDecoded() {
        let interner = StringInterner()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for length in 0...140 {
            let bytes = (0..<length).map { alphabet[$0 % alphabet.count] }
            // Made, then taken from the interner, then taken again after a text one byte different.
            Self.expectSame(bytes, interner)
            Self.expectSame(bytes, interner)
            if length > 0 {
                var other = bytes
                other[length - 1] = UInt8(ascii: "#")
                Self.expectSame(other, interner)
                Self.expectSame(bytes, interner)
            }
        }
    }

    @Test func invalidUTF8IsRepairedAsDecodingDoes() {
        let interner = StringInterner()
        let samples: [[UInt8]] = [
            [0xFF], [0x61, 0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
            Array("héllo wörld, and a longer text after it".utf8),
            Array("a text longer than fifteen bytes".utf8) + [0xFF, 0xFE],
            // Invalid bytes whose repaired text may have as many bytes (a surrogate's three, one
            // U+FFFD's three): a text kept is taken only for its very bytes.
            Array("sixteen bytes...".utf8) + [0xED, 0xA0, 0x80],
            Array("sixteen bytes...".utf8) + [0xEF, 0xBF],
        ]
        for bytes in samples + samples {
            Self.expectSame(bytes, interner)
        }
        // The valid text the repair gives is its own entry, not the invalid bytes' text.
        for bytes in samples {
            Self.expectSame(Array(Self.decoded(bytes).utf8), interner)
            Self.expectSame(bytes, interner)
        }
    }

    @Test func manyTextsSharingSlotsStayTheirOwn() {
        let interner = StringInterner()
        // More texts than the interner has slots, short and long, each read twice in turn.
        let texts = (0..<40_000).map { i in i % 2 == 0 ? "k\(i)" : "a longer text, number \(i)" }
        for round in 0..<2 {
            for text in texts {
                let bytes = Array(text.utf8)
                #expect(Self.interned(bytes, interner) == text, "round \(round)")
            }
        }
    }
}
