import DossierCore
import DossierModel
import Foundation

/// The per-document check results of the last build (its code-reference, staleness, Markdown-loss
/// and drift findings), each under the digest of everything those checks read for that document
/// (`CheckInputKey`): a build after an edit checks again only the documents whose inputs changed.
/// At 10,000 documents the checks were ~10% of an edit build's CPU (perf, issue 15).
///
/// The file is untrusted: a header, the digest of the rest, then the build context it was made
/// in and the entries. A damaged, foreign or truncated file reads as empty (every document is
/// checked again); a file made in another context (another Dossier, configuration, options,
/// theme or git state) too. Saved only when an entry changed, atomically (`replaceWhole`).
package final class SavedCheckResults: @unchecked Sendable {
    /// The file's name in the cache folder.
    package static let fileName = "check-results"
    static let header = Array("dossier check results 2\n".utf8)
    /// A larger file is not read (a hostile one must not make the build allocate without bound).
    static let maximumFileBytes = 256 << 20

    private struct Entry {
        var key: String
        var findings: [Finding]
    }

    private let lock = NSLock()
    package let context: String
    private var entries: [String: Entry] = [:]
    private var used: Set<String> = []
    private var changed = false
    /// Documents whose saved results were taken, and those checked again (for tests and timings).
    package private(set) var hits = 0
    package private(set) var misses = 0
    /// Of the hits, schemas whose sample's drift findings were taken too (`CheckInputKey.Made.coversSample`).
    package private(set) var sampleChecksReused = 0

    package init(context: String) {
        self.context = context
    }

    /// The results saved at `path` for `context`; an empty set when there are none, they were made
    /// in another context, or the file does not read back whole.
    package static func load(path: String, context: String) -> SavedCheckResults {
        let saved = SavedCheckResults(context: context)
        guard let bytes = readFile(path), let entries = decode(bytes, context: context) else { return saved }
        saved.entries = entries
        return saved
    }

    /// The findings saved for `path` when they were made from the inputs `key` digests.
    package func lookup(_ path: String, key: String) -> [Finding]? {
        lock.withLock {
            used.insert(path)
            guard let entry = entries[path], entry.key == key else {
                misses += 1
                return nil
            }
            hits += 1
            return entry.findings
        }
    }

    /// Counts a schema whose saved findings stood for its sample's drift check.
    package func noteSampleCheckReused() {
        lock.withLock { sampleChecksReused += 1 }
    }

    /// Keeps `findings` for `path`, made from the inputs `key` digests.
    package func store(_ path: String, key: String, findings: [Finding]) {
        lock.withLock {
            used.insert(path)
            if let entry = entries[path], entry.key == key, entry.findings == findings { return }
            entries[path] = Entry(key: key, findings: findings)
            changed = true
        }
    }

    /// Forgets a document checked again whose result may not be kept (its inputs could not all
    /// be stamped, or changed too recently for a stamp to tell a later write apart).
    package func forget(_ path: String) {
        lock.withLock {
            used.insert(path)
            if entries.removeValue(forKey: path) != nil { changed = true }
        }
    }

    /// Writes the entries this build looked up or stored, when they differ from the file's.
    package func save(path: String) {
        let bytes: [UInt8]? = lock.withLock {
            let kept = entries.filter { used.contains($0.key) }
            guard changed || kept.count != entries.count || !ProjectFiles.exists(path) else { return nil }
            return Self.encode(kept, context: context)
        }
        guard let bytes else { return }
        _ = bytes.withUnsafeBytes { ProjectFiles.replaceWhole(path, with: $0) }
    }

    /// The whole file for `entries` (sorted by path, so equal results give equal bytes).
    private static func encode(_ entries: [String: Entry], context: String) -> [UInt8] {
        var body = MemoWriter()
        body.string(context)
        body.count(entries.count)
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            body.string(path)
            body.string(entry.key)
            DocumentCodec.encode(findings: entry.findings, of: path, into: &body)
        }
        return header + Array(StableDigest.of(bytes: body.bytes).utf8) + body.bytes
    }

    /// The entries of a file's `bytes`, or nil when they are not a whole file of this context.
    private static func decode(_ bytes: [UInt8], context: String) -> [String: Entry]? {
        let digestLength = 32
        let start = header.count + digestLength
        guard bytes.count >= start, Array(bytes[0..<header.count]) == header else { return nil }
        let body = Array(bytes[start...])
        guard Array(bytes[header.count..<start]) == Array(StableDigest.of(bytes: body).utf8) else { return nil }
        return body.withUnsafeBufferPointer { buffer -> [String: Entry]? in
            var input = MemoReader(buffer)
            do throws(MemoReader.Malformed) {
                guard try input.string() == context else { return nil }
                var entries: [String: Entry] = [:]
                for _ in 0..<(try input.count()) {
                    let path = try input.string()
                    let key = try input.string()
                    let findings = try DocumentCodec.decodeFindings(of: path, from: &input)
                    entries[path] = Entry(key: key, findings: findings)
                }
                return input.atEnd ? entries : nil
            } catch {
                return nil
            }
        }
    }

    /// The regular file at `path` (no link, nor a link for its folder), whole, when small enough.
    private static func readFile(_ path: String) -> [UInt8]? {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes else {
            return nil
        }
        return ProjectFiles.readExactly(fd, count: Int(info.st_size), at: 0)
    }
}
