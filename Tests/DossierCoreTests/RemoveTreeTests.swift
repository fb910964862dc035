import DossierCore
import Foundation
import Testing

/// `ProjectFiles.removeTree`: everything below the folder goes, links are removed and not
/// followed, and a name that is not UTF-8 is removed too.
@Suite struct RemoveTreeTests {
    @Test func removesEverythingAndFollowsNoLink() throws {
        let base = NSTemporaryDirectory() + "remove-tree-\(UUID().uuidString)"
        let tree = base + "/tree"
        let outside = base + "/outside"
        let fm = FileManager.default
        try fm.createDirectory(atPath: tree + "/a/b/c", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: tree + "/empty", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: base) }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/kept.txt"))
        for path in ["top.html", "a/one.html", "a/b/two.html", "a/b/c/three.html", ".hidden"] {
            try Data(path.utf8).write(to: URL(fileURLWithPath: tree + "/" + path))
        }
        try fm.createSymbolicLink(atPath: tree + "/a/link", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: tree + "/dangling", withDestinationPath: base + "/nowhere")
        // A name with a byte that is not UTF-8 (0xFF).
        let odd = Array((tree + "/a/b/odd-").utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0]
        let fd = open(odd, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        close(fd)

        ProjectFiles.removeTree(tree)
        #expect(!fm.fileExists(atPath: tree))
        #expect(fm.fileExists(atPath: outside + "/kept.txt"))
        // A file is removed as a file; a missing path is nothing to do.
        ProjectFiles.removeTree(outside + "/kept.txt")
        #expect(!fm.fileExists(atPath: outside + "/kept.txt"))
        ProjectFiles.removeTree(base + "/missing")
    }

    /// A folder nested as deep as paths allow is removed on a thread with a small stack (the
    /// walk keeps its own stack, so depth cannot overflow a worker thread's).
    @Test func deepNestingOnASmallStack() throws {
        let base = NSTemporaryDirectory() + "remove-tree-deep-\(UUID().uuidString)"
        let deep = base + String(repeating: "/d", count: 1_500)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: deep + "/leaf.txt"))
        defer { try? FileManager.default.removeItem(atPath: base) }
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            ProjectFiles.removeTree(base)
            done.signal()
        }
        thread.stackSize = 64 << 10
        thread.start()
        done.wait()
        #expect(!FileManager.default.fileExists(atPath: base))
    }
}
