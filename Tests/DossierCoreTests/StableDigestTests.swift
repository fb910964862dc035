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
}
