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
}
