import DossierCore
import Foundation

/// The parsed first-parent history `GitHistory` read, kept between `dossier serve` rebuilds: an
/// edit of a document changes the working tree, not the commits, so a rebuild with the same
/// HEAD reuses the parsed `git log` instead of running and parsing it again.
///
/// The key is everything the `git log` run depends on: the git executable, the repository's
/// top-level folder, the project's prefix in it and the full hash of HEAD (a commit, checkout,
/// reset or rebase gives another). Shallow clones are not kept (a fetch can deepen the history
/// under the same HEAD). `git status` — the uncommitted files — is never kept: it runs on every
/// rebuild, as in a full build.
package final class GitLogMemo: @unchecked Sendable {
    package struct Key: Hashable, Sendable {
        package var git: String
        package var repositoryRoot: String
        package var prefix: String
        package var head: String
    }

    /// What `GitHistory.Builder` derives from the log alone.
    package struct Log: Sendable {
        package var commits: [GitCommit] = []
        package var positions: [String: Int] = [:]
        package var paths: [String] = []
        package var pathIDs: [String: Int32] = [:]
        package var touches: [Int32: [GitHistory.Touch]] = [:]
        package var aliases: [Int32: Int32] = [:]
        package var renamedTo: [Int32: Int32] = [:]
    }

    private let lock = NSLock()
    private var kept: (key: Key, log: Log)?
    /// Look-ups that reused the kept log, and those that read git's (for tests and timings).
    package private(set) var hits = 0
    package private(set) var misses = 0

    package init() {}

    /// The kept log when it was read for `key`.
    package func lookup(_ key: Key) -> Log? {
        lock.withLock {
            if let kept, kept.key == key {
                hits += 1
                return kept.log
            }
            misses += 1
            return nil
        }
    }

    /// Keeps `log` for `key`, replacing what was kept (one project, one HEAD at a time).
    package func store(_ key: Key, _ log: Log) {
        lock.withLock { kept = (key, log) }
    }
}
