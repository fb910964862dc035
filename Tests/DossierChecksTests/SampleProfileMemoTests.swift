@testable import DossierChecks
import DossierFormats
import Foundation
import Testing

/// `SampleProfileMemo` (`dossier serve`): a sample is profiled again when its file changes
/// (even to the same size), not when it stays; other limits or names are other keys.
@Suite struct SampleProfileMemoTests {
    /// A new folder holding `sample.csv` (columns a and b), and an empty memo.
    private static func sampleFolder() throws -> (folder: URL, file: URL, memo: SampleProfileMemo) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-profiles-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("sample.csv")
        try Data("a,b\n1,2\n".utf8).write(to: file)
        return (folder, file, SampleProfileMemo())
    }

    @Test func anEditedSampleIsReadAgainAnUnchangedOneIsReused() throws {
        let (folder, file, memo) = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reader = SampleReader()
        reader.memo = memo

        let first = try reader.profile(of: file, reportedAs: "data/sample.csv")
        #expect(first.columnNames == ["a", "b"])
        #expect(memo.hits == 0 && memo.misses == 1)
        let again = try reader.profile(of: file, reportedAs: "data/sample.csv")
        #expect(again.columnNames == ["a", "b"])
        #expect(memo.hits == 1)

        // The same size, another column name: the stamp (change time, at least) differs.
        try Data("a,c\n1,2\n".utf8).write(to: file)
        let edited = try reader.profile(of: file, reportedAs: "data/sample.csv")
        #expect(edited.columnNames == ["a", "c"])
        #expect(memo.misses == 2)

        // Another name or other limits are not the kept profile.
        _ = try reader.profile(of: file, reportedAs: "data/other.csv")
        var fewer = reader
        fewer.maxRows = 0
        #expect(try fewer.profile(of: file, reportedAs: "data/sample.csv").rowsRead == 0)
        #expect(memo.misses == 4)

        // A file that cannot be profiled is not kept: fixed, it is read again.
        try Data().write(to: file)
        #expect(throws: SampleReadError.self) { try reader.profile(of: file, reportedAs: "data/sample.csv") }
        try Data("z\n9\n".utf8).write(to: file)
        #expect(try reader.profile(of: file, reportedAs: "data/sample.csv").columnNames == ["z"])

        // Pruning forgets what the last build did not ask for.
        memo.prune()
        _ = try reader.profile(of: file, reportedAs: "data/sample.csv")
        memo.prune()
        memo.prune()
        _ = try reader.profile(of: file, reportedAs: "data/sample.csv")
        #expect(memo.hits == 0 && memo.misses == 1)
    }

    /// The drift check asks by path with the `lstat` it took (`profile(atPath:stamp:reportedAs:)`):
    /// the same kept profile as `profile(of:)`, a changed stamp is a miss, no stamp (a folder, a
    /// pipe) is never kept, and a lying stamp is no more trusted than a stale one: the file is read.
    @Test func askingByPathWithTheCallersStampSharesTheKeptProfile() throws {
        let (folder, file, memo) = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var reader = SampleReader()
        reader.memo = memo
        _ = try reader.profile(of: file, reportedAs: "data/sample.csv")
        let stamp = try #require(DocumentLoadMemo.Stamp(absolute: file.path))
        let byPath = try reader.profile(atPath: file.path, stamp: stamp, reportedAs: "data/sample.csv")
        #expect(byPath.columnNames == ["a", "b"])
        #expect(memo.hits == 1 && memo.misses == 1)

        func columns(_ stamp: DocumentLoadMemo.Stamp?) throws -> [String] {
            try reader.profile(atPath: file.path, stamp: stamp, reportedAs: "data/sample.csv").columnNames
        }
        try Data("a,c\n1,2\n".utf8).write(to: file)
        let fresh = try #require(DocumentLoadMemo.Stamp(absolute: file.path))
        #expect(try columns(fresh) == ["a", "c"])
        #expect(memo.misses == 2)
        // A stamp that lies (the file's old one) is a miss: the file is read, never the kept profile.
        #expect(try columns(stamp) == ["a", "c"])
        #expect(memo.misses == 3)
        // No stamp: read, and not kept.
        #expect(try columns(nil) == ["a", "c"])
        #expect(memo.misses == 3)
        #expect(throws: SampleReadError.self) {
            try reader.profile(atPath: folder.path, stamp: nil, reportedAs: "data/folder.csv")
        }
    }
}
