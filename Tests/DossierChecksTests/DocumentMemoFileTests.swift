@testable import DossierChecks
@testable import DossierCore
@testable import DossierFormats
@testable import DossierModel
import Foundation
import Testing

/// The file of saved documents itself (`DocumentMemoFile`): what is saved reads back for the same
/// path, bytes and key only, and a damaged entry is parsed again while the others are used.
@Suite struct DocumentMemoFileTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dossier-memo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func load(_ path: String, _ text: String) throws -> (Document, [Finding], [UInt8]) {
        let (document, findings) = DocumentLoader.load(path: path, bytes: Array(text.utf8))
        return (try #require(document), findings, Array(text.utf8))
    }

    @Test func savedDocumentsReadBackForTheSamePathBytesAndKeyOnly() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let memo = DocumentMemoFile(key: "k1")
        let (a, aFindings, aBytes) = try load("docs/a.md", "---\nkind: schema\nbad: 1\n---\n# A\n")
        let (b, bFindings, bBytes) = try load("docs/b.md", "# B\n\n[[a]]\n")
        memo.store("docs/a.md", source: "digest-a", bytes: aBytes, document: a, findings: aFindings)
        memo.store("docs/b.md", source: "digest-b", bytes: bBytes, document: b, findings: bFindings)
        memo.save(path: file)

        let read = DocumentMemoFile.load(path: file, key: "k1")
        #expect(read.savedPaths == ["docs/a.md", "docs/b.md"])
        let hit = try #require(read.lookup("docs/a.md", source: "digest-a", bytes: aBytes))
        #expect(hit.0.title == "A" && hit.1 == aFindings && !aFindings.isEmpty)
        if case let .markdown(text) = hit.0.body { #expect(text == "# A\n") } else { Issue.record("no body") }
        #expect(read.lookup("docs/a.md", source: "digest-b", bytes: aBytes) == nil)
        #expect(read.lookup("docs/c.md", source: "digest-a", bytes: aBytes) == nil)
        #expect(read.reused == 1 && read.parsed == 2)
        // Saving keeps what this load used (a) and drops what it did not (b).
        read.save(path: file)
        #expect(DocumentMemoFile.load(path: file, key: "k1").savedPaths == ["docs/a.md"])
        // Another key (another Dossier, another configuration): nothing.
        #expect(DocumentMemoFile.load(path: file, key: "k2").savedPaths.isEmpty)
    }

    /// A body that ends the file's bytes is not kept: the document `store` returns leaves it in the
    /// file, and it is saved as that body would be (read back from the same bytes whole).
    @Test func aStoredBodyThatEndsTheFileIsLeftThere() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let memo = DocumentMemoFile(key: "k")
        let (a, findings, bytes) = try load("docs/a.md", "---\ntitle: A\n---\n# A\n\nText.\n")
        let kept = memo.store("docs/a.md", source: "a", bytes: bytes, document: a, findings: findings)
        guard case let .deferred(length) = kept.body else { Issue.record("the body was kept"); return }
        #expect(length == "# A\n\nText.\n".utf8.count)
        memo.save(path: file)
        let read = DocumentMemoFile.load(path: file, key: "k")
        let hit = try #require(read.lookup("docs/a.md", source: "a", bytes: bytes))
        if case let .markdown(text) = hit.0.body { #expect(text == "# A\n\nText.\n") } else { Issue.record("no body") }
    }

