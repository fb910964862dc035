@testable import DossierChecks
@testable import DossierCore
@testable import DossierModel
import Foundation
import Testing

/// The loaded face saved with each document (`DocumentMemoFile.recordFaces`, `savedFaces`): read
/// back for the documents the load takes from the file, added to an entry saved without one,
/// and a damaged face is a damaged index (an empty memo), never a crash.
@Suite struct DocumentMemoFileFaceTests {
    private let text = "---\nowner: x\n---\n# A\n\nText.\n"

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dossier-faces-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A memo that stored `docs/a.md`, with `face` recorded when given, saved to `file`.
    private func save(to file: String, face: StableDigest?) throws {
        let (document, findings) = DocumentLoader.load(path: "docs/a.md", bytes: Array(text.utf8))
        let memo = DocumentMemoFile(key: "k")
        memo.store(
            "docs/a.md", source: StableDigest.of(bytes: Array(text.utf8)), bytes: Array(text.utf8),
            document: try #require(document), findings: findings)
        // A document it parsed has no saved face yet.
        #expect(memo.savedFaces(["docs/a.md"]) == [nil])
        if let face { memo.recordFaces(paths: ["docs/a.md", "docs/gone.md"], faces: [face, StableDigest()]) }
        memo.save(path: file)
    }

    /// `file` loaded, with `docs/a.md` looked up by its bytes.
    private func lookedUp(_ file: String) -> DocumentMemoFile {
        let memo = DocumentMemoFile.load(path: file, key: "k")
        _ = memo.lookup("docs/a.md", source: StableDigest.of(bytes: Array(text.utf8)), bytes: Array(text.utf8))
        return memo
    }

    @Test func aRecordedFaceIsReadBackForTheDocumentTaken() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        let face = StableDigest(lanes: (1, 2))
        try save(to: file, face: face)
        let memo = lookedUp(file)
        #expect(memo.reused == 1)
        #expect(memo.savedFaces(["docs/a.md", "docs/gone.md"]) == [face, nil])
        // Not looked up: not given.
        #expect(DocumentMemoFile.load(path: file, key: "k").savedFaces(["docs/a.md"]) == [nil])
    }

    @Test func anEntrySavedWithoutAFaceIsGivenOne() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        try save(to: file, face: nil)
        let first = lookedUp(file)
        #expect(first.savedFaces(["docs/a.md"]) == [nil])
        let face = StableDigest(lanes: (7, 8))
        first.recordFaces(paths: ["docs/a.md"], faces: [face])
        first.save(path: file)
        #expect(lookedUp(file).savedFaces(["docs/a.md"]) == [face])
    }

    @Test func aDamagedFaceIsAnEmptyMemo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/documents"
        try save(to: file, face: StableDigest(lanes: (1, 2)))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        // The last entry's face is its flag and two one-byte lanes, just before the count of removed
        // paths (none: one byte) and the index's offset.
        let flag = bytes.count - 8 - 1 - 3
        #expect(bytes[flag] == 1 && bytes[flag + 1] == 1 && bytes[flag + 2] == 2)
        for damage: [UInt8] in [[7, 1, 2], [1, 0x81, 0x81]] {
            bytes.replaceSubrange(flag..<(flag + 3), with: damage)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let memo = lookedUp(file)
            #expect(memo.savedPaths.isEmpty)
            #expect(memo.reused == 0 && memo.savedFaces(["docs/a.md"]) == [nil])
        }
    }
}
