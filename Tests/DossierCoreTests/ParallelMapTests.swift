import DossierCore
import Testing

/// `parallelMap` keeps order and writes each slot from one thread only. `make test` also runs this
/// suite under Thread Sanitizer (`scripts/tsan-test.sh`), where the old shared-array version failed.
@Suite struct ParallelMapTests {
    @Test func keepsOrderAcrossChunks() {
        let input = Array(0..<10_000)
        #expect(input.parallelMap { $0 * 2 } == input.map { $0 * 2 })
    }

    @Test func holdsReferenceValuesWithoutLeakingOrLosingThem() {
        final class Box: Sendable {
            let value: Int
            init(_ value: Int) { self.value = value }
        }
        let boxes = Array(0..<5_000).parallelMap { Box($0) }
        #expect(boxes.map(\.value) == Array(0..<5_000))
    }

    @Test func singleElementAndEmpty() {
        #expect([Int]().parallelMap { $0 } == [])
        #expect([7].parallelMap { $0 + 1 } == [8])
    }

    @Test func optionalAndEmptyResultsKeepTheirPlaces() {
        let input = Array(0..<3_000)
        let mapped = input.parallelMap { $0 % 3 == 0 ? nil : [String](repeating: "x", count: $0 % 4) }
        #expect(mapped == input.map { $0 % 3 == 0 ? nil : [String](repeating: "x", count: $0 % 4) })
        let tuples = input.parallelMap { ($0 % 2 == 0 ? "\($0)" : nil, [$0], "") }
        #expect(tuples.map(\.0) == input.map { $0 % 2 == 0 ? "\($0)" : nil })
        #expect(tuples.map(\.1) == input.map { [$0] })
    }

    /// Each result is held by the returned array alone (no slot keeps a copy), none is released
    /// before the array is, and each exactly once after.
    @Test func resultsAreHeldOnlyByTheArray() {
        let released = Counter()
        var values = Array(0..<1_000).parallelMap { Tracked($0, released: released) }
        var unique = 0
        for i in values.indices where isKnownUniquelyReferenced(&values[i]) { unique += 1 }
        #expect(unique == 1_000)
        #expect(released.value == 0)
        #expect(values.map(\.value) == Array(0..<1_000))
        values = []
        #expect(released.value == 1_000)
    }
}

private final class Counter: @unchecked Sendable {
    var value = 0
}

private final class Tracked: @unchecked Sendable {
    let value: Int
    let released: Counter
    init(_ value: Int, released: Counter) {
        self.value = value
        self.released = released
    }
    deinit { released.value += 1 }
}
