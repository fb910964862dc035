import DossierCore
import DossierFormats
import Foundation

/// The requirements files one check reads, each parsed once: every environment document of a
/// project usually names the same `requirements.txt`, and parsing it again per document showed
/// in profiles of `check`. Held for one check only (a `DriftChecks`), so an edit of the file is
/// seen by the next build.
/// Parsing happens under the file's own lock, so documents checked in parallel wait for the one
/// parse instead of each parsing the file they found missing.
package final class RequirementsFiles: @unchecked Sendable {
    /// One file's result, parsed by the first caller while the others wait.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var result: Result<RequirementsFile, DriftFileProblem>?
    }

    private let lock = NSLock()
    private var files: [String: Entry] = [:]
    private var parses = 0
    /// Verdicts by constraint and documented version: every environment document documents the
    /// same few versions against the same pins, and judging one parses both versions.
    private var verdicts: [VerdictKey: VersionConstraint.Verdict] = [:]

    private struct VerdictKey: Hashable {
        var constraint: VersionConstraint
        var version: String
    }

    /// How many times a file was parsed (for tests).
    package var reads: Int { lock.withLock { parses } }

    package init() {}

    /// `constraint.verdict(for: version)`, judged once per constraint and version (a pure function
    /// of the two).
    package func verdict(of constraint: VersionConstraint, for version: String) -> VersionConstraint.Verdict {
        let key = VerdictKey(constraint: constraint, version: version)
        if let known = lock.withLock({ verdicts[key] }) { return known }
        let verdict = constraint.verdict(for: version)
        lock.withLock { verdicts[key] = verdict }
        return verdict
    }

    /// The file at `path` (as the document wrote it), parsed on first use; the same problem
    /// again when it could not be read.
    package func file(path: String, projectRoot: URL) throws(DriftFileProblem) -> RequirementsFile {
        // Keyed by the path as written: `load` reports problems with it, so two spellings of one
        // file must not share a result.
        let key = projectRoot.path + "\u{0}" + path
        let entry = lock.withLock {
            if let known = files[key] { return known }
            let entry = Entry()
            files[key] = entry
            return entry
        }
        let result = entry.lock.withLock {
            if let known = entry.result { return known }
            let result: Result<RequirementsFile, DriftFileProblem>
            do throws(DriftFileProblem) {
                result = .success(try RequirementsFile.load(path, projectRoot: projectRoot))
            } catch {
                result = .failure(error)
            }
            entry.result = result
            lock.withLock { parses += 1 }
            return result
        }
        return try result.get()
    }
}
