@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import Foundation
import Testing

/// The added file beside the saved documents (`documents-added`): a build that parsed a few
/// documents writes only them and an index of what differs from the base's (the entries added or
/// changed, the paths removed), and the base stays as it was; the base is written anew when too
/// much lies outside it; an added file that does not belong to the base, or does not read back,
/// leaves the base alone in use.
@Suite struct DocumentMemoFileAddedTests {
    private let names = (0..<16).map { "docs/d\($0).md" }

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dossier-added-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A fresh folder (the caller removes it), the saved documents' file in it and its added file.
    private func savedFiles() throws -> (dir: String, file: String, added: String) {
        let dir = try folder()
        let file = dir + "/documents"
        return (dir, file, file + DocumentMemoFile.addedSuffix)
    }

    private func text(_ path: String, version: Int) -> String {
        "---\ntitle: \(path) v\(version)\n---\n# Heading\n\nSome text of \(path), version \(version).\n"
    }

    /// One load as `ProjectLoader` does it: each file of `versions` looked up by its bytes' digest,
    /// stored when missed, then saved. Returns how many were parsed.
    @discardableResult
    private func build(_ file: String, _ versions: [String: Int]) throws -> Int {
        let memo = DocumentMemoFile.load(path: file, key: "k")
        for (path, version) in versions.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(text(path, version: version).utf8)
            let source = StableDigest.of(bytes: bytes)
            if let (document, _) = memo.lookup(path, source: source, bytes: bytes) {
                #expect(document.title == "\(path) v\(version)")
                continue
            }
            let (document, findings) = DocumentLoader.load(path: path, bytes: bytes)
            memo.store(path, source: source, bytes: bytes, document: try #require(document), findings: findings)
        }
        let parsed = memo.parsed
        memo.save(path: file)
        return parsed
    }

    /// What a fresh load finds for `versions`: every path must read back as its version.
    private func expectAllSaved(_ file: String, _ versions: [String: Int]) {
        let memo = DocumentMemoFile.load(path: file, key: "k")
        #expect(memo.savedPaths == versions.keys.sorted())
        for (path, version) in versions {
            let bytes = Array(text(path, version: version).utf8)
            let hit = memo.lookup(path, source: StableDigest.of(bytes: bytes), bytes: bytes)
            #expect(hit?.0.title == "\(path) v\(version)", "\(path)")
            if case let .markdown(body)? = hit?.0.body {
                #expect(body == "# Heading\n\nSome text of \(path), version \(version).\n")
            } else {
                Issue.record("no body for \(path)")
            }
        }
    }

    private func contents(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// The paths an added file's index lists, and those it removes from the base's.
    private func addedIndex(_ path: String) throws -> (listed: [String], removed: [String]) {
        let bytes = try #require(contents(path))
        let indexStart = bytes.suffix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        let index = Array(bytes[indexStart..<(bytes.count - 8)])
        return try index.withUnsafeBufferPointer { buffer in
            var input = MemoReader(buffer)
            for _ in 0..<3 { _ = try input.string() }  // key, id, base id
            var listed: [String] = []
            for _ in 0..<(try input.count()) {
                listed.append(try input.string())
                for _ in 0..<2 { _ = try input.string() }  // source, check
                _ = try input.unsigned()  // stamp
                _ = try input.flag()  // in the base
                for _ in 0..<2 { _ = try input.unsigned() }  // start, length
                _ = try input.string()  // head check
                _ = try input.unsigned()  // head length
                if try input.flag() { for _ in 0..<2 { _ = try input.unsigned() } }  // face
            }
            let removed = try input.strings()
            #expect(input.atEnd)
            return (listed, removed)
        }
    }

    /// The added file's index lists only what differs from the base's: after one edit, that entry
    /// (not one per saved document); a path the base lists that is gone is listed as removed, one
    /// edited before and then deleted too; and a build with nothing changed writes nothing.
    @Test func theAddedIndexListsOnlyWhatDiffersFromTheBase() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        try build(file, versions)
        let base = try #require(contents(file))
        versions["docs/d3.md"] = 1
        #expect(try build(file, versions) == 1)
        #expect(try addedIndex(added).listed == ["docs/d3.md"])
        #expect(try addedIndex(added).removed == [])

        versions["docs/d3.md"] = nil
        versions["docs/d5.md"] = nil
        versions["docs/new.md"] = 0
        #expect(try build(file, versions) == 1)
        #expect(contents(file) == base)
        #expect(try addedIndex(added).listed == ["docs/new.md"])
        #expect(try addedIndex(added).removed == ["docs/d3.md", "docs/d5.md"])
        expectAllSaved(file, versions)

        let addedNow = try #require(contents(added))
        #expect(try build(file, versions) == 0)
        #expect(contents(added) == addedNow)
        expectAllSaved(file, versions)
    }

    @Test func editsAreAddedBesideAnUnchangedBaseAndReadBack() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        #expect(try build(file, versions) == 16)
        let base = try #require(contents(file))
        #expect(contents(added) == nil)

        // One edit: the base stays byte for byte, the added file holds the new version.
        versions["docs/d3.md"] = 1
        #expect(try build(file, versions) == 1)
        #expect(contents(file) == base)
        #expect(contents(added) != nil)
        expectAllSaved(file, versions)