    /// Every truncation of a file gives an empty memo or one whose entries decode (never a crash);
    /// a changed byte in an entry's encoding costs that entry only.
    @Test func damageCostsTheDamagedPartOnly() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let memo = DocumentMemoFile(key: "k")
        var sources: [String: [UInt8]] = [:]
        for name in ["a", "b", "c"] {
            let (document, findings, bytes) = try load("docs/\(name).md", "# \(name)\n\nSome text for \(name).\n")
            memo.store("docs/\(name).md", source: name, bytes: bytes, document: document, findings: findings)
            sources[name] = bytes
        }
        memo.save(path: file)
        let bytes = try #require(FileManager.default.contents(atPath: file))
        for length in stride(from: 0, to: bytes.count, by: 7) {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: file))
            #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        }
        // The first entry's encoding follows the header: change a byte of it.
        var damaged = bytes
        damaged[DocumentMemoFile.fileHeader.utf8.count + 2] ^= 0x20
        try damaged.write(to: URL(fileURLWithPath: file))
        let read = DocumentMemoFile.load(path: file, key: "k")
        #expect(read.savedPaths == ["docs/a.md", "docs/b.md", "docs/c.md"])
        #expect(read.lookup("docs/a.md", source: "a", bytes: sources["a"]!) == nil)
        #expect(read.lookup("docs/c.md", source: "c", bytes: sources["c"]!) != nil)
        // The index ends the file, before its offset: a changed byte there empties the memo or
        // leaves entries whose encodings still check.
        for back in 9..<40 {
            var index = bytes
            index[index.count - back] ^= 0x41
            try index.write(to: URL(fileURLWithPath: file))
            let memo = DocumentMemoFile.load(path: file, key: "k")
            for name in ["a", "b", "c"] {
                if let (document, _) = memo.lookup("docs/\(name).md", source: name, bytes: sources[name]!) {
                    #expect(document.title == name)
                }
            }
        }
    }

    /// An encoding changed in the old file between its lookup and `save` (which copies it without
    /// digesting it again) is written with the digest it was looked up with: the next load parses it.
    @Test func anEncodingChangedBeforeSaveFailsItsCheckNextTime() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let first = DocumentMemoFile(key: "k")
        let (a, aFindings, aBytes) = try load("docs/a.md", "# A\n\nText.\n")
        first.store("docs/a.md", source: "a", bytes: aBytes, document: a, findings: aFindings)
        first.save(path: file)
        let memo = DocumentMemoFile.load(path: file, key: "k")
        #expect(memo.lookup("docs/a.md", source: "a", bytes: aBytes) != nil)
        // Changed in place (the memo holds the file open): a byte of a's encoding.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file))
        try handle.seek(toOffset: UInt64(DocumentMemoFile.fileHeader.utf8.count + 1))
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: UInt64(DocumentMemoFile.fileHeader.utf8.count + 1))
        try handle.write(contentsOf: [byte ^ 0x10])
        try handle.close()
        // A new document makes `save` write the file anew.
        let (b, bFindings, bBytes) = try load("docs/b.md", "# B\n")
        memo.store("docs/b.md", source: "b", bytes: bBytes, document: b, findings: bFindings)
        memo.save(path: file)
        let next = DocumentMemoFile.load(path: file, key: "k")
        #expect(next.savedPaths == ["docs/a.md", "docs/b.md"])
        #expect(next.lookup("docs/a.md", source: "a", bytes: aBytes) == nil)
        #expect(next.lookup("docs/b.md", source: "b", bytes: bBytes) != nil)
    }

    /// A document the codec cannot write (front matter nested too deep) is parsed every time;
    /// the others in the file still read back.
    @Test func aDocumentThatCannotBeSavedIsParsedAgain() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let memo = DocumentMemoFile(key: "k")
        var (deep, deepFindings, deepBytes) = try load("docs/deep.md", "---\ntitle: t\n---\nText\n")
        for _ in 0..<DocumentCodec.maximumDepth { deep.frontMatter = YAMLValue(.list([deep.frontMatter!])) }
        memo.store("docs/deep.md", source: "d", bytes: deepBytes, document: deep, findings: deepFindings)
        let (plain, plainFindings, plainBytes) = try load("docs/plain.md", "Text\n")
        memo.store("docs/plain.md", source: "p", bytes: plainBytes, document: plain, findings: plainFindings)
        memo.save(path: file)
        let read = DocumentMemoFile.load(path: file, key: "k")
        #expect(read.lookup("docs/deep.md", source: "d", bytes: deepBytes) == nil)
        #expect(read.lookup("docs/plain.md", source: "p", bytes: plainBytes) != nil)
    }

    /// Hand-made files: an index that claims more entries than it holds, or an entry whose
    /// encoding would lie outside the encodings' part, gives an empty memo.
    @Test func aHostileIndexGivesAnEmptyMemo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        func write(id: String = "i", base: String = "", _ entries: (inout MemoWriter) -> Void) throws {
            try Self.writeFile(file, id: id, base: base, entries)
        }
        try write { $0.unsigned(1 << 40) }
        #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        for (start, length) in [(0, 1), (DocumentMemoFile.fileHeader.utf8.count, 5), (1 << 50, 1), (30, Int.max)] {
            try write { out in
                Self.entry(&out, "docs/a.md", inBase: false, start: start, length: length)
            }
            #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty, "\(start) \(length)")
        }
        // A base with no id, or one that points into a base of its own: nothing.
        let header = DocumentMemoFile.fileHeader.utf8.count
        try write(id: "") { Self.entry(&$0, "docs/a.md", inBase: false, start: header, length: 4) }
        #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        try write { Self.entry(&$0, "docs/a.md", inBase: true, start: header, length: 4) }
        #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        // An added file in the base's place: nothing.
        try write(base: "b") { Self.entry(&$0, "docs/a.md", inBase: false, start: header, length: 4) }
        #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        // A head longer than its encoding: nothing.
        try write { Self.entry(&$0, "docs/a.md", inBase: false, start: header, length: 4, headLength: 5) }
        #expect(DocumentMemoFile.load(path: file, key: "k").savedPaths.isEmpty)
        // The same entry within bounds reads (and its encoding, not matching its digest, is parsed).
        try write { Self.entry(&$0, "docs/a.md", inBase: false, start: header, length: 4) }
        let memo = DocumentMemoFile.load(path: file, key: "k")
        #expect(memo.savedPaths == ["docs/a.md"])
        #expect(memo.lookup("docs/a.md", source: "a", bytes: []) == nil)
    }

    /// A hand-made file: the header, four bytes of encodings, then the index `entries` end (and
    /// no removed paths).
    private static func writeFile(
        _ file: String, id: String, base: String, _ entries: (inout MemoWriter) -> Void
    ) throws {
        var out = MemoWriter()
        out.bytes.append(contentsOf: DocumentMemoFile.fileHeader.utf8)
        out.bytes.append(contentsOf: [1, 2, 3, 4])
        let indexStart = out.bytes.count
        out.string("k")
        out.string(id)
        out.string(base)
        entries(&out)
        out.strings([])
        withUnsafeBytes(of: UInt64(indexStart).littleEndian) { out.bytes.append(contentsOf: $0) }
        try Data(out.bytes).write(to: URL(fileURLWithPath: file))
    }

    /// An index of one entry (its count, then the entry), hand-made.
    private static func entry(
        _ out: inout MemoWriter, _ path: String, inBase: Bool, start: Int, length: Int, headLength: Int = 0
    ) {
        out.count(1)
        for text in [path, "a", "c"] { out.string(text) }
        out.unsigned(0)  // no stamp
        out.flag(inBase)
        out.unsigned(UInt64(start))
        out.unsigned(UInt64(length))
        out.string("h")
        out.unsigned(UInt64(headLength))
        out.flag(false)  // no loaded face
    }

    @Test func theKeyFollowsTheConfigurationAndTheBuild() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = URL(fileURLWithPath: dir)
        let options = BuildOptions()
        let none = DocumentMemoFile.key(identity: "x", root: root, options: options)
        #expect(DocumentMemoFile.key(identity: "y", root: root, options: options) != none)
        try "title: T\n".write(toFile: dir + "/dossier.yml", atomically: true, encoding: .utf8)
        let withConfig = DocumentMemoFile.key(identity: "x", root: root, options: options)
        #expect(withConfig != none)
        try "title: U\n".write(toFile: dir + "/dossier.yml", atomically: true, encoding: .utf8)
        #expect(DocumentMemoFile.key(identity: "x", root: root, options: options) != withConfig)
        try "site_name: M\n".write(toFile: dir + "/mkdocs.yml", atomically: true, encoding: .utf8)
        #expect(DocumentMemoFile.key(identity: "x", root: root, options: options) != withConfig)
    }
}
