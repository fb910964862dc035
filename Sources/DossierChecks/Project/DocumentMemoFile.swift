import DossierCore
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loaded documents kept in the build cache between builds (`.dossier-cache/documents`), so a
/// build after an edit parses again only the files whose bytes changed: what `DocumentLoadMemo`
/// does in memory for `serve`, on disk and keyed by content instead of file stamps.
///
/// An entry is used when the file's path and the `StableDigest` of the bytes just read are the
/// ones it was saved with, and the whole file was written for the same `key`: Dossier's build id,
/// the codec's version and the configuration files' bytes (`key(identity:root:options:)`). Loading
/// a document depends on its path and bytes alone (`DocumentLoader.load(path:bytes:)`); the key
/// holds the rest anyway, so that a later dependency on the configuration cannot serve a stale
/// document. What joins after loading (tracker runs, drifted cells) is never saved.
///
/// The file is the header, the documents' encodings (`DocumentCodec`) one after another, the
/// index (the key, then each path with its source digest, its encoding's digest, offset and
/// length) and the index's offset in its last 8 bytes. Only the index is read whole; each
/// encoding is read when its document is looked up, so the file is never held in memory.
///
/// The file is untrusted input like the rest of the cache: a link, a file too large, another
/// header or key, or an index that does not read to its end or points outside the encodings gives
/// an empty memo; an entry whose bytes do not match their digest or do not decode whole is parsed
/// again. Never a crash. Notebooks (whose body is a tree built from their cells) are not saved.
/// The file is written under a temporary name and renamed; deleting it only costs one cold load.
package final class DocumentMemoFile: @unchecked Sendable {
    /// The file's name in the cache folder.
    package static let fileName = "documents"
    /// The file's layout (2: index at the end) and the codec's version.
    static let fileHeader = "dossier-documents 2 \(DocumentCodec.version)\n"
    /// A file larger than this is not read (10,000 documents take about 35 MB).
    static let maximumFileBytes = 4 << 30
    /// An index larger than this is not read (about 100 bytes a document).
    static let maximumIndexBytes = 256 << 20

    /// One saved document: the digest of the bytes it was loaded from, and where its encoding
    /// lies in the file (checked against the encodings' part when the index is read).
    private struct Saved: Sendable {
        var source: String
        var check: String
        var start: Int
        var length: Int
    }

    /// What the next file will hold for a path: an entry of the old file, or a document loaded
    /// by this build (before tracker runs join it), encoded when the file is written.
    private enum Kept: Sendable {
        case old(Saved)
        case new(source: String, document: Document, findings: [Finding], bodyEndsSource: Bool)
    }

    private let key: String
    /// The file read, open until `save` (which reads the unchanged entries from it), or -1.
    private var descriptor: Int32
    private let index: [String: Saved]
    private let lock = NSLock()
    private var kept: [String: Kept] = [:]
    private var parsedCount = 0
    private var reusedCount = 0
    private var encodedAny = false

    private init(key: String, descriptor: Int32, index: [String: Saved]) {
        self.key = key
        self.descriptor = descriptor
        self.index = index
    }

    /// An empty memo, for `key`: every document is parsed and saved.
    package convenience init(key: String) {
        self.init(key: key, descriptor: -1, index: [:])
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Markdown documents parsed by this memo's load (not found, or saved for other bytes).
    package var parsed: Int { lock.withLock { parsedCount } }
    /// Documents this memo's load took from the file.
    package var reused: Int { lock.withLock { reusedCount } }

    /// The paths the file read holds documents for, sorted.
    package var savedPaths: [String] { index.keys.sorted() }

    /// What the saved documents depend on besides each file's path and bytes: the Dossier that
    /// wrote them (its build id), the codec, and the bytes of every configuration file the project
    /// could be read with (`--config`, `dossier.yml`, `dossier.yaml`, `mkdocs.yml`).
    package static func key(identity: String, root: URL, options: BuildOptions) -> String {
        var digest = StableDigest()
        digest.add(identity)
        digest.add(fileHeader)
        let files = ProjectFiles(projectRoot: root)
        for name in [options.config ?? "-"] + ProjectConfig.fileNames + [MkDocsConfig.fileName] {
            digest.add(name)
            // A configuration file larger than the loader reads fails the build anyway.
            switch try? files.boundedBytes(name, limit: 1 << 20) {
            case let .bytes(read)?: digest.add(bytes: read)
            case let .tooLarge(size)?: digest.add("too large \(size)")
            case nil: digest.add("none")
            }
        }
        return digest.hex
    }

    /// The memo saved at `path` for `key`; an empty one when there is none that reads back.
    package static func load(path: String, key: String) -> DocumentMemoFile {
        // Neither the file nor its folder may be a link (the cache is not a door out of it).
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return DocumentMemoFile(key: key)
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return DocumentMemoFile(key: key) }
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes,
            let index = readIndex(fd, size: Int(info.st_size), key: key)
        else {
            close(fd)
            return DocumentMemoFile(key: key)
        }
        return DocumentMemoFile(key: key, descriptor: fd, index: index)
    }

    /// Exactly `count` bytes at `offset` of `fd`; nil when the file ends before.
    private static func read(_ fd: Int32, count: Int, at offset: Int) -> [UInt8]? {
        guard count >= 0, offset >= 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            guard got > 0 else { return nil }
            done += got
        }
        return buffer
    }

    /// The entries of a file written for `key`, by path; nil unless the index reads to its end
    /// and every entry lies between the header and the index.
    private static func readIndex(_ fd: Int32, size: Int, key: String) -> [String: Saved]? {
        let header = Array(fileHeader.utf8)
        guard size >= header.count + 8, read(fd, count: header.count, at: 0) == header,
            let trailer = read(fd, count: 8, at: size - 8)
        else { return nil }
        let indexStart = trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard indexStart >= header.count, indexStart <= size - 8, size - 8 - indexStart <= maximumIndexBytes,
            let bytes = read(fd, count: size - 8 - indexStart, at: indexStart)
        else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [String: Saved]? in
            var input = MemoReader(buffer)
            do throws(MemoReader.Malformed) {
                guard try input.string() == key else { return nil }
                // An entry takes at least 5 bytes; room is made for no more than a real index needs.
                let count = try input.count(minimumBytes: 5)
                var index: [String: Saved] = [:]
                index.reserveCapacity(min(count, 1 << 17))
                for _ in 0..<count {
                    let path = try input.string()
                    let source = try input.string()
                    let check = try input.string()
                    // File offsets, not counts of what follows in the index: bounded just below.
                    let start = Int(clamping: try input.unsigned())
                    let length = Int(clamping: try input.unsigned())
                    guard start >= header.count, start <= indexStart, length <= indexStart - start else { return nil }
                    index[path] = Saved(source: source, check: check, start: start, length: length)
                }
                return input.atEnd ? index : nil
            } catch {
                return nil
            }
        }
    }

    /// The encoding of `saved`, read from the file and checked against its digest; nil otherwise.
    private func payload(_ saved: Saved) -> [UInt8]? {
        guard descriptor >= 0, let bytes = Self.read(descriptor, count: saved.length, at: saved.start) else {
            return nil
        }
        var digest = StableDigest()
        bytes.withUnsafeBytes { digest.add($0) }
        return digest.hex == saved.check ? bytes : nil
    }

    /// The document saved for `path` loaded from `bytes` whose digest is `source`, with its load
    /// findings; nil (counted as a parse) when there is none or its bytes do not read back.
    package func lookup(_ path: String, source: String, bytes fileBytes: [UInt8]) -> (Document, [Finding])? {
        if let saved = index[path], saved.source == source, let payload = payload(saved),
            let decoded = payload.withUnsafeBufferPointer({ encoded in
                fileBytes.withUnsafeBufferPointer { file in try? DocumentCodec.decode(encoded, path: path, source: file)
                }
            })
        {
            lock.withLock {
                kept[path] = .old(saved)
                reusedCount += 1
            }
            return decoded
        }
        lock.withLock { parsedCount += 1 }
        return nil
    }

    /// Saves what the file at `path`, whose `bytes` have the digest `source`, loaded as.
    package func store(
        _ path: String, source: String, bytes fileBytes: [UInt8], document: Document, findings: [Finding]
    ) {
        // The document, not its encoding, is kept until `save`: it shares its storage with the
        // project's (an encoding held for every document was 30 MB more at 10,000 documents).
        let bodyEndsSource = DocumentCodec.bodyEnds(document, source: fileBytes)
        lock.withLock {
            kept[path] = .new(source: source, document: document, findings: findings, bodyEndsSource: bodyEndsSource)
            encodedAny = true
        }
    }

    /// Writes the documents this memo's load used or parsed (those of the build that just ran)
    /// to `path`, then lets go of them; failing only costs the next build its parsing.
    package func save(path: String) {
        lock.lock()
        defer { lock.unlock() }
        defer {
            kept = [:]
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
        // The file holds exactly these entries already.
        guard encodedAny || kept.count != index.count || !ProjectFiles.exists(path) else { return }
        // Written in batches, each encoded (or read from the old file) on every core and then
        // appended: neither file is ever held whole, nor every encoding at once.
        let paths = kept.keys.sorted()
        ProjectFiles.replaceWhole(path) { append in
            var out = MemoWriter()
            out.bytes.append(contentsOf: Self.fileHeader.utf8)
            var offset = out.bytes.count
            var index = MemoWriter()
            index.string(key)
            index.count(paths.count)
            for start in stride(from: 0, to: paths.count, by: 512) {
                let batch = paths[start..<min(start + 512, paths.count)].map { kept[$0]! }
                let encoded: [(source: String, payload: [UInt8], check: String)] = batch.parallelMap { entry in
                    switch entry {
                    case let .old(saved):
                        // Read again but not digested again: written with the digest it was looked up
                        // with, an encoding changed under this build fails that check next time.
                        guard self.descriptor >= 0,
                            let payload = Self.read(self.descriptor, count: saved.length, at: saved.start)
                        else { return ("", [], "") }
                        return (saved.source, payload, saved.check)
                    case let .new(source, document, findings, bodyEndsSource):
                        // Not encodable (front matter nested too deep): an entry no digest matches.
                        guard
                            let payload = DocumentCodec.encode(
                                document, findings: findings, bodyEndsSource: bodyEndsSource)
                        else { return ("", [], "") }
                        var digest = StableDigest()
                        payload.withUnsafeBytes { digest.add($0) }
                        return (source, payload, digest.hex)
                    }
                }
                for (i, entry) in encoded.enumerated() {
                    index.string(paths[start + i])
                    index.string(entry.source)
                    index.string(entry.check)
                    index.count(offset)
                    index.count(entry.payload.count)
                    out.bytes.append(contentsOf: entry.payload)
                    offset += entry.payload.count
                }
                guard out.bytes.withUnsafeBytes({ append($0) }) else { return }
                out.bytes.removeAll(keepingCapacity: true)
            }
            withUnsafeBytes(of: UInt64(offset).littleEndian) { index.bytes.append(contentsOf: $0) }
            _ = index.bytes.withUnsafeBytes { append($0) }
        }
    }
}
