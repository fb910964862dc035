@testable import DossierChecks
import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Git's listing is read over bytes where a path is plain ASCII (`RepositoryMap.isPlainPath`):
/// the visible files, the folders holding them and the memo's listing digest must be what the
/// `Character` walks they skip make, for any listing.
@Suite struct RepositoryListingTests {
    /// Random listings of paths from pieces that make plain and unplain paths alike: hidden parts,
    /// the output folder, empty parts, non-ASCII names, a `/` that a combining mark joins.
    private static func listings() -> [[String]] {
        let pieces = [
            "a", "src", "site", "x.py", ".git", ".cache", "é", "K", "\u{212A}", "\u{301}", "/", "/", "/", "//", ".",
            "..", "-", " ", "data.csv",
        ]
        var generator = SeededGenerator(seed: 0x6C15_7E00)
        return (0..<200).map { _ in
            (0..<Int(generator.next() % 8)).map { _ in
                (0..<(1 + Int(generator.next() % 6))).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                    .joined()
            }
        }
    }

    /// The listing digest as it was made before: every path through the `Character` walk.
    private static func digestByCharacters(_ listed: Data, output: String?) -> String {
        var seen = listed.split(separator: 0).compactMap {
            RepositoryMapMemo.visiblePartByCharacters(of: String(decoding: $0, as: UTF8.self), output: output)
        }
        seen.sort()
        var digest = StableDigest()
        var last: String?
        for path in seen where path != last {
            digest.add(path)
            last = path
        }
        return digest.hex
    }

    @Test func randomListingsReadAsTheCharacterWalksRead() {
        for paths in Self.listings() {
            // Empty entries and a trailing NUL are no paths, as `split(separator: 0)` has it.
            let listed = Data(("\u{0}" + paths.joined(separator: "\u{0}") + "\u{0}\u{0}").utf8)
            let expectedFiles = Set(listed.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            #expect(RepositoryMap.visibleFiles(listed: listed) == expectedFiles, "\(paths)")
            var expectedFolders = Set<String>()
            for path in expectedFiles { RepositoryMap.addFoldersByCharacters(of: path, to: &expectedFolders) }
            #expect(RepositoryMap.folders(holding: expectedFiles) == expectedFolders, "\(paths)")
            for output in [nil, "site", "a/site", "\u{212A}", "é"] as [String?] {
                #expect(
                    RepositoryMapMemo.listingDigest(listed, output: output)
                        == Self.digestByCharacters(listed, output: output), "\(paths) \(String(describing: output))")
            }
        }
    }

    @Test func plainPathsAreASCIIWithoutEmptyParts() {
        func plain(_ path: String) -> Bool {
            var path = path
            return path.withUTF8 { RepositoryMap.isPlainPath($0) }
        }
        #expect(plain("a/b/c.py") && plain("a") && plain(".git/x"))
        #expect(!plain("") && !plain("/a") && !plain("a/") && !plain("a//b") && !plain("é/a") && !plain("a/\u{301}b"))
        // A kelvin sign output equals an ASCII `K`: such a listing takes the walk, and agrees.
        let listed = Data("K/x.py\u{0}b/y.py".utf8)
        #expect(
            RepositoryMapMemo.listingDigest(listed, output: "\u{212A}")
                == Self.digestByCharacters(listed, output: "\u{212A}"))
        #expect(
            RepositoryMapMemo.listingDigest(listed, output: "\u{212A}")
                == Self.digestByCharacters(Data("b/y.py".utf8), output: nil))
    }
}
