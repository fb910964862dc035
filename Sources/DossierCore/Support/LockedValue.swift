import Foundation

/// A value one thread sets and another reads later, behind a lock (a result handed out of a
/// closure that may run on any thread).
package final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    package init() {}

    package var value: Value? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
