import DossierCore
import DossierModel
import Foundation

/// The bodies a build with the cache left in their files (`DocumentBody.deferred`: the document
/// was taken from the build cache by its file's stamp, without reading the file, or parsed and
/// its body let go of), read when their pages render — a build after an edit renders a handful
/// of pages, and reads only their files; a cold one does not hold every body through the render.
///
/// A file is read as the load reads it (`ProjectFiles.boundedBytes`: inside the project, no link
/// followed, no larger than a document may be) and must still have the bytes the document was
/// saved from: their digest is the one the build keys the page with. A file changed since the
/// build's fingerprint (an edit while the build runs) gives an empty body and is remembered;
/// the build then fails before its pages are kept or the site replaced (`changedFiles`).
package final class DeferredBodies: @unchecked Sendable {
    private let files: ProjectFiles
    private let lock = NSLock()
    private var changed: Set<String> = []

    /// A door of its own, not the load's: the load's remembers folders it found real, and a folder
    /// may have become a link since.
    package init(projectRoot: URL) {
        files = ProjectFiles(projectRoot: projectRoot)
    }

    /// The body of the document at `path`: the last `length` bytes of its file, when the file's
    /// bytes have the digest `source`; else an empty body, and the path is remembered.
    package func read(_ path: String, length: Int, source: String) -> DocumentBody {
        if case let .bytes(bytes)? = try? files.boundedBytes(path, limit: DocumentLoader.maxBytes(for: path)),
            length <= bytes.count, StableDigest.of(bytes: bytes) == source
        {
            return .markdown(String(decoding: bytes[(bytes.count - length)...], as: UTF8.self))
        }
        lock.withLock { _ = changed.insert(path) }
        return .markdown("")
    }

    /// The files whose bytes were not those their documents were loaded from, sorted.
    package var changedFiles: [String] {
        lock.withLock { changed.sorted() }
    }
}
