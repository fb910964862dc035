import Foundation

/// What tests do to a project while its build runs: `afterLoad` runs an action once, the next
/// time a build of the project has loaded and checked it and before its pages render (a file
/// edited while the build runs). Keyed by the project's root, so parallel tests do not meet.
package enum BuildInterruptions {
    private final class Table: @unchecked Sendable {
        let lock = NSLock()
        var actions: [String: @Sendable () -> Void] = [:]
    }

    private static let table = Table()

    /// Runs `action` once, after the next load of the project at `root` (an absolute path).
    package static func afterLoad(of root: String, run action: @escaping @Sendable () -> Void) {
        table.lock.withLock { table.actions[root] = action }
    }

    /// Runs and forgets the action set for `root`, if any.
    static func afterLoad(of root: String) {
        let action = table.lock.withLock { table.actions.removeValue(forKey: root) }
        action?()
    }
}
