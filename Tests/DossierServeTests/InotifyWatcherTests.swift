@testable import DossierCore
@testable import DossierServe
import DossierTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `serve`'s inotify watcher (issue 15): what it reports and what it leaves alone.
@Suite struct InotifyWatcherTests {
    /// The paths reported until `sentinel` is among them (every wait is bounded, none is timed).
    private func paths(_ watcher: InotifyWatcher, until sentinel: String) -> Set<String> {
        var seen: Set<String> = []
        for _ in 0..<50 where !seen.contains(sentinel) {
            switch watcher.next(timeout: 0.2) {
            case let .paths(paths)?: seen.formUnion(paths)
            case .everything?: Issue.record("events were lost")
            case nil: break
            }
        }
        #expect(seen.contains(sentinel), "never saw \(sentinel): \(seen.sorted())")
        return seen
    }

    @Test func seesCreateModifyRenameDeleteAndNewFolders() throws {
        let project = try TemporaryProject(["README.md": "# Home\n", "docs/old.md": "# Old\n"])
        defer { project.remove() }
        let watcher = try InotifyWatcher(root: project.path, skipping: [])
        #expect(watcher.next(timeout: 0) == nil)

        try project.write("docs/a.md", "# A\n")
        _ = paths(watcher, until: "docs/a.md")
        let handle = try #require(FileHandle(forWritingAtPath: project.path + "/docs/old.md"))
        handle.seekToEndOfFile()
        handle.write(Data("more\n".utf8))
        handle.closeFile()
        _ = paths(watcher, until: "docs/old.md")
        #expect(rename(project.path + "/docs/a.md", project.path + "/docs/b.md") == 0)
        let renamed = paths(watcher, until: "docs/b.md")
        #expect(renamed.contains("docs/a.md"))
        #expect(unlink(project.path + "/docs/b.md") == 0)
        _ = paths(watcher, until: "docs/b.md")

        // A folder made after the watcher started, then a file in a folder inside it.
        try FileManager.default.createDirectory(atPath: project.path + "/docs/new", withIntermediateDirectories: false)
        _ = paths(watcher, until: "docs/new")
        try FileManager.default.createDirectory(
            atPath: project.path + "/docs/new/deeper", withIntermediateDirectories: false)
        _ = paths(watcher, until: "docs/new/deeper")
        try project.write("docs/new/deeper/c.md", "# C\n")
        _ = paths(watcher, until: "docs/new/deeper/c.md")
        // A folder moved in from elsewhere is watched too.
        let outside = try TemporaryProject(["moved/d.md": "# D\n"])
        defer { outside.remove() }
        #expect(rename(outside.path + "/moved", project.path + "/docs/moved") == 0)
        _ = paths(watcher, until: "docs/moved")
        try project.write("docs/moved/d.md", "# D, edited\n")
        _ = paths(watcher, until: "docs/moved/d.md")
    }

    @Test func ignoresSkippedFoldersAndNeverFollowsLinksOutOfTheProject() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n", "node_modules/pkg/index.js": "x", ".hidden/notes.md": "x",
            "site/index.html": "x", "env/pyvenv.cfg": "home = /usr/bin", "env/lib/x.py": "x",
            "docs/__pycache__/a.pyc": "x",
        ])
        defer { project.remove() }
        let outside = try TemporaryProject(["secret.md": "# Secret\n"])
        defer { outside.remove() }
        #expect(symlink(outside.path, project.path + "/linked") == 0)
        let watcher = try InotifyWatcher(root: project.path, skipping: [project.path + "/site"])

        try project.write("node_modules/pkg/index.js", "y")
        try project.write(".hidden/notes.md", "y")
        try project.write("site/index.html", "y")
        try project.write("env/lib/x.py", "y")
        try project.write("docs/__pycache__/a.pyc", "y")
        try outside.write("secret.md", "# Secret, edited\n")
        try outside.write("another.md", "# Another\n")
        try project.write("docs/sentinel.md", "# Sentinel\n")
        let seen = paths(watcher, until: "docs/sentinel.md")
        #expect(seen.filter { !$0.hasPrefix("docs") || $0.contains("__pycache__/") }.isEmpty, "\(seen.sorted())")
        // Folders watched: the root, docs and docs/__pycache__'s parent only — none behind the link.
        #expect(watcher.watchCount == 2)
    }

    /// A commit moves a branch without touching the work tree; staleness depends on it.
    @Test func seesABranchMoveButNotGitsOtherFiles() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n", ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": "0000\n",
            ".git/objects/ab/cdef": "x", ".git/index": "x",
        ])
        defer { project.remove() }
        let watcher = try InotifyWatcher(root: project.path, skipping: [])
        try project.write(".git/index", "y")
        try project.write(".git/objects/ab/cdef", "y")
        try project.write(".git/refs/heads/main.lock", "1111\n")
        #expect(rename(project.path + "/.git/refs/heads/main.lock", project.path + "/.git/refs/heads/main") == 0)
        let seen = paths(watcher, until: ".git/refs/heads/main")
        #expect(seen == [".git/refs/heads/main"])
        try project.write(".git/HEAD", "ref: refs/heads/other\n")
        _ = paths(watcher, until: ".git/HEAD")
    }
}
