import DossierCore
import Foundation
import Testing

/// `FileStamps`: equal digests only while no file was added, removed, renamed or written; skipped
/// paths and folders' own times do not count; a walk past its limit says it is incomplete.
@Suite struct FileStampsTests {
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dossier-stamps-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/a/b", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: path + "/a/one.txt"))
        try Data("two".utf8).write(to: URL(fileURLWithPath: path + "/a/b/two.txt"))
        try Data("hidden".utf8).write(to: URL(fileURLWithPath: path + "/.hidden"))
        return path
    }

    private func digest(_ path: String, skip: @escaping (String) -> Bool = { _ in false }) -> String {
        var stamps = FileStamps()
        stamps.add(tree: path, skip: skip)
        return stamps.hex
    }

    @Test func everyKindOfChangeChangesTheDigest() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var seen: Set<String> = [digest(root)]
        #expect(digest(root) == seen.first, "the same tree twice")
        let changes: [() throws -> Void] = [
            { try Data("ONE".utf8).write(to: URL(fileURLWithPath: root + "/a/one.txt")) },  // same size
            { try Data("three".utf8).write(to: URL(fileURLWithPath: root + "/a/b/three.txt")) },
            { try FileManager.default.moveItem(atPath: root + "/a/b/three.txt", toPath: root + "/a/b/four.txt") },
            { try FileManager.default.removeItem(atPath: root + "/a/b/two.txt") },
            { try Data("HIDDEN".utf8).write(to: URL(fileURLWithPath: root + "/.hidden")) },
            { try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: false) },
            { try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: "a/one.txt") },
        ]
        for (number, change) in changes.enumerated() {
            Thread.sleep(forTimeInterval: 0.02)  // file times tick coarsely; a later write must differ
            try change()
            let now = digest(root)
            #expect(!seen.contains(now), "change \(number)")
            seen.insert(now)
        }
    }

    @Test func aFileWrittenBackWithItsOldTimeStillCounts() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/a/one.txt"
        let old = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        let before = digest(root)
        Thread.sleep(forTimeInterval: 0.02)
        try Data("eno".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: old as Any], ofItemAtPath: file)
        #expect(digest(root) != before)
    }

    @Test func skippedPathsAndFolderTimesDoNotCount() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let skip: (String) -> Bool = { $0 == root + "/out" }
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: false)
        let before = digest(root, skip: skip)
        Thread.sleep(forTimeInterval: 0.02)
        try Data("page".utf8).write(to: URL(fileURLWithPath: root + "/out/index.html"))
        // A file made and removed again changes its folder's times, and no file.
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/a/tmp"))
        try FileManager.default.removeItem(atPath: root + "/a/tmp")
        #expect(digest(root, skip: skip) == before)
    }

    @Test func aLinkIsStampedNotFollowed() throws {
        let root = try folder()
        let outside = try folder()
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/out", withDestinationPath: outside)
        var stamps = FileStamps()
        stamps.add(tree: root)
        #expect(stamps.entries == 6, "the link is one entry; nothing behind it is walked")
        Thread.sleep(forTimeInterval: 0.02)
        try Data("elsewhere".utf8).write(to: URL(fileURLWithPath: outside + "/a/one.txt"))
        #expect(digest(root) == stamps.hex)
    }

    @Test func aTreeDeeperThanTheLimitIsIncomplete() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let deep = String(repeating: "/d", count: FileStamps.maximumDepth + 1)
        try FileManager.default.createDirectory(atPath: root + deep, withIntermediateDirectories: true)
        var stamps = FileStamps()
        stamps.add(tree: root)
        #expect(stamps.incomplete)
    }

    @Test func aWalkPastItsLimitIsIncomplete() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var small = FileStamps(entryLimit: 2)
        small.add(tree: root)
        #expect(small.incomplete)
        var enough = FileStamps()
        enough.add(tree: root)
        #expect(!enough.incomplete)
        #expect(enough.entries == 5)
        var missing = FileStamps()
        missing.add(tree: root + "/nowhere")
        #expect(!missing.incomplete && missing.hex != enough.hex)
    }

    /// The parallel walk (`add(treeInParallel:)`, the output's stamps) gives the serial walk's
    /// digest, entry count and newest change for the same tree, and changes with it.
    @Test func theParallelWalkGivesTheSerialDigest() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manager = FileManager.default
        for name in ["c", "c/d", "c/d/e", "empty", "z"] {
            try manager.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
        }
        for name in ["c/1.html", "c/d/2.html", "c/d/e/3.html", "z/4", "top.html"] {
            try Data(name.utf8).write(to: URL(fileURLWithPath: root + "/" + name))
        }
        try manager.createSymbolicLink(atPath: root + "/c/link", withDestinationPath: root + "/a")
        func both() -> (String, String) {
            var serial = FileStamps()
            serial.add(tree: root)
            var parallel = FileStamps()
            parallel.add(treeInParallel: root)
            #expect(!parallel.incomplete)
            #expect(parallel.entries == serial.entries)
            #expect(parallel.newestChange == serial.newestChange)
            return (serial.hex, parallel.hex)
        }
        let (before, parallelBefore) = both()
        #expect(before == parallelBefore)
        try Data("changed".utf8).write(to: URL(fileURLWithPath: root + "/c/d/e/3.html"))
        let (after, parallelAfter) = both()
        #expect(after == parallelAfter)
        #expect(parallelAfter != parallelBefore)
        try manager.removeItem(atPath: root + "/empty")
        let (removed, parallelRemoved) = both()
        #expect(removed == parallelRemoved && removed != after)
        var missing = FileStamps()
        missing.add(treeInParallel: root + "/nowhere")
        var serialMissing = FileStamps()
        serialMissing.add(tree: root + "/nowhere")
        #expect(missing.hex == serialMissing.hex)
    }

    @Test func theParallelWalkStopsAtItsLimits() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var small = FileStamps(entryLimit: 2)
        small.add(treeInParallel: root)
        #expect(small.incomplete)
        let deep = String(repeating: "/d", count: FileStamps.maximumDepth + 1)
        try FileManager.default.createDirectory(atPath: root + deep, withIntermediateDirectories: true)
        var stamps = FileStamps()
        stamps.add(treeInParallel: root)
        #expect(stamps.incomplete)
    }
}
