@testable import DossierMarkdown
import Testing

/// `MarkdownInputGuard.countSyntax` sums three counts packed in one integer: it must count what a
/// plain count per byte counts, on every byte value and past the point where it empties the sum.
@Suite struct SyntaxCountTests {
    private func plainCount(_ bytes: [UInt8]) -> (Int, Int, Int) {
        var counts = (0, 0, 0)
        for byte in bytes {
            switch byte {
            case 0x5B, 0x5D: counts.0 += 1
            case 0x2A, 0x5F, 0x7E: counts.1 += 1
            case 0x40, 0x3A: counts.2 += 1
            default: break
            }
        }
        return counts
    }

    @Test func countsAsAPlainCountDoes() {
        var state: UInt64 = 0x853C_49E6_748F_EA9B
        for length in [0, 1, 7, 256, 5_000, 70_000] {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let counted = MarkdownInputGuard.countSyntax(bytes)
            let expected = plainCount(bytes)
            #expect(counted == expected, "\(length) bytes")
        }
        #expect(MarkdownInputGuard.countSyntax(Array(0...255)) == (2, 3, 2))
    }

    /// More of one kind than a packed field holds (2^21): no count carries into the next.
    @Test func manyOfOneKindDoNotCarry() {
        let count = (1 << 21) + (1 << 20) + 3
        for byte: UInt8 in [0x5B, 0x2A, 0x40] {
            let counted = MarkdownInputGuard.countSyntax([UInt8](repeating: byte, count: count))
            let one = plainCount([byte])
            #expect(counted == (one.0 * count, one.1 * count, one.2 * count))
        }
    }
}
