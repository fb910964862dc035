import DossierCore
@testable import DossierSite
import Foundation
import Testing

/// The prose-edit state is read as untrusted input: a damaged or absurd file is no state, never a
/// crash or a huge allocation.
@Suite struct ProseEditStateTests {
    private func state() -> ProseEditState {
        let record = ProseEditState.Record(
            key: "k", locator: BodyLocator(body: "<p>Hi</p>"), answerBytes: BodyRecording(key: "k").encodedAnswers)
        return ProseEditState(
            identity: "id", inputs: "in", settings: "s", gitState: "g",
            tree: [FileStamps.Record(path: 1, stamp: 2)],
            documents: [.init(path: "docs/a.md", page: "docs/a.html", record: record.encoded())], chunkKeys: ["c"],
            editedSinceSaved: [])
    }

    @Test func aWrittenStateReadsBackAndEveryCutOfItDoesNot() throws {
        let folder = NSTemporaryDirectory() + "prose-edit-state-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        state().write(folder: folder)
        let bytes = try ProjectFiles.readBytes(folder + "/" + ProseEditState.fileName)
        let read = try #require(ProseEditState(bytes: bytes))
        #expect(read.documents == state().documents && read.tree == state().tree && read.chunkKeys == ["c"])
        for cut in 0..<bytes.count { #expect(ProseEditState(bytes: Array(bytes.prefix(cut))) == nil) }
        #expect(ProseEditState(bytes: bytes + [0]) == nil)
    }

    @Test func hugeCountsAndLengthsAreNoState() {
        var out = MemoWriter()
        out.string("key")
        out.unsigned(1 << 40)  // a body longer than any page
        out.raw([1])
        out.raw([])
        out.raw([0])
        #expect(ProseEditState.Record(out.bytes) == nil)
        var huge = MemoWriter()
        huge.bytes = Array("dossier-prose-edit 1\n".utf8)
        for text in ["id", "in", "s", "g"] { huge.string(text) }
        huge.unsigned(UInt64.max >> 1)  // more tree records than bytes
        #expect(ProseEditState(bytes: huge.bytes) == nil)
        #expect(BodyRecording.answers(from: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == nil)
    }
}
