@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import Foundation
import Testing

/// Saved documents trusted by their file's stamp (`DocumentMemoFile.lookup(_:)`): taken without
/// their bytes, body left in the file, only for the very stamp recorded outside the racy window.
@Suite struct DocumentMemoFileStampTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dossier-stamps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func record(_ path: String, _ stamp: UInt64) -> FileStamps.Record {
        FileStamps.Record(path: FileStamps.pathHash(path), stamp: stamp)
    }

    /// Saves `docs/a.md` (body "# A\n\nText.\n") with the stamps given; returns its source digest.
    private func saveA(to file: String, stamps: [FileStamps.Record], recording: Bool) throws -> String {
        let text = "---\nowner: x\n---\n# A\n\nText.\n"
        let (document, findings) = DocumentLoader.load(path: "docs/a.md", bytes: Array(text.utf8))
        let memo = DocumentMemoFile(key: "k")
        memo.trust(stamps: stamps, recording: recording)
        let digest = StableDigest.of(bytes: Array(text.utf8))
        memo.store(
            "docs/a.md", source: digest, bytes: Array(text.utf8), document: try #require(document), findings: findings)
        memo.save(path: file)
        return digest
    }

    @Test func theRecordedStampAloneVouchesAndTheBodyStaysInTheFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let digest = try saveA(to: file, stamps: [record("docs/a.md", 41), record("docs/b.md", 7)], recording: true)

        let same = DocumentMemoFile.load(path: file, key: "k")
        same.trust(stamps: [record("docs/a.md", 41)], recording: true)
        let (document, _, source) = try #require(same.lookup("docs/a.md"))
        #expect(source == digest && document.title == "A")
        guard case let .deferred(length) = document.body else {
            Issue.record("the body was not left in the file")
            return
        }
        #expect(length == "# A\n\nText.\n".utf8.count)
        #expect(same.trusted == 1 && same.reused == 1)

        // Another stamp, no stamp, another path: not trusted (the file is read instead).
        let changed = DocumentMemoFile.load(path: file, key: "k")
        changed.trust(stamps: [record("docs/a.md", 42)], recording: true)
        #expect(changed.lookup("docs/a.md") == nil)
        let unstamped = DocumentMemoFile.load(path: file, key: "k")
        #expect(unstamped.lookup("docs/a.md") == nil)
        #expect(unstamped.lookup("docs/b.md") == nil)
        // Two paths of one hash (a forged or colliding tree): neither is trusted.
        let colliding = DocumentMemoFile.load(path: file, key: "k")
        colliding.trust(stamps: [record("docs/a.md", 41), record("docs/a.md", 41)], recording: true)
        #expect(colliding.lookup("docs/a.md") == nil)
    }

    /// A document taken by its stamp holds no search text; the search index reads it again from
    /// the saved encoding (after the memo's own files are closed by `save`), and a document that
    /// holds its own text is not read again.
    @Test func aTrustedDocumentsSearchTextIsReadOnlyWhenAsked() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        _ = try saveA(to: file, stamps: [record("docs/a.md", 41)], recording: true)
        let (loaded, _) = DocumentLoader.load(
            path: "docs/a.md", bytes: Array("---\nowner: x\n---\n# A\n\nText.\n".utf8))
        let fullText = try #require(loaded).analysis.text
        #expect(!fullText.isEmpty)

        let memo = DocumentMemoFile.load(path: file, key: "k")
        memo.trust(stamps: [record("docs/a.md", 41)], recording: true)
        let (document, _, _) = try #require(memo.lookup("docs/a.md"))
        #expect(document.analysis.text.isEmpty)
        let texts = try #require(memo.deferredTexts())
        memo.save(path: file)
        #expect(texts.text("docs/a.md") == fullText)
        #expect(texts.text("docs/b.md") == nil)
        #expect(texts.unreadable.isEmpty)

        // Nothing passed over: no reader.
        let untrusted = DocumentMemoFile.load(path: file, key: "k")
        #expect(untrusted.lookup("docs/a.md") == nil)
        #expect(untrusted.deferredTexts() == nil)
    }

    /// A saved encoding written over in place after the load (its digest no longer matches): an
    /// empty text, and the build is told.
    @Test func aTextWhoseEncodingChangedSinceTheLoadIsReported() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        _ = try saveA(to: file, stamps: [record("docs/a.md", 41)], recording: true)
        let memo = DocumentMemoFile.load(path: file, key: "k")
        memo.trust(stamps: [record("docs/a.md", 41)], recording: true)
        _ = try #require(memo.lookup("docs/a.md"))
        let texts = try #require(memo.deferredTexts())
        // The first document's encoding follows the header: flip a byte of it in place.
        let handle = try #require(FileHandle(forUpdatingAtPath: file))
        let offset = UInt64(DocumentMemoFile.fileHeader.utf8.count + 2)
        try handle.seek(toOffset: offset)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: [byte ^ 0x55])
        try handle.close()
        #expect(texts.text("docs/a.md") == "")
        #expect(texts.unreadable == ["docs/a.md"])
    }

    /// A document taken by its stamp is read and checked without its search text (the encoding's
    /// head): a byte of the text changed in place still gives the document, and the text is then
    /// reported when asked; a byte of the head changed is not trusted.
    @Test func aTrustedLookupReadsTheEncodingWithoutItsText() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let text = "---\nowner: x\n---\n# A\n\nA paragraph of searchable words.\n"
        let (document, findings) = DocumentLoader.load(path: "docs/a.md", bytes: Array(text.utf8))
        let fullText = try #require(document).analysis.text
        let memo = DocumentMemoFile(key: "k")
        memo.trust(stamps: [record("docs/a.md", 41)], recording: true)
        memo.store(
            "docs/a.md", source: StableDigest.of(bytes: Array(text.utf8)), bytes: Array(text.utf8),
            document: try #require(document), findings: findings)
        memo.save(path: file)
        let saved = try #require(FileManager.default.contents(atPath: file).map { [UInt8]($0) })
        let needle = Array("searchable".utf8)
        let at = try #require(saved.indices.last { saved[$0...].starts(with: needle) })

        func flip(_ offset: Int) throws -> [UInt8] {
            var changed = saved
            changed[offset] ^= 0x20
            try Data(changed).write(to: URL(fileURLWithPath: file))
            return changed
        }
        _ = try flip(at)
        let textChanged = DocumentMemoFile.load(path: file, key: "k")
        textChanged.trust(stamps: [record("docs/a.md", 41)], recording: true)
        let (trusted, _, _) = try #require(textChanged.lookup("docs/a.md"))
        #expect(trusted.title == "A" && trusted.analysis.text.isEmpty && !fullText.isEmpty)
        let texts = try #require(textChanged.deferredTexts())
        #expect(texts.text("docs/a.md") == "")
        #expect(texts.unreadable == ["docs/a.md"])

        // The title lies in the head.
        let title = try #require(saved.indices.first { saved[$0...].starts(with: Array("\u{1}A".utf8)) })
        _ = try flip(title + 1)
        let headChanged = DocumentMemoFile.load(path: file, key: "k")
        headChanged.trust(stamps: [record("docs/a.md", 41)], recording: true)
        #expect(headChanged.lookup("docs/a.md") == nil)
    }

    /// A file's stamp taken in its open folder is the one its whole path gives; a link or a
    /// folder in its place has none, as with the whole path (`OutputRecord` stamps old pages so).
    @Test func aStampInAnOpenFolderIsTheWholePathsStamp() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "page".write(toFile: dir + "/a.html", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/b.html", withDestinationPath: dir + "/a.html")
        try FileManager.default.createDirectory(atPath: dir + "/c.html", withIntermediateDirectories: false)
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #expect(fd >= 0)
        let stamp = try #require(DocumentLoadMemo.Stamp(folder: fd, name: "a.html"))
        #expect(stamp == DocumentLoadMemo.Stamp(absolute: dir + "/a.html"))
        for name in ["b.html", "c.html", "missing.html"] {
            #expect(DocumentLoadMemo.Stamp(folder: fd, name: name) == nil)
            #expect(DocumentLoadMemo.Stamp(absolute: dir + "/" + name) == nil)
        }
    }

    @Test func aRacyBuildSavesNoStamp() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        _ = try saveA(to: file, stamps: [record("docs/a.md", 41)], recording: false)
        let read = DocumentMemoFile.load(path: file, key: "k")
        read.trust(stamps: [record("docs/a.md", 41)], recording: true)
        #expect(read.lookup("docs/a.md") == nil)
    }

    /// The same bytes under a new stamp (a checkout, a touch) are found by digest and saved
    /// with the new stamp, which the next load trusts.
    @Test func sameBytesUnderANewStampAreRestamped() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let digest = try saveA(to: file, stamps: [record("docs/a.md", 41)], recording: true)
        let bytes = Array("---\nowner: x\n---\n# A\n\nText.\n".utf8)
        let touched = DocumentMemoFile.load(path: file, key: "k")
        touched.trust(stamps: [record("docs/a.md", 99)], recording: true)
        #expect(touched.lookup("docs/a.md") == nil)
        #expect(touched.lookup("docs/a.md", source: digest, bytes: bytes) != nil)
        touched.save(path: file)
        let next = DocumentMemoFile.load(path: file, key: "k")
        next.trust(stamps: [record("docs/a.md", 99)], recording: true)
        #expect(next.lookup("docs/a.md") != nil)
    }
}

