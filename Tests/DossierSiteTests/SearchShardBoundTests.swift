@testable import DossierSite
import Foundation
import Testing

/// Search shards stay bounded however large the site (issue 15): a word on every page of a large
/// site is cut over several shards instead of making one that grows with the document count.
@Suite struct SearchShardBoundTests {
    /// The script around a shard's object: `window.dossierSearchShard(12345,{` and `});\n`.
    static let wrapperBytes = 64

    /// `count` pages titled "Page n", each with "common" in its text and a word of its own.
    static func entries(count: Int) -> [SearchEntry] {
        (0..<count).map { i in
            SearchEntry(url: "p\(i).html", title: "Page \(i)", kind: "page", text: "common word\(i) common")
        }
    }

    @Test func aTermOnEveryPageIsCutOverShardsOfTheTargetSize() throws {
        let target = 2048
        let files = SearchIndex.files(for: Self.entries(count: 3000), shardTargetBytes: target)
        let shards = files.filter { $0.path.contains("/t-") }
        for shard in shards { #expect(shard.contents.utf8.count <= target + Self.wrapperBytes, "\(shard.path)") }
        let index = SearchIndexTests.Parsed(files)
        // Nothing lost: the pieces add up to every page, each with its weight.
        #expect(index.postings["common"]?.count == 3000)
        #expect(index.postings["common"]?.values.allSatisfy { $0 == 2 } == true)
        #expect(index.postings["page"]?.count == 3000)
        // The term's shards are exactly those that the manifest starts with it, one after another,
        // which is how search.js finds them all.
        let holding = index.shardTerms.filter { $0.value.contains("common") }.keys.sorted()
        #expect(holding.count > 5)
        let starting = index.shardFirstTerms.indices.filter { index.shardFirstTerms[$0] == "common" }
        #expect(holding == starting)
        #expect(holding == Array(holding[0]...holding[holding.count - 1]))
        // The manifest stays sorted (equal neighbours allowed) for search.js's binary search.
        #expect(
            zip(index.shardFirstTerms, index.shardFirstTerms.dropFirst()).allSatisfy {
                !$1.utf16.lexicographicallyPrecedes($0.utf16)
            })
    }

    @Test func atTheRealTargetNoShardGrowsWithTheSite() throws {
        // 20,000 pages: "common" and "page" alone would be about 100 kB each in one shard.
        let files = SearchIndex.files(for: Self.entries(count: 20_000))
        let largest = try #require(files.filter { $0.path.contains("/t-") }.map { $0.contents.utf8.count }.max())
        #expect(largest <= SearchIndex.shardTargetBytes + Self.wrapperBytes)
        let index = SearchIndexTests.Parsed(files)
        #expect(index.postings["common"]?.count == 20_000)
    }

    @Test func smallIndexesAreUnchanged() throws {
        // No term passes the target: one entry per term, as before terms could be cut.
        let files = SearchIndex.files(for: Self.entries(count: 50))
        let index = SearchIndexTests.Parsed(files)
        #expect(index.shardFirstTerms.count == Set(index.shardFirstTerms).count)
    }
}
