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

    private func digest(_ path: String, skip: @escaping @Sendable (String) -> Bool = { _ in false }) -> String {
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
        let skip: @Sendable (String) -> Bool = { $0 == root + "/out" }
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

    /// The parallel walk (`add(tree:parallel:)`, as for the output's stamps) gives the serial walk's
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
            parallel.add(tree: root, parallel: true)
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
        missing.add(tree: root + "/nowhere", parallel: true)
        var serialMissing = FileStamps()
        serialMissing.add(tree: root + "/nowhere")
        #expect(missing.hex == serialMissing.hex)
    }

    @Test func theParallelWalkStopsAtItsLimits() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var small = FileStamps(entryLimit: 2)
        small.add(tree: root, parallel: true)
        #expect(small.incomplete)
        let deep = String(repeating: "/d", count: FileStamps.maximumDepth + 1)
        try FileManager.default.createDirectory(atPath: root + deep, withIntermediateDirectories: true)
        var stamps = FileStamps()
        stamps.add(tree: root, parallel: true)
        #expect(stamps.incomplete)
    }

    /// The parallel walk (folders near the top walked on every core) adds the very bytes of the
    /// serial walk in the same order: equal digests, and records in walk order (byte order of
    /// names, a folder's entries right after it), over more folders than the walk makes tasks.
    @Test func theParallelWalkIsTheSerialWalk() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for i in 0..<150 {
            let sub = root + "/many/f\(i)/g\(i % 3)/h"
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            try Data("\(i)".utf8).write(to: URL(fileURLWithPath: sub + "/leaf.txt"))
            try Data("\(i)".utf8).write(to: URL(fileURLWithPath: root + "/many/f\(i)/x.txt"))
        }
        try FileManager.default.createDirectory(atPath: root + "/a/b/c/d/e", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/a/b/c/link", withDestinationPath: "..")
        try FileManager.default.createDirectory(atPath: root + "/skipped/inner", withIntermediateDirectories: true)
        let skip: @Sendable (String) -> Bool = { $0 == root + "/skipped" }
        var serial = FileStamps()
        serial.add(tree: root, recording: true, skip: skip)
        var parallel = FileStamps()
        parallel.add(tree: root, recording: true, parallel: true, skip: skip)
        #expect(parallel.hex == serial.hex)
        #expect(parallel.records == serial.records)
        #expect(parallel.entries == serial.entries && parallel.newestChange == serial.newestChange)
        #expect(!parallel.incomplete)

        // The records' paths, in the order a depth-first walk in byte order visits them.
        var expected: [String] = []
        var stack = [""]
        while let relative = stack.popLast() {
            if !relative.isEmpty { expected.append(relative) }
            let absolute = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard relative.isEmpty || (lstat(absolute, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR) else {
                continue
            }
            if absolute == root + "/skipped" { continue }
            let names = try FileManager.default.contentsOfDirectory(atPath: absolute)
                .filter { absolute + "/" + $0 != root + "/skipped" }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for name in names.reversed() { stack.append(relative.isEmpty ? name : relative + "/" + name) }
        }
        #expect(parallel.records.map(\.path) == expected.map(FileStamps.pathHash))

        var small = FileStamps(entryLimit: 100)
        small.add(tree: root, parallel: true)
        #expect(small.incomplete)
    }
}
