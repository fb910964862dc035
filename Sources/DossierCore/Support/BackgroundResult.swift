import Foundation

/// A value made on a thread of its own while the caller goes on (`BackgroundTask`), taken with
/// `value`, which waits for it.
package final class BackgroundResult<T: Sendable>: @unchecked Sendable {
    /// Written once by the task's thread before it signals, read after `wait()`.
    private final class Slot: @unchecked Sendable {
        var value: T?
    }

    private let slot = Slot()
    private let task: BackgroundTask

    /// Starts making the value at once.
    package init(_ make: @escaping @Sendable () -> T) {
        let slot = slot
        task = BackgroundTask { slot.value = make() }
    }

    /// The value, once made.
    package var value: T {
        task.wait()
        return slot.value!
    }
}
