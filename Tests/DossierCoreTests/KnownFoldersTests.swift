import DossierCore
import Foundation
import Testing

/// `KnownFolders.plainLstat` answers only for plain paths whose folders are real ones, whatever
/// it remembered from earlier calls, and splits paths at every `/` byte.
@Suite struct KnownFoldersTests {
    @Test func plainPathsThroughRealFoldersOnly() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("known-\(UUID().uuidString)")
        let root = base.appendingPathComponent("project").path
        let outside = base.appendingPathComponent("outside").path
        defer { try? FileManager.default.removeItem(at: base) }
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        try files.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/a/b/f.txt"))
        try Data("y".utf8).write(to: URL(fileURLWithPath: root + "/top.txt"))
        try Data("z".utf8).write(to: URL(fileURLWithPath: outside + "/\u{301}s.txt"))
        try files.createSymbolicLink(atPath: root + "/out", withDestinationPath: outside)

        let known = KnownFolders()
        for _ in 0..<2 {  // the second time from what the first remembered
            #expect(known.plainLstat("a/b/f.txt", under: root)?.st_size == 1)
            #expect(known.plainLstat("top.txt", under: root) != nil)
            #expect(known.plainLstat("a/b", under: root).map { $0.st_mode & S_IFMT } == S_IFDIR)
            #expect(known.plainLstat("out", under: root).map { $0.st_mode & S_IFMT } == S_IFLNK)
            for refused in [
                "", "/a/b/f.txt", "a/b/f.txt/", "a//b/f.txt", "./a/b/f.txt", "a/./b/f.txt", "a/b/../b/f.txt",
                "..", "a/b/missing.txt", "a/b/f.txt\u{0}", "out/\u{301}s.txt",
            ] {
                #expect(known.plainLstat(refused, under: root) == nil, "\(refused.debugDescription)")
            }
        }
        // A `/` followed by a combining mark is one Character but still a folder boundary: the
        // linked folder before it is refused (splitting by Characters walked through it).
        #expect(files.fileExists(atPath: root + "/out/\u{301}s.txt"))
    }
}
