import DossierCore
import Testing

/// `StableDigest` reads eight bytes at a time: every length, whatever its remainder, and every
/// split of the same bytes into parts must still give its own digest.
@Suite struct StableDigestTests {
    @Test func everyLengthAndEveryByteCounts() {
        var seen: Set<String> = []
        let text = String(repeating: "abcdefghij", count: 4)
        for length in 0...text.utf8.count {
            let prefix = String(text.prefix(length))
            #expect(seen.insert(StableDigest.of([prefix])).inserted)
            // A change in the last byte (in the word or in the tail) changes the digest.
            if length > 0 {
                #expect(StableDigest.of([prefix]) != StableDigest.of([String(text.prefix(length - 1)) + "Z"]))
            }
        }
    }

    @Test func partsAreMarked() {
        let text = "the quick brown fox jumps"
        var seen: Set<String> = []
        for split in 0...text.count {
            let parts = [String(text.prefix(split)), String(text.dropFirst(split))]
            #expect(seen.insert(StableDigest.of(parts)).inserted)
        }
    }

    @Test func theSameInputGivesTheSameDigest() {
        var a = StableDigest()
        var b = StableDigest()
        a.add("model card")
        a.add(integer: 42)
        b.add("model card")
        b.add(integer: 42)
        #expect(a.hex == b.hex)
        #expect(a.hex.count == 32)
    }

    /// The hex is each lane zero-padded to 16 digits, as `String(radix: 16)` padded spells it:
    /// enough digests that many lanes start with zero digits.
    @Test func hexIsBothLanesPaddedToSixteenDigits() {
        #expect(StableDigest().hex == "cbf29ce484222325" + "6c62272e07bb0142")
        var padded = 0
        for n in 0..<2000 {
            var digest = StableDigest()
            digest.add(integer: n)
            let hex = digest.hex
            #expect(hex.count == 32)
            for lane in [hex.prefix(16), hex.suffix(16)] {
                guard let value = UInt64(lane, radix: 16) else {
                    Issue.record("not hex: \(hex)")
                    continue
                }
                let digits = String(value, radix: 16)
                #expect(String(repeating: "0", count: 16 - digits.count) + digits == String(lane))
                if lane.hasPrefix("0") { padded += 1 }
            }
        }
        #expect(padded > 0)
    }
}
