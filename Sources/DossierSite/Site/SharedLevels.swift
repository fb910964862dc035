import Foundation

/// The sidebar levels rendered so far, shared by the pages rendered in parallel: each level as
/// the HTML before and after its open folder's level.
package final class SharedLevels: @unchecked Sendable {
    private let lock = NSLock()
    private var levels: [String: (before: String, after: String)] = [:]

    package init() {}

    /// The level stored under `key`, made by `make` the first time (two threads may both make it;
    /// they make the same).
    package func value(_ key: String, make: () -> (before: String, after: String)) -> (before: String, after: String) {
        lock.lock()
        let known = levels[key]
        lock.unlock()
        if let known { return known }
        let made = make()
        lock.lock()
        levels[key] = made
        lock.unlock()
        return made
    }
}