        // Another edit: the first one is copied into the new added file.
        versions["docs/d7.md"] = 1
        #expect(try build(file, versions) == 1)
        #expect(contents(file) == base)
        expectAllSaved(file, versions)
        // An old version is not found any more; nothing changed writes nothing.
        let memo = DocumentMemoFile.load(path: file, key: "k")
        let old = Array(text("docs/d3.md", version: 0).utf8)
        #expect(memo.lookup("docs/d3.md", source: StableDigest.of(bytes: old), bytes: old) == nil)
        let addedNow = try #require(contents(added))
        #expect(try build(file, versions) == 0)
        #expect(contents(added) == addedNow)

        // A deletion and a new document.
        versions["docs/d5.md"] = nil
        versions["docs/new.md"] = 0
        #expect(try build(file, versions) == 1)
        #expect(contents(file) == base)
        expectAllSaved(file, versions)
    }

    @Test func tooMuchOutsideTheBaseWritesItAnew() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        try build(file, versions)
        let base = try #require(contents(file))
        // Two edits in the added file, then four documents past a quarter of the base's entries...
        for (i, path) in names.prefix(2).enumerated() {
            versions[path] = 1
            try build(file, versions)
            #expect(contents(file) == base, "\(i)")
        }
        for path in names.prefix(4) { versions[path] = 2 }
        #expect(try build(file, versions) == 4)
        #expect(contents(file) != base)
        #expect(contents(added) == nil)
        expectAllSaved(file, versions)
        // ...and so do deletions that leave more than a quarter of the base dead.
        let rewritten = try #require(contents(file))
        for path in names.suffix(5) { versions[path] = nil }
        #expect(try build(file, versions) == 0)
        #expect(contents(file) != rewritten)
        #expect(contents(added) == nil)
        expectAllSaved(file, versions)
    }

    /// The base written anew by another memo (a new id) with an old added file put back: the
    /// added file is not used.
    @Test func anAddedFileOfAnotherBaseIsIgnored() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        try build(file, versions)
        versions["docs/d1.md"] = 1
        try build(file, versions)
        let oldAdded = try #require(contents(added))
        try FileManager.default.removeItem(atPath: file)
        versions["docs/d1.md"] = 0
        #expect(try build(file, versions) == 16)
        #expect(contents(added) == nil)
        try oldAdded.write(to: URL(fileURLWithPath: added))
        expectAllSaved(file, versions)
        let memo = DocumentMemoFile.load(path: file, key: "k")
        let edited = Array(text("docs/d1.md", version: 1).utf8)
        #expect(memo.lookup("docs/d1.md", source: StableDigest.of(bytes: edited), bytes: edited) == nil)
    }

    /// Every truncation of the added file, and a changed byte anywhere in it, gives the base's
    /// entries or entries that still read back as what was saved (never a crash).
    @Test func aDamagedAddedFileCostsOnlyWhatItHolds() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        try build(file, versions)
        versions["docs/d2.md"] = 1
        try build(file, versions)
        let bytes = try #require(contents(added))
        func check(_ damaged: Data, _ label: String) throws {
            try damaged.write(to: URL(fileURLWithPath: added))
            let memo = DocumentMemoFile.load(path: file, key: "k")
            for (path, version) in versions.sorted(by: { $0.key < $1.key }) {
                let now = Array(text(path, version: version).utf8)
                let old = Array(text(path, version: 0).utf8)
                for source in [now, old] {
                    let title = "\(path) v\(source == now ? version : 0)"
                    if let (document, _) = memo.lookup(path, source: StableDigest.of(bytes: source), bytes: source) {
                        #expect(document.title == title, "\(label) \(path)")
                    }
                }
            }
        }
        for length in stride(from: 0, to: bytes.count, by: 5) {
            try check(bytes.prefix(length), "truncated to \(length)")
            // The added file does not read: the base's entries are all there.
            let kept = Array(text("docs/d9.md", version: 0).utf8)
            let memo = DocumentMemoFile.load(path: file, key: "k")
            #expect(memo.lookup("docs/d9.md", source: StableDigest.of(bytes: kept), bytes: kept) != nil, "\(length)")
        }
        for offset in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[offset] ^= 0x24
            try check(damaged, "byte \(offset)")
        }
    }

    /// A hand-made added file pointing outside the base's encodings is ignored whole.
    @Test func anAddedFilePointingPastTheBaseIsIgnored() throws {
        let (dir, file, added) = try savedFiles()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let versions = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
        try build(file, versions)
        let base = try #require(contents(file))
        // The base's id is the index's second string, after the key "k".
        let indexStart = base.suffix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        let index = Array(base[indexStart...])
        let baseID = index.withUnsafeBufferPointer { buffer -> String in
            var input = MemoReader(buffer)
            _ = try? input.string()
            return (try? input.string()) ?? ""
        }
        #expect(!baseID.isEmpty)
        var out = MemoWriter()
        out.bytes.append(contentsOf: DocumentMemoFile.fileHeader.utf8)
        let start = out.bytes.count
        out.string("k")
        out.string("added")
        out.string(baseID)
        out.count(1)
        for text in ["docs/d0.md", "a", "c"] { out.string(text) }
        out.unsigned(0)  // no stamp
        out.flag(true)
        out.count(DocumentMemoFile.fileHeader.utf8.count)
        out.count(indexStart)  // one byte past the base's encodings
        out.string("h")
        out.count(0)
        out.flag(false)  // no face
        out.strings([])  // nothing removed
        withUnsafeBytes(of: UInt64(start).littleEndian) { out.bytes.append(contentsOf: $0) }
        try Data(out.bytes).write(to: URL(fileURLWithPath: added))
        expectAllSaved(file, versions)
    }
}
