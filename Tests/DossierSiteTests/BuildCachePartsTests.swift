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
        // The one-piece checksum is the one caches were written with: FNV-1a over little-endian words.
        var expected: UInt64 = 0xcbf2_9ce4_8422_2325 ^ 9
        expected = (expected ^ 0x0807_0605_0403_0201) &* 0x0000_0100_0000_01b3
        expected ^= expected >> 29
        expected = (expected ^ 9) &* 0x0000_0100_0000_01b3
        #expect(Array(UInt8(1)...9).withUnsafeBytes { BuildCache.checksum($0) } == expected)
    }
}
