@testable import DossierSite
import Testing

/// The runs of terms whose postings `SearchIndex.packShards` writes on every core are cut by
/// postings, not only by term count: a few common words hold most postings, and equal term counts
/// left one core doing nearly all the work (issue 15).
@Suite struct SearchTermRunsTests {
    @Test func runsCoverEveryTermInOrderAndSplitTheHeavyTerms() {
        // 3,000 terms: every tenth on 500 documents, the others on one.
        let postings: [[UInt32]] = (0..<3000).map { $0 % 10 == 0 ? Array(repeating: 1, count: 500) : [1] }
        let order = Array((0..<3000).reversed())
        let runs = SearchIndex.runs(of: order, postings: postings, pieces: 16, maxTerms: 2048)
        // Contiguous, in order, covering every term.
        #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == order.count)
        for (a, b) in zip(runs, runs.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(runs.allSatisfy { !$0.isEmpty && $0.count <= 2048 })
        // About a sixteenth of the postings each: the heaviest run holds at most an eighth.
        let weights = runs.map { run in order[run].reduce(0) { $0 + postings[$1].count + 1 } }
        let total = weights.reduce(0, +)
        #expect(runs.count >= 12)
        #expect(weights.max()! <= total / 8)
    }

    @Test func runsHoldAtMostMaxTermsAndNoneIsEmpty() {
        let postings: [[UInt32]] = Array(repeating: [1], count: 5000)
        let runs = SearchIndex.runs(of: Array(0..<5000), postings: postings, pieces: 1, maxTerms: 2048)
        #expect(runs == [0..<2048, 2048..<4096, 4096..<5000])
        #expect(SearchIndex.runs(of: [], postings: [], pieces: 8, maxTerms: 2048).isEmpty)
    }
}
