import Foundation

/// `String(describing:)` of values that are described again and again with the same contents:
/// the sample profiles and readiness checklists in `PageCacheKeys`' site digest, which
/// reflection takes seconds to describe at 10,000 documents, on every build of `dossier serve`.
/// Hashing a value is far cheaper than describing it, so each distinct value is described once.
/// The memo keeps what the last two key computations used, so it stays the size of one site.
package final class DescriptionMemo<Value: Hashable & Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [Value: String] = [:]
    private var previous: [Value: String] = [:]

    package init() {}

    /// `String(describing: value)`, remembered.
    package func describe(_ value: Value) -> String {
        if let known = lock.withLock({ current[value] ?? previous[value] }) {
            lock.withLock { current[value] = known }
            return known
        }
        let text = String(describing: value)
        lock.withLock { current[value] = text }
        return text
    }

    /// Starts a new generation: values not described since the last call are forgotten at the next.
    package func age() {
        lock.withLock {
            previous = current
            current = [:]
        }
    }
}
