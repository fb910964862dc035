@testable import DossierCore
import Testing

/// `ClosestMatchIndex` answers exactly as `ClosestMatch.find`, which it replaces where one list
/// of candidates (every document id) is asked once per unresolved reference.
@Suite struct ClosestMatchIndexTests {
    @Test func answersAsClosestMatchOnHandPickedCases() {
        let ids = ["penguins", "penguin-schema", "Penguins", "iris", "iris-v2", "model-card", "a", "ab", "sche-00012"]
        let index = ClosestMatchIndex(ids)
        for word in ["penguin", "PENGUINS", "iris-v3", "irs", "x", "", "model_card", "sche-00021", "zzzzzzzzzz", "b"] {
            #expect(index.find(word) == ClosestMatch.find(word, in: ids), "\(word)")
        }
        #expect(index.suggestion("iris-v3") == "; did you mean `iris-v2`?")
        #expect(ClosestMatchIndex([]).find("x") == nil)
    }

    @Test func answersAsClosestMatchOnManyGeneratedIds() {
        // Ids of one shape, as a large project has them: every candidate is the same length, so
        // only the bound on the distance saves work, never the length.
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let prefixes = ["sche", "data", "expe", "mode", "pseu"]
        let ids = (0..<2000).map { _ in "\(prefixes[next(5)])-\(10000 + next(90000))" }
        let index = ClosestMatchIndex(ids)
        for _ in 0..<200 {
            var word = Array(ids[next(ids.count)].utf8)
            // One to three edits: substitutions, deletions, insertions.
            for _ in 0...next(3) {
                let at = next(word.count)
                switch next(3) {
                case 0: word[at] = UInt8(ascii: "0") + UInt8(next(10))
                case 1: word.remove(at: at)
                default: word.insert(UInt8(ascii: "a") + UInt8(next(26)), at: at)
                }
            }
            let text = String(decoding: word, as: UTF8.self)
            #expect(index.find(text) == ClosestMatch.find(text, in: ids), "\(text)")
        }
    }
}
