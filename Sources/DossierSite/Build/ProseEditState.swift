import DossierChecks
import DossierCore
import DossierModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a build leaves in the cache folder (`prose-edit`) for the next one to update the site
/// after an edit of one document's prose without loading the project (`ProseEdit`): the
/// fingerprint it was built from (`BuildFingerprint`: its digest, settings, git state and each
/// project file's stamp), each document's path and page, and for a page such an edit may
/// update, the page's cache key, where its body lies in it and the answers its body's links were
/// given (`BodyRecording`); and the search index's chunk keys.
///
/// Written beside the receipt, with the same trust: both are removed when a build starts to
/// change the output and written once the site is in place, only from a fingerprint taken
/// outside the racy window. Untrusted input like the rest of the cache: anything that does not
/// decode whole is no state.
package struct ProseEditState: Sendable {
    static let fileName = "prose-edit"
    private static let header = Array("dossier-prose-edit 1\n".utf8)
    /// A state larger than this is not read.
    static let maximumBytes = 256 << 20

    package var identity: String
    /// `BuildFingerprint.Taken.digest`, `.settings`, `.gitState` and `.tree` of the build.
    package var inputs: String
    package var settings: String
    package var gitState: String
    package var tree: [FileStamps.Record]
    /// The documents, in the project's order (a search chunk's documents are consecutive).
    package var documents: [Entry]
    /// Each search chunk's cache key; empty for a chunk to make again from the documents.
    package var chunkKeys: [String]
    /// Documents edited by a `ProseEdit` since the saved documents (`DocumentMemoFile`) were
    /// written: their search text is read from their files, not from the saved documents.
    package var editedSinceSaved: [String]

    package struct Entry: Sendable, Equatable {
        package var path: String
        package var page: String
        /// `Record`'s encoding, empty when an edit of this document's prose cannot update its page alone.
        package var record: [UInt8]
    }

    /// A page's key, where its body lies and its body's answers.
    package struct Record: Sendable, Equatable {
        package var key: String
        package var locator: BodyLocator
        /// The answers, encoded (`BodyRecording.encodedAnswers`).
        package var answerBytes: [UInt8]

        package init(key: String, locator: BodyLocator, answerBytes: [UInt8]) {
            self.key = key
            self.locator = locator
            self.answerBytes = answerBytes
        }

        /// The answers, by question; nil when they do not read back.
        package var answers: [BodyRecording.Question: BodyRecording.Answer]? {
            BodyRecording.answers(from: answerBytes)
        }

        func encoded() -> [UInt8] {
            var out = MemoWriter()
            out.string(key)
            out.unsigned(UInt64(locator.length))
            out.raw(locator.head)
            out.raw(locator.tail)
            out.raw(answerBytes)
            return out.bytes
        }

        /// The key alone, without decoding the rest (a build keeps a record by its page's key).
        static func key(of bytes: [UInt8]) -> String? {
            bytes.withUnsafeBufferPointer { buffer in
                var reader = MemoReader(buffer)
                return try? reader.string()
            }
        }

        init?(_ bytes: [UInt8]) {
            let decoded: Record? = bytes.withUnsafeBufferPointer { buffer in
                do throws(MemoReader.Malformed) {
                    var reader = MemoReader(buffer)
                    let key = try reader.string()
                    // A length of bytes elsewhere (the page's), not in this record.
                    let length = try reader.unsigned()
                    guard length <= 1 << 32 else { return nil }
                    let head = try reader.raw()
                    let tail = try reader.raw()
                    let answers = try reader.raw()
                    guard reader.atEnd else { return nil }
                    return Record(
                        key: key, locator: BodyLocator(length: Int(length), head: head, tail: tail),
                        answerBytes: answers)
                } catch {
                    return nil
                }
            }
            guard let decoded else { return nil }
            self = decoded
        }
    }

    package init(
        identity: String, inputs: String, settings: String, gitState: String, tree: [FileStamps.Record],
        documents: [Entry], chunkKeys: [String], editedSinceSaved: [String]
    ) {
        self.identity = identity
        self.inputs = inputs
        self.settings = settings
        self.gitState = gitState
        self.tree = tree
        self.documents = documents
        self.chunkKeys = chunkKeys
        self.editedSinceSaved = editedSinceSaved
    }

    /// The state a build of `project` leaves, its fingerprint `fingerprint`: each document page
    /// this build rendered is recorded from `bodies`, each it kept takes the record `previous`
    /// holds for the same page key. A document qualifies (`ProseEdit`) when it is a Markdown
    /// file whose page is its own (not the home page), which no other part of the site reads:
    /// not a README (the repository map shows its text), not named by a code reference (or a
    /// folder above it: its edit can make a document stale), not a data file or a published file.
    static func made(
        project: LoadedProject, fingerprint: BuildFingerprint.Taken, bodies: RenderedBodies, chunkKeys: [String],
        previous: ProseEditState?
    ) -> ProseEditState {
        let layout = project.layout
        let readers = OtherReaders(project: project)
        var previousRecords: [String: [UInt8]] = [:]
        for entry in previous?.documents ?? [] where !entry.record.isEmpty {
            previousRecords[entry.path] = entry.record
        }
        let documents = project.documents.indices.map { index -> Entry in
            let path = project.documents[index].path
            let page = layout.pages[index]
            let name = (ProjectPath.lastComponent(path) ?? Substring(path)).lowercased()
            guard path.hasSuffix(".md"), page != SiteLayout.home, layout.homeDocument != index,
                !name.hasPrefix("readme"), !readers.reads(path), let key = bodies.key(index)
            else { return Entry(path: path, page: page, record: []) }
            if let record = bodies.record(index) { return Entry(path: path, page: page, record: record) }
            if let kept = previousRecords[path], Record.key(of: kept) == key {
                return Entry(path: path, page: page, record: kept)
            }
            return Entry(path: path, page: page, record: [])
        }
        return ProseEditState(
            identity: BuildCache.executableIdentity, inputs: fingerprint.digest, settings: fingerprint.settings,
            gitState: fingerprint.gitState, tree: fingerprint.tree, documents: documents, chunkKeys: chunkKeys,
            editedSinceSaved: [])
    }

    // MARK: - File

    /// The name of a state written aside (`writeAside`), until `commit` puts it in place.
    static let asideName = fileName + ".next"

    /// Writes the state to `path` through a temporary file renamed over it, in parts of about
    /// 64 KiB (at 10,000 documents it is 4 MB, never held whole); false when it fails.
    @discardableResult
    private func write(to path: String) -> Bool {
        ProjectFiles.replaceWhole(
            path,
            writingWith: { append in
                var out = MemoWriter()
                out.bytes = Self.header
                var ok = true
                func flush(_ force: Bool = false) {
                    guard ok, force || out.bytes.count >= 1 << 16 else { return }
                    ok = out.bytes.withUnsafeBytes { append($0) }
                    out.bytes.removeAll(keepingCapacity: true)
                }
                out.string(identity)
                out.string(inputs)
                out.string(settings)
                out.string(gitState)
                out.count(tree.count)
                for record in tree {
                    out.unsigned(record.path)
                    out.unsigned(record.stamp)
                    flush()
                }
                out.count(documents.count)
                for entry in documents {
                    out.string(entry.path)
                    out.string(entry.page)
                    out.raw(entry.record)
                    flush()
                }
                out.strings(chunkKeys)
                out.strings(editedSinceSaved)
                flush(true)
            })
    }

    init?(bytes: [UInt8]) {
        guard bytes.count > Self.header.count, bytes.starts(with: Self.header) else { return nil }
        let decoded: ProseEditState? = bytes.withUnsafeBufferPointer { buffer in
            do throws(MemoReader.Malformed) {
                var reader = MemoReader(buffer, at: Self.header.count)
                let identity = try reader.string()
                let inputs = try reader.string()
                let settings = try reader.string()
                let gitState = try reader.string()
                var tree: [FileStamps.Record] = []
                let records = try reader.count(minimumBytes: 2)
                tree.reserveCapacity(records)
                for _ in 0..<records {
                    tree.append(FileStamps.Record(path: try reader.unsigned(), stamp: try reader.unsigned()))
                }
                var documents: [Entry] = []
                let count = try reader.count(minimumBytes: 3)
                documents.reserveCapacity(count)
                for _ in 0..<count {
                    documents.append(
                        Entry(path: try reader.string(), page: try reader.string(), record: try reader.raw()))
                }
                let chunkKeys = try reader.strings()
                let edited = try reader.strings()
                guard reader.atEnd else { return nil }
                return ProseEditState(
                    identity: identity, inputs: inputs, settings: settings, gitState: gitState, tree: tree,
                    documents: documents, chunkKeys: chunkKeys, editedSinceSaved: edited)
            } catch {
                return nil
            }
        }
        guard let decoded else { return nil }
        self = decoded
    }

    /// The state in the cache `folder`, when there is one written by this Dossier that reads back.
    static func read(folder: String) -> ProseEditState? {
        // Neither the folder nor the file may be a link (the cache is not a door out of it).
        var folderInfo = stat()
        var fileInfo = stat()
        guard lstat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR,
            lstat(folder + "/" + fileName, &fileInfo) == 0, fileInfo.st_mode & S_IFMT == S_IFREG,
            let bytes = try? ProjectFiles.readBytes(folder + "/" + fileName, limit: maximumBytes),
            let state = ProseEditState(bytes: bytes), state.identity == BuildCache.executableIdentity
        else { return nil }
        return state
    }

    /// Writes the state into `folder` under a temporary name, then renames it.
    func write(folder: String) {
        write(to: folder + "/" + Self.fileName)
    }

    /// Writes the state into `folder` beside its place (`asideName`), while the build that made
    /// it may still fail or be racy; `commit` puts it in place.
    func writeAside(folder: String) {
        write(to: folder + "/" + Self.asideName)
    }

    /// Puts the state written aside in place (`writeAside`); false when there is none.
    @discardableResult
    static func commit(folder: String) -> Bool {
        rename(folder + "/" + asideName, folder + "/" + fileName) == 0
    }

    /// Removes the state in `folder`, and one written aside: the build about to run changes the output.
    static func remove(folder: String) {
        unlink(folder + "/" + fileName)
        unlink(folder + "/" + asideName)
    }
}
