import Foundation

/// Work run on a thread of its own while the caller goes on, and waited for with `wait()`: for
/// serial work whose result nobody reads but which must be done before a later step (a cache
/// file written while pages render, before the build gives up the cache). A thread, not a
/// dispatch worker: the parallel work it runs beside keeps every worker busy.
package final class BackgroundTask: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var waited = false

    /// Starts `work` at once.
    package init(_ work: @escaping @Sendable () -> Void) {
        Thread { [done] in
            work()
            done.signal()
        }.start()
    }

    /// Returns once the work is done (at once after a call that saw it done). Safe to call from
    /// several threads at once: each waits for the work (a `BackgroundResult` read by pages
    /// rendering in parallel), not only the first.
    package func wait() {
        if lock.withLock({ waited }) { return }
        done.wait()
        lock.withLock { waited = true }
        // Passed on: a caller that started waiting before `waited` was set waits on it too.
        done.signal()
    }

    deinit {
        // Never left running past its owner: whatever it writes must be finished (or failed).
        if !waited { done.wait() }
    }
}
