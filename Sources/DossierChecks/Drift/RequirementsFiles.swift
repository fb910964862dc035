import DossierCore
import DossierFormats
import Foundation

/// The requirements files one check reads, each parsed once: every environment document of a
/// project usually names the same `requirements.txt`, and parsing it again per document showed
/// in profiles of `check`. Held for one check only (a `DriftChecks`), so an edit of the file is
/// seen by the next build.
package final class RequirementsFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Result<RequirementsFile, DriftFileProblem>] = [:]
    /// How many times a file was parsed (for tests).
    package private(set) var reads = 0

    package init() {}

    /// The file at `path` (as the document wrote it), parsed on first use; the same problem
    /// again when it could not be read.
    package func file(path: String, projectRoot: URL) throws(DriftFileProblem) -> RequirementsFile {
        // Keyed by the path as written: `load` reports problems with it, so two spellings of one
        // file must not share a result.
        let key = projectRoot.path + "\u{0}" + path
        if let known = lock.withLock({ files[key] }) { return try known.get() }
        let result: Result<RequirementsFile, DriftFileProblem>
        do throws(DriftFileProblem) {
            result = .success(try RequirementsFile.load(path, projectRoot: projectRoot))
        } catch {
            result = .failure(error)
        }
        lock.withLock {
            reads += 1
            if files[key] == nil { files[key] = result }
        }
        return try result.get()
    }
}
