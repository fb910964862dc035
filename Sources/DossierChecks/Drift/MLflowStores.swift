import DossierCore
import Foundation

/// The MLflow stores one build reads, each read once: the loader's metric-column split
/// (`MetricColumns`), its tracker-run merge (`TrackerRuns`) and the drift check
/// (`ExperimentDriftCheck`) all ask for the same `mlruns/` folder, which is thousands of small
/// files. Held for one build only, so an edit of the store is seen by the next build.
package final class MLflowStores: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [String: Result<MLflowStore, DriftFileProblem>] = [:]
    /// How many times a store was read from disk (for tests).
    package private(set) var reads = 0

    package init() {}

    /// The store at `path` (relative to the project), read on first use; the same problem
    /// again when it could not be read.
    package func store(path: String, reader: ProjectFiles) throws(DriftFileProblem) -> MLflowStore {
        let key = reader.root.path + "\u{0}" + path
        // Read under the lock: documents join their tracker runs on several threads at once, and
        // each store is still read once (stores are few; waiting for one costs little).
        let result: Result<MLflowStore, DriftFileProblem> = lock.withLock {
            if let known = stores[key] { return known }
            let read: Result<MLflowStore, DriftFileProblem>
            do throws(DriftFileProblem) {
                read = .success(try MLflowStore(path: path, reader: reader))
            } catch {
                read = .failure(error)
            }
            reads += 1
            stores[key] = read
            return read
        }
        return try result.get()
    }
}
