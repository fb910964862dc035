import Foundation

/// A count of work done, added to from any thread: how many items a build made rather than took
/// from its cache, for the build report and for the tests that show a cache is used.
package final class WorkCount: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    package init() {}

    package func add(_ count: Int) {
        lock.withLock { total += count }
    }

    package var value: Int { lock.withLock { total } }
}
