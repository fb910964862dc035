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
/// A file is the header, the documents' encodings (`DocumentCodec`) one after another, the
/// index (the key, the file's own random id, the id of the file it adds to or "", then each path
/// with its source digest, its encoding's digest, whether the encoding lies in the file added
/// to, its offset and length) and the index's offset in its last 8 bytes. Only the index is read
/// whole; each encoding is read when its document is looked up, so the file is never held in
/// memory.
///
/// An entry also holds its file's stamp (`FileStamps.Record.stamp`: kind, inode, size,
/// modification and change times) when the build that read the bytes took its fingerprint outside
/// the racy window (`trust(stamps:recording:)`). A later build whose fingerprint finds the file
/// with that very stamp takes the document without reading the file (`lookup(_:)`), as git trusts
/// its index: the body stays in the file (`DocumentBody.deferred`) until its page renders, and is
/// checked then against the saved digest (`LoadedProject.body(of:)`).
///
/// Two files: `documents`, the base, written whole, and `documents-added` beside it, which holds
/// the documents parsed since and an index of what differs from the base's (by the base's id):
/// the entries added or changed since (new bytes, another stamp, a face given, or an entry that
/// points into the base and was listed by an added file before), and the paths the base lists
/// that are gone. A build after an edit rewrites only the small added file (a whole base was
/// 35 MB at 10,000 documents, written on every build), and that file's index only the few
/// entries that differ (an index of every document was 1.5 MB written after each edit at 10,000
/// documents); the base is written anew (and the added file removed) when the entries outside
/// it or the dead bytes in it grow past a quarter of it. An added file whose base id is not the
/// base's is ignored: the base's own index is used.
///
/// The files are untrusted input like the rest of the cache: a link, a file too large, another
/// header or key, or an index that does not read to its end or points outside the encodings gives
/// an empty memo (for the added file: the base alone); an entry whose bytes do not match their
/// digest or do not decode whole is parsed again. Never a crash. Notebooks (whose body is a tree
/// built from their cells) are not saved. Each file is written under a temporary name and renamed;
/// deleting them only costs one cold load.
package final class DocumentMemoFile: @unchecked Sendable {
    /// The base file's name in the cache folder; the added file's is this with `addedSuffix`.
    package static let fileName = "documents"
    /// Appended to the base file's path for the added file's.
    package static let addedSuffix = "-added"
    /// The files' layout (4: each entry's file stamp; 5: the length and digest of its head, the
    /// encoding without its search text; 6: its loaded face; 7: an added file's index holds only
    /// what differs from the base's, and the paths it removes) and the codec's version.
    static let fileHeader = "dossier-documents 7 \(DocumentCodec.version)\n"
    /// A file larger than this is not read (10,000 documents take about 35 MB).
    static let maximumFileBytes = 4 << 30
    /// An index larger than this is not read (about 100 bytes a document).
    static let maximumIndexBytes = 256 << 20

    /// One saved document: the digest of the bytes it was loaded from, and where its encoding
    /// lies (in the base or the added file; checked against that file's encodings' part when
    /// the index is read).
    fileprivate struct Saved: Sendable {
        var source: String
        var check: String
        /// The encoding's first `headLength` bytes (all but the search text, which `DocumentCodec`
        /// writes last) and their digest: a document taken by its stamp is read and checked
        /// without its text (20 of 35 MB at 10,000 documents).
        var headCheck: String
        var headLength: Int
        /// The file's stamp when its bytes were read; 0 when not recorded (a racy fingerprint).
        var stamp: UInt64
        /// The document's loaded face, when the build that saved it made one (`recordFaces`).
        var face: StableDigest?
        /// Whether the encoding lies in the base file (always, for an entry of the base's own index).
        var inBase: Bool
        var start: Int
        var length: Int
        /// Whether this is the base index's own entry, unchanged: an added file leaves it out.
        var listedInBase = false
        /// Whether the base's index lists this path (this entry or an older one): a path it lists
        /// that a build no longer keeps is written as removed into the added file.
        var pathInBase = false

        /// This encoding, read from the base file `base` or the added file `added` (-1 when none
        /// was read: every entry then lies in the base) and checked against its digest; nil otherwise.
        func payload(base: Int32, added: Int32) -> [UInt8]? {
            read(base: base, added: added, count: length, check: check)
        }

        /// `payload` without the search text: its head, checked against the head's digest.
        func head(base: Int32, added: Int32) -> [UInt8]? {
            read(base: base, added: added, count: headLength, check: headCheck)
        }

        private func read(base: Int32, added: Int32, count: Int, check: String) -> [UInt8]? {
            let fd = inBase || added < 0 ? base : added
            guard fd >= 0, let bytes = ProjectFiles.readExactly(fd, count: count, at: start) else { return nil }
            var digest = StableDigest()
            bytes.withUnsafeBytes { digest.add($0) }
            return digest.hex == check ? bytes : nil
        }
    }

    /// What the next file will hold for a path: an entry of the old files, or a document loaded
    /// by this build (before tracker runs join it), encoded when the file is written. (Boxing a
    /// new one, `indirect`, made the 10,000 notes of a build after an edit small, but raised a
    /// cold build's peak by about 5 MB: 10,000 boxes among the documents' own allocations.)
    private enum Kept: Sendable {
        case old(Saved)
        case new(source: String, stamp: UInt64, document: Document, findings: [Finding], bodyEndsSource: Bool)
    }

    /// One file's index as read: its own id, the id of the base it adds to ("" for a base), where
    /// its encodings and the file end, its entries (`inBase`: in the base file) and, for an added
    /// file, the paths of the base's index it removes.
    private struct FileIndex {
        var id: String
        var base: String
        var encodingsEnd: Int
        var size: Int
        var entries: [String: Saved] = [:]
        var removed: [String] = []
    }

    /// The files read: the base and the added file (-1 when none or ignored), open until `save`
    /// (which reads or points to the unchanged entries), with the base's id and encodings' size.
    private struct Opened {
        var base: Int32 = -1
        var added: Int32 = -1
        var baseID = ""
        var baseEncodings = 0
    }

    private let key: String
    private var files: Opened
    private let index: [String: Saved]
    private let lock = NSLock()
    private var kept: [String: Kept] = [:]
    private var parsedCount = 0
    private var reusedCount = 0
    private var trustedCount = 0
    private var encodedAny = false
    /// Each project file's stamp by its path's hash (`trust(stamps:recording:)`), and whether
    /// they may be recorded.
    private var stamps: [UInt64: UInt64] = [:]
    private var recordsStamps = false
    /// The loaded faces of this build's documents (`recordFaces`), by path, and whether one was
    /// given to an entry kept from the files that had none (its index changes).
    private var faces: [String: StableDigest] = [:]
    private var facesAdded = false
    /// Whether an entry kept from the files was found under another stamp (its index changes).
    private var restamped = false
    /// The paths whose search text `lookup(_:)` passed over (`deferredTexts()`).
    private var textSkipped: Set<String> = []
    /// The texts `lookup(_:)` read, one interner per thread decoding at once: most repeat across
    /// documents, and each is made once (`StringInterner`).
    private var interners: [StringInterner] = []

    private init(key: String, files: Opened, index: [String: Saved]) {
        self.key = key
        self.files = files
        self.index = index
        kept.reserveCapacity(index.count)
        textSkipped.reserveCapacity(index.count)
    }

    /// An empty memo, for `key`: every document is parsed and saved.
    package convenience init(key: String) {
        self.init(key: key, files: Opened(), index: [:])
    }

    deinit {
        closeFiles()
    }

    private func closeFiles() {
        if files.base >= 0 { close(files.base) }
        if files.added >= 0 { close(files.added) }
        files.base = -1
        files.added = -1
    }

    /// Markdown documents parsed by this memo's load (not found, or saved for other bytes).
    package var parsed: Int { lock.withLock { parsedCount } }
    /// Documents this memo's load took from the file.
    package var reused: Int { lock.withLock { reusedCount } }
    /// Of those, the documents taken by their file's stamp, without reading the file.
    package var trusted: Int { lock.withLock { trustedCount } }

    /// The stamps of the project's files as the build's fingerprint took them (`tree`: paths
    /// relative to the project root), before any lookup: a file found with the stamp its entry
    /// was saved with is not read again. `recording`: whether the fingerprint was taken outside
    /// the racy window (`BuildFingerprint.Taken.isRacy`), so the stamps may be saved with the
    /// entries; a stamp taken as a file was being written could stay the same through a second
    /// write. Two paths of one hash trust neither.
    package func trust(stamps tree: [FileStamps.Record], recording: Bool) {
        var stamps: [UInt64: UInt64] = [:]
        stamps.reserveCapacity(tree.count)
        for record in tree {
            stamps[record.path] = stamps[record.path] == nil ? record.stamp : 0
        }
        lock.withLock {
            self.stamps = stamps
            recordsStamps = recording
        }
    }

    /// The stamp to save with `path`'s entry: its fingerprint's, when recording.
    private func recordableStamp(_ path: String) -> UInt64 {
        recordsStamps ? stamps[FileStamps.pathHash(path)] ?? 0 : 0
    }

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

    /// The memo saved at `path` (and its added file) for `key`; an empty one when there is none
    /// that reads back.
    package static func load(path: String, key: String) -> DocumentMemoFile {
        // Neither the files nor their folder may be a link (the cache is not a door out of it).
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var info = stat()
        guard lstat(folder.isEmpty ? "/" : folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
            let (baseFD, base) = openIndexed(path, key: key), base.base.isEmpty
        else {
            return DocumentMemoFile(key: key)
        }
        var files = Opened(base: baseFD, baseID: base.id, baseEncodings: base.encodingsEnd)
        if let (addedFD, added) = openIndexed(path + addedSuffix, key: key) {
            // Added to this very base, and every entry it points to there lies in the base's encodings.
            let fits = added.entries.values.allSatisfy { !$0.inBase || $0.start + $0.length <= base.encodingsEnd }
            if added.base == base.id, fits {
                files.added = addedFD
                // The base's index with the added file's differences laid over it.
                var index = base.entries
                for path in added.removed { index[path] = nil }
                for (path, var saved) in added.entries {
                    saved.pathInBase = base.entries[path] != nil
                    index[path] = saved
                }
                return DocumentMemoFile(key: key, files: files, index: index)
            }
            close(addedFD)
        }
        return DocumentMemoFile(key: key, files: files, index: base.entries)
    }

    /// The regular file at `path` opened, with its index for `key`; nil unless both read.
    private static func openIndexed(_ path: String, key: String) -> (Int32, FileIndex)? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maximumFileBytes,
            let index = readIndex(fd, size: Int(info.st_size), key: key)
        else {
            close(fd)
            return nil
        }
        return (fd, index)
    }

    /// The index of a file written for `key`; nil unless it reads to its end and every entry in
    /// the file itself lies between the header and the index (those in the base are checked
    /// against the base by `load`). An id is never empty; only an added file has a base id,
    /// entries in the base or removed paths.
    private static func readIndex(_ fd: Int32, size: Int, key: String) -> FileIndex? {
        let header = Array(fileHeader.utf8)
        guard size >= header.count + 8, ProjectFiles.readExactly(fd, count: header.count, at: 0) == header,
            let trailer = ProjectFiles.readExactly(fd, count: 8, at: size - 8)
        else { return nil }
        let indexStart = trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
        let indexBytes = size - 8 - indexStart
        guard indexStart >= header.count, indexStart <= size - 8, indexBytes <= maximumIndexBytes,
            let bytes = ProjectFiles.readExactly(fd, count: indexBytes, at: indexStart)
        else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> FileIndex? in
            var input = MemoReader(buffer)
            do throws(MemoReader.Malformed) {
                guard try input.string() == key else { return nil }
                let id = try input.string()
                let base = try input.string()
                guard !id.isEmpty else { return nil }
                // A base's entries all lie in it, and are the base index's own.
                let isBase = base.isEmpty
                // An entry takes at least 6 bytes; room is made for no more than a real index needs.
                let count = try input.count(minimumBytes: 6)
                var index: [String: Saved] = [:]
                index.reserveCapacity(min(count, 1 << 17))
                for _ in 0..<count {
                    let path = try input.string()
                    let source = try input.string()
                    let check = try input.string()
                    let stamp = try input.unsigned()
                    let inBase = try input.flag()
                    // File offsets, not counts of what follows in the index: bounded just below.
                    let start = Int(clamping: try input.unsigned())
                    let length = Int(clamping: try input.unsigned())
                    let headCheck = try input.string()
                    let headLength = Int(clamping: try input.unsigned())
                    let face =
                        try input.flag() ? StableDigest(lanes: (try input.unsigned(), try input.unsigned())) : nil
                    guard headLength <= length else { return nil }
                    if inBase {
                        guard !base.isEmpty, start >= header.count, length <= maximumFileBytes,
                            start <= maximumFileBytes
                        else { return nil }
                    } else {
                        guard start >= header.count, start <= indexStart, length <= indexStart - start else {
                            return nil
                        }
                    }
                    index[path] = Saved(
                        source: source, check: check, headCheck: headCheck, headLength: headLength, stamp: stamp,
                        face: face, inBase: inBase || isBase, start: start, length: length, listedInBase: isBase,
                        pathInBase: isBase)
                }
                let removed = try input.strings()
                guard input.atEnd, !isBase || removed.isEmpty else { return nil }
                return FileIndex(
                    id: id, base: base, encodingsEnd: indexStart, size: size, entries: index, removed: removed)
            } catch {
                return nil
            }
        }
    }

    /// Whether `saved` lies in the base file (the index read is the base's own, or says so).
    private func inBase(_ saved: Saved) -> Bool {
        saved.inBase || files.added < 0
    }

    /// The file `saved` lies in (-1 when it is not open).
    private func descriptor(of saved: Saved) -> Int32 {
        inBase(saved) ? files.base : files.added
    }

    /// The encoding of `saved`, read from its file and checked against its digest; nil otherwise.
    private func payload(_ saved: Saved) -> [UInt8]? {
        saved.payload(base: files.base, added: files.added)
    }

    /// The document saved for `path` loaded from `bytes` whose digest is `source`, with its load
    /// findings; nil (counted as a parse) when there is none or its bytes do not read back.
    package func lookup(_ path: String, source: String, bytes fileBytes: [UInt8]) -> (Document, [Finding])? {
        if var saved = index[path], saved.source == source, let payload = payload(saved),
            let decoded = payload.withUnsafeBufferPointer({ encoded in
                fileBytes.withUnsafeBufferPointer { file in try? DocumentCodec.decode(encoded, path: path, source: file)
                }
            })
        {
            // Same bytes under another stamp (a checkout, a `touch`): saved with the new one.
            let stamp = recordableStamp(path)
            lock.withLock {
                if saved.stamp != stamp {
                    saved.stamp = stamp
                    saved.listedInBase = false
                    restamped = true
                }
                kept[path] = .old(saved)
                reusedCount += 1
            }
            return decoded
        }
        lock.withLock { parsedCount += 1 }
        return nil
    }

    /// The document saved for `path`, with its load findings and its source digest, when the file
    /// has the very stamp it was saved with: taken without reading the file, its body left there
    /// (`DocumentBody.deferred`), its search text left empty and read again only if the search
    /// index asks (`deferredTexts()`: 20 MB of strings at 10,000 documents, of which a build after
    /// an edit needs one chunk's). Nil when the stamp differs or was not recorded, or the entry does
    /// not read back (then the file is read and `lookup(_:source:bytes:)` asked).
    package func lookup(_ path: String) -> (Document, [Finding], String)? {
        guard let saved = index[path], saved.stamp != 0, stamps[FileStamps.pathHash(path)] == saved.stamp,
            let head = saved.head(base: files.base, added: files.added)
        else { return nil }
        let interner = lock.withLock { interners.popLast() } ?? StringInterner()
        // Bound by a pattern, so that the document is moved out, not copied (a copy of each of
        // 10,000 documents was 16 M instructions).
        guard
            case let (document, findings)? = head.withUnsafeBufferPointer({ encoded in
                try? DocumentCodec.decode(
                    encoded, path: path, deferringBody: true, skippingText: true, interning: interner)
            })
        else {
            lock.withLock { interners.append(interner) }
            return nil
        }
        lock.withLock {
            interners.append(interner)
            kept[path] = .old(saved)
            textSkipped.insert(path)
            reusedCount += 1
            trustedCount += 1
        }
        return (document, findings, saved.source)
    }

    /// The document saved for `path` whatever its file holds now, with its load findings, its
    /// body left out (`DocumentBody.deferred`) and, unless `withText`, its search text; nil when
    /// there is none or it does not read back. Counted nowhere and kept for no save: what a
    /// build that loads no project (`ProseEdit`) compares an edited document with, and makes the
    /// search entries of its chunk from.
    package func savedDocument(_ path: String, withText: Bool) -> (Document, [Finding])? {
        guard let saved = index[path] else { return nil }
        if withText {
            guard let payload = payload(saved) else { return nil }
            return payload.withUnsafeBufferPointer { try? DocumentCodec.decode($0, path: path, deferringBody: true) }
        }
        guard let head = saved.head(base: files.base, added: files.added) else { return nil }
        return head.withUnsafeBufferPointer {
            try? DocumentCodec.decode($0, path: path, deferringBody: true, skippingText: true)
        }
    }

    /// The search texts `lookup(_:)` passed over, to be read when asked (on their own descriptors
    /// of the files read: `save` closes the memo's and may replace the files); nil when none was.
    package func deferredTexts() -> DeferredTexts? {
        lock.withLock {
            guard !textSkipped.isEmpty else { return nil }
            return DeferredTexts(
                base: files.base >= 0 ? fcntl(files.base, F_DUPFD_CLOEXEC, 0) : -1,
                added: files.added >= 0 ? fcntl(files.added, F_DUPFD_CLOEXEC, 0) : -1,
                entries: index, skipped: textSkipped)
        }
    }

    /// The search texts of the documents taken by their stamp (`lookup(_:)`), read again from
    /// their saved encodings when the search index asks: a build after an edit makes the entries
    /// of the edited document's chunk only. The encoding must still match its digest; one that
    /// does not (the cache's file written over in place while the build ran) gives an empty text
    /// and is remembered, and the build fails before anything it made is kept (`unreadable`).
    package final class DeferredTexts: @unchecked Sendable {
        private let base: Int32
        /// -1 when no added file was read (or its descriptor could not be copied: its entries then
        /// fail their digest against the base and read as unreadable).
        private let added: Int32
        private let entries: [String: Saved]
        private let skipped: Set<String>
        private let lock = NSLock()
        private var failed: Set<String> = []

        fileprivate init(
            base: Int32, added: Int32, entries: [String: Saved], skipped: Set<String>
        ) {
            self.base = base
            self.added = added
            self.entries = entries
            self.skipped = skipped
        }

        deinit {
            if base >= 0 { close(base) }
            if added >= 0 { close(added) }
        }

        /// The search text of the document at `path` when the load passed over it; nil when the
        /// document holds its own (it was parsed, or read with its file's bytes).
        package func text(_ path: String) -> String? {
            guard skipped.contains(path) else { return nil }
            if let saved = entries[path], let bytes = saved.payload(base: base, added: added),
                let decoded = bytes.withUnsafeBufferPointer({
                    try? DocumentCodec.decode($0, path: path, deferringBody: true)
                })
            {
                return decoded.0.analysis.text
            }
            lock.withLock { _ = failed.insert(path) }
            return ""
        }

        /// The documents whose saved encoding no longer read back when their text was asked, sorted.
        package var unreadable: [String] {
            lock.withLock { failed.sorted() }
        }
    }

    /// The loaded face saved with the document at each of `paths` that this memo's load took from
    /// the files (`lookup`), nil for the others: made by `PageCacheKeys` from the loaded
    /// document alone, so the document decoded from the same encoding has that very face.
    package func savedFaces(_ paths: [String]) -> [StableDigest?] {
        lock.withLock {
            paths.map { path in
                guard case let .old(saved)? = kept[path] else { return nil }
                return saved.face
            }
        }
    }

    /// Gives the documents at `paths` their loaded faces (`faces`, same order), to be saved with
    /// them by `save`: a later build takes them instead of making them again (`savedFaces`).
    /// Only the loaded document's own face may be given (the face of the very document the load
    /// gave for that path).
    package func recordFaces(paths: [String], faces given: [StableDigest]) {
        lock.withLock {
            faces.reserveCapacity(paths.count)
            for (path, face) in zip(paths, given) {
                guard let entry = kept[path] else { continue }
                if case let .old(saved) = entry {
                    guard saved.face == nil else { continue }
                    facesAdded = true
                }
                faces[path] = face
            }
        }
    }

    /// Saves what the file at `path`, whose `bytes` have the digest `source`, loaded as, and
    /// returns the document for the build to keep: a body that is the end of those bytes (most
    /// are: the text after the front matter) is left in the file (`DocumentBody.deferred`) and read
    /// again when its page renders (`DeferredBodies`, checked against `source`). Held from the load
    /// to the last page, the bodies were 24 MB at 10,000 documents, at the cold build's peak.
    @discardableResult
    package func store(
        _ path: String, source: String, bytes fileBytes: [UInt8], document: Document, findings: [Finding]
    ) -> Document {
        // The document, not its encoding, is kept until `save`: it shares its storage with the
        // project's (an encoding held for every document was 30 MB more at 10,000 documents).
        let bodyEndsSource = DocumentCodec.bodyEnds(document, source: fileBytes)
        var document = document
        if bodyEndsSource, case let .markdown(text) = document.body {
            document.body = .deferred(length: text.utf8.count)
        }
        let stamp = recordableStamp(path)
        lock.withLock {
            kept[path] = .new(
                source: source, stamp: stamp, document: document, findings: findings, bodyEndsSource: bodyEndsSource)
            encodedAny = true
        }
        return document
    }

    /// Writes the documents this memo's load used or parsed (those of the build that just ran)
    /// to `path` (the base) or to the added file beside it, then lets go of them; failing only
    /// costs the next build its parsing.
    package func save(path: String) {
        lock.lock()
        defer { lock.unlock() }
        defer {
            kept = [:]
            faces = [:]
            interners = []
            closeFiles()
        }
        // The files hold exactly these entries already.
        guard encodedAny || restamped || facesAdded || kept.count != index.count || !ProjectFiles.exists(path)
        else { return }
        // Entries kept from the base, and its bytes they leave dead; entries outside it.
        var baseLive = 0
        var baseKept = 0
        for case let .old(saved) in kept.values where inBase(saved) {
            baseLive += saved.length
            baseKept += 1
        }
        let outside = kept.count - baseKept
        let baseDead = files.baseEncodings - Self.fileHeader.utf8.count - baseLive
        if files.base >= 0, !files.baseID.isEmpty, baseKept > 0, outside * 4 <= baseKept,
            baseDead * 4 <= files.baseEncodings
        {
            // Only what differs from the base's index: entries it does not list as they are now,
            // and the paths it lists that this build did not keep.
            var changed: [String] = []
            for (path, entry) in kept {
                if case let .old(saved) = entry, saved.listedInBase, saved.face != nil || faces[path] == nil {
                    continue
                }
                changed.append(path)
            }
            var removed: [String] = []
            for (path, saved) in index where saved.pathInBase && kept[path] == nil { removed.append(path) }
            write(changed.sorted(), to: path + Self.addedSuffix, addingTo: files.baseID, removing: removed.sorted())
        } else if write(kept.keys.sorted(), to: path, addingTo: nil) {
            // Its base is gone: never read again.
            unlink(path + Self.addedSuffix)
        }
    }

    /// Writes the entries for `paths` to `file`, a base (`addingTo` nil: every encoding is copied
    /// in) or an added file for the base with id `addingTo` (the base's entries are pointed to),
    /// which also lists the `removing` paths of the base's index. Returns whether the file was
    /// written. Called by `save`, under the lock.
    @discardableResult
    private func write(
        _ paths: [String], to file: String, addingTo baseID: String?, removing: [String] = []
    ) -> Bool {
        // An entry in the new file: bytes in it, or a pointer into the base.
        enum Written {
            case bytes(
                source: String, stamp: UInt64, payload: [UInt8], check: String, head: (check: String, length: Int),
                face: StableDigest?)
            case inBase(Saved)
        }
        // Written in batches, each encoded (or read from the old file) on every core and then
        // appended: neither file is ever held whole, nor every encoding at once.
        return ProjectFiles.replaceWhole(file) { append in
            var out = MemoWriter()
            out.bytes.append(contentsOf: Self.fileHeader.utf8)
            var offset = out.bytes.count
            var index = MemoWriter()
            index.string(key)
            index.string(Self.newID())
            index.string(baseID ?? "")
            index.count(paths.count)
            for start in stride(from: 0, to: paths.count, by: 512) {
                // Each entry with the loaded face this build made for it (one kept from the files
                // without a face takes it too).
                let batch = paths[start..<min(start + 512, paths.count)].map { path -> (Kept, StableDigest?) in
                    guard case var .old(saved) = kept[path]!, saved.face == nil else {
                        return (kept[path]!, faces[path])
                    }
                    saved.face = faces[path]
                    return (.old(saved), faces[path])
                }
                let written: [Written] = batch.parallelMap { entry, face in
                    switch entry {
                    case let .old(saved):
                        if baseID != nil, self.inBase(saved) { return .inBase(saved) }
                        // Read again but not digested again: written with the digest it was looked up
                        // with, an encoding changed under this build fails that check next time.
                        let fd = self.descriptor(of: saved)
                        guard fd >= 0, let payload = ProjectFiles.readExactly(fd, count: saved.length, at: saved.start)
                        else {
                            return .bytes(source: "", stamp: 0, payload: [], check: "", head: ("", 0), face: nil)
                        }
                        return .bytes(
                            source: saved.source, stamp: saved.stamp, payload: payload, check: saved.check,
                            head: (saved.headCheck, saved.headLength), face: saved.face)
                    case let .new(source, stamp, document, findings, bodyEndsSource):
                        // Not encodable (front matter nested too deep): an entry no digest matches.
                        guard
                            let (payload, textStart) = DocumentCodec.encodeMarkingText(
                                document, findings: findings, bodyEndsSource: bodyEndsSource)
                        else { return .bytes(source: "", stamp: 0, payload: [], check: "", head: ("", 0), face: nil) }
                        var digest = StableDigest()
                        payload.withUnsafeBytes { digest.add($0) }
                        var head = StableDigest()
                        payload.withUnsafeBytes { head.add(UnsafeRawBufferPointer(rebasing: $0[0..<textStart])) }
                        return .bytes(
                            source: source, stamp: stamp, payload: payload, check: digest.hex,
                            head: (head.hex, textStart), face: face)
                    }
                }
                for (i, entry) in written.enumerated() {
                    index.string(paths[start + i])
                    switch entry {
                    case let .inBase(saved):
                        index.string(saved.source)
                        index.string(saved.check)
                        index.unsigned(saved.stamp)
                        index.flag(true)
                        index.count(saved.start)
                        index.count(saved.length)
                        index.string(saved.headCheck)
                        index.count(saved.headLength)
                        Self.write(face: saved.face, to: &index)
                    case let .bytes(source, stamp, payload, check, head, face):
                        index.string(source)
                        index.string(check)
                        index.unsigned(stamp)
                        index.flag(false)
                        index.count(offset)
                        index.count(payload.count)
                        index.string(head.check)
                        index.count(head.length)
                        Self.write(face: face, to: &index)
                        out.bytes.append(contentsOf: payload)
                        offset += payload.count
                    }
                }
                guard out.bytes.withUnsafeBytes({ append($0) }) else { return }
                out.bytes.removeAll(keepingCapacity: true)
            }
            // An added file that only removes paths has written no batch, nor the header yet.
            if !out.bytes.isEmpty, !out.bytes.withUnsafeBytes({ append($0) }) { return }
            index.strings(removing)
            withUnsafeBytes(of: UInt64(offset).littleEndian) { index.bytes.append(contentsOf: $0) }
            _ = index.bytes.withUnsafeBytes { append($0) }
        }
    }

    /// An entry's loaded face in the index: a flag, then its two lanes.
    private static func write(face: StableDigest?, to index: inout MemoWriter) {
        index.flag(face != nil)
        if let face {
            index.unsigned(face.lanes.0)
            index.unsigned(face.lanes.1)
        }
    }

    /// A random id for a new file (what an added file names its base by).
    private static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() | 1, radix: 16) + String(generator.next(), radix: 16)
    }
}
