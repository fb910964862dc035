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

    @Test func aResultIsTheValueMade() {
        let result = BackgroundResult {
            Thread.sleep(forTimeInterval: 0.02)
            return (1...100).reduce(0, +)
        }
        #expect(result.value == 5050)
        #expect(result.value == 5050)
    }
}
