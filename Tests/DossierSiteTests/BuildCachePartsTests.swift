@testable import DossierSite
import Foundation
import Testing

/// The search index's bundle is stored part by part (issue 15): the entry must read back as the
/// parts joined, under the checksum a one-piece store gives, however the parts cut the 8-byte words.
@Suite struct BuildCachePartsTests {
    static let parts: [[UInt8]] = [[1], [], Array(2...8), Array(9...25), [26, 27], Array(28...60), [61]]

    @Test func anEntryStoredInPartsReadsBackWhole() throws {
        let folder = NSTemporaryDirectory() + "dossier-cache-parts-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let cache = try #require(BuildCache(folder: folder))
            cache.store(cache.key(["parts"]), parts: Self.parts)
            cache.store(cache.key(["empty"]), parts: [[], []])
            #expect(cache.lookup(cache.key(["parts"]), siteWide: true) == Self.parts.flatMap { $0 })
            #expect(cache.lookup(cache.key(["empty"]), siteWide: true) == [])
            cache.prune()
        }
        // And from the files, as the next build reads them.
        let reopened = try #require(BuildCache(folder: folder))
        #expect(reopened.lookup(reopened.key(["parts"]), siteWide: true) == Self.parts.flatMap { $0 })
        let memory = MemoryBuildCache()
        memory.store(memory.key(["parts"]), parts: Self.parts)
        #expect(memory.lookup(memory.key(["parts"]), siteWide: true) == Self.parts.flatMap { $0 })
    }

    @Test func aChecksumInPiecesIsTheChecksumOfTheWhole() {
        let whole = Self.parts.flatMap { $0 }
        for cut in 0...whole.count {
            var checksum = BuildCache.Checksum(count: whole.count)
            whole.withUnsafeBytes { bytes in
                checksum.add(UnsafeRawBufferPointer(rebasing: bytes[0..<cut]))
                checksum.add(UnsafeRawBufferPointer(rebasing: bytes[cut...]))
            }
            #expect(checksum.value == whole.withUnsafeBytes { BuildCache.checksum($0) }, "cut at \(cut)")
        }
        // The one-piece checksum, spelled out: two lanes seeded with the length, folded, then the
        // word and the byte after the last 32-byte block (there is none here).
        func word(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (hash ^ word) &* 0x0000_0100_0000_01b3
            return mixed ^ (mixed >> 29)
        }
        let seed: UInt64 = 0xcbf2_9ce4_8422_2325 ^ 9
        var expected = word(word(seed, seed ^ 0x6c62_272e_07bb_0142), 0x0807_0605_0403_0201)
        expected = (expected ^ 9) &* 0x0000_0100_0000_01b3
        #expect(Array(UInt8(1)...9).withUnsafeBytes { BuildCache.checksum($0) } == expected)
    }

    /// Pieces that cut 32-byte blocks anywhere, several blocks long, give the one-piece checksum;
    /// a byte changed or two blocks swapped give another.
    @Test func aChecksumInThreePiecesOfSeveralBlocksIsTheChecksumOfTheWhole() {
        let whole = (0..<203).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let expected = whole.withUnsafeBytes { BuildCache.checksum($0) }
        for first in stride(from: 0, through: whole.count, by: 7) {
            for second in stride(from: first, through: whole.count, by: 5) {
                var checksum = BuildCache.Checksum(count: whole.count)
                whole.withUnsafeBytes { bytes in
                    checksum.add(UnsafeRawBufferPointer(rebasing: bytes[0..<first]))
                    checksum.add(UnsafeRawBufferPointer(rebasing: bytes[first..<second]))
                    checksum.add(UnsafeRawBufferPointer(rebasing: bytes[second...]))
                }
                #expect(checksum.value == expected, "cut at \(first), \(second)")
            }
        }
        // One block: each lane multiplied on, then the product of its two words, each flipped by its key.
        let block = (1...32).map { UInt8($0) }
        func lane(_ seed: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return (seed &* 0x9e37_79b9_7f4a_7c15) ^ product.high ^ product.low
        }
        func word(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (hash ^ word) &* 0x0000_0100_0000_01b3
            return mixed ^ (mixed >> 29)
        }
        let seed: UInt64 = 0xcbf2_9ce4_8422_2325 ^ 32
        let first = lane(
            seed, 0x0807_0605_0403_0201 ^ 0xfbf9_fdfe_faf8_fcff, 0x100f_0e0d_0c0b_0a09 ^ 0xfcfa_fefb_f9ff_fdf8)
        let second = lane(
            seed ^ 0x6c62_272e_07bb_0142, 0x1817_1615_1413_1211 ^ 0xfdfe_f8fa_fffc_f9fb,
            0x201f_1e1d_1c1b_1a19 ^ 0xfaff_fbfc_f8fd_fef9)
        #expect(block.withUnsafeBytes { BuildCache.checksum($0) } == word(first, second))
        var changed = whole
        changed[100] ^= 1
        #expect(changed.withUnsafeBytes { BuildCache.checksum($0) } != expected)
        let swapped = Array(whole[32..<64] + whole[0..<32] + whole[64...])
        #expect(swapped.withUnsafeBytes { BuildCache.checksum($0) } != expected)
    }

    /// The index is written as bytes, spelled as it was when grown from interpolated Strings (caches
    /// written before read back), and reads back as the entries written; a checksum in capitals, of
    /// more than 16 digits, or empty is no checksum (the index does not read back).
    @Test func theIndexIsSpelledAsBeforeAndReadsBack() throws {
        let checksums: [UInt64] = [0, 0xf, 0x10, 0xabc, 0x8000_0000_0000_0000, .max, 0x0123_4567_89ab_cdef]
        var live: [String: BuildCache.Entry] = [:]
        for (index, checksum) in checksums.enumerated() {
            let key = String(repeating: String(index, radix: 16), count: 32)
            live[key] = BuildCache.Entry(
                offset: index * 1_000_003, length: index * 77, checksum: checksum, inFile: index % 3 == 1)
        }
        var expected = BuildCache.indexMagic + " 12\n"
        for (key, entry) in live.sorted(by: { $0.key < $1.key }) {
            let offset = entry.inFile ? "f" : String(entry.offset)
            expected += "\(key) \(offset) \(entry.length) \(String(entry.checksum, radix: 16))\n"
        }
        let bytes = BuildCache.indexBytes(live, generation: 12)
        #expect(bytes == Array(expected.utf8))

        let folder = NSTemporaryDirectory() + "dossier-cache-index-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/index"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let read = try #require(BuildCache.readIndex(path))
        #expect(read.generation == 12)
        #expect(read.entries.count == live.count)
        for (key, entry) in live {
            let back = try #require(read.entries[key])
            #expect(back.checksum == entry.checksum && back.length == entry.length && back.inFile == entry.inFile)
            if !entry.inFile { #expect(back.offset == entry.offset) }
        }
        let key = String(repeating: "a", count: 32)
        for checksum in ["ABC", "1" + String(repeating: "0", count: 16), "", "+1", "g"] {
            let index = BuildCache.indexMagic + " 1\n\(key) 0 1 \(checksum)\n"
            try Data(index.utf8).write(to: URL(fileURLWithPath: path))
            #expect(BuildCache.readIndex(path) == nil, "\(checksum)")
        }
    }
}