/// Bodies left in their files are read when their pages render, only while the file has the
/// bytes the document was loaded from (`DeferredBodies`).
@Suite struct DeferredBodiesTests {
    @Test func aBodyIsReadOnlyFromTheBytesItWasSavedFrom() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "dossier-deferred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "---\ntitle: A\n---\n# A\n\nText.\n"
        try text.write(to: root.appendingPathComponent("docs/a.md"), atomically: true, encoding: .utf8)
        let digest = StableDigest.of(bytes: Array(text.utf8))
        let bodies = DeferredBodies(projectRoot: root)
        let length = "# A\n\nText.\n".utf8.count
        guard case let .markdown(body) = bodies.read("docs/a.md", length: length, source: digest) else {
            Issue.record("no body")
            return
        }
        #expect(body == "# A\n\nText.\n" && bodies.changedFiles.isEmpty)

        // Changed since: an empty body, and the build is told.
        try (text + "More.\n").write(to: root.appendingPathComponent("docs/a.md"), atomically: true, encoding: .utf8)
        guard case let .markdown(changed) = bodies.read("docs/a.md", length: length, source: digest) else {
            Issue.record("no body")
            return
        }
        #expect(changed.isEmpty && bodies.changedFiles == ["docs/a.md"])

        // A link in the file's place is never followed, even to the very bytes.
        let outside = root.deletingLastPathComponent().appendingPathComponent("dossier-outside-\(UUID().uuidString)")
        try text.write(to: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/a.md"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("docs/b.md"), withDestinationURL: outside)
        let linked = DeferredBodies(projectRoot: root)
        guard case let .markdown(none) = linked.read("docs/b.md", length: length, source: digest) else {
            Issue.record("no body")
            return
        }
        #expect(none.isEmpty && linked.changedFiles == ["docs/b.md"])
    }

    /// A folder on the file's path that became a link (even to the very bytes), or a saved length
    /// past the file's end (a forged memo): an empty body and the build told, never a read outside.
    @Test func aLinkedFolderOrAForgedLengthGivesNoBody() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "dossier-deferred-\(UUID().uuidString)")
        let outside = URL(fileURLWithPath: NSTemporaryDirectory() + "dossier-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        let text = "# A\n\nText.\n"
        let digest = StableDigest.of(bytes: Array(text.utf8))
        try text.write(to: outside.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("docs"), withDestinationURL: outside)
        let linked = DeferredBodies(projectRoot: root)
        guard case let .markdown(none) = linked.read("docs/a.md", length: text.utf8.count, source: digest) else {
            Issue.record("no body")
            return
        }
        #expect(none.isEmpty && linked.changedFiles == ["docs/a.md"])

        try text.write(to: root.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        let forged = DeferredBodies(projectRoot: root)
        guard case let .markdown(past) = forged.read("b.md", length: Int(Int32.max), source: digest) else {
            Issue.record("no body")
            return
        }
        #expect(past.isEmpty && forged.changedFiles == ["b.md"])
    }
}
