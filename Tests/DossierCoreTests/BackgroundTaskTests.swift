import DossierCore
import Foundation
import Testing

/// `BackgroundTask`: the work is done once `wait()` returns, and before the task is let go of.
@Suite struct BackgroundTaskTests {
    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var set = false
        var value: Bool { lock.withLock { set } }
        func raise() { lock.withLock { set = true } }
    }

    @Test func waitReturnsAfterTheWork() {
        let flag = Flag()
        let task = BackgroundTask {
            Thread.sleep(forTimeInterval: 0.05)
            flag.raise()
        }
        task.wait()
        #expect(flag.value)
        task.wait()  // again: returns at once
    }

    @Test func aTaskLetGoOfFinishesFirst() {
        let flag = Flag()
        do {
            _ = BackgroundTask {
                Thread.sleep(forTimeInterval: 0.05)
                flag.raise()
            }
        }
        #expect(flag.value)
    }

    /// Pages rendering in parallel read one result at once: every reader waits for it (the
    /// second of two concurrent waiters used to return before the work was done).
    @Test func everyConcurrentReaderGetsTheValue() {
        let result = BackgroundResult {
            Thread.sleep(forTimeInterval: 0.05)
            return [1, 2, 3]
        }
        let readers = Array(0..<8).parallelMap { _ in result.value }
        #expect(readers.allSatisfy { $0 == [1, 2, 3] })
    }

    @Test func aResultIsTheValueMade() {
        let result = BackgroundResult {
            Thread.sleep(forTimeInterval: 0.02)
            return (1...100).reduce(0, +)
        }
        #expect(result.value == 5050)
        #expect(result.value == 5050)
    }
}
