@testable import DossierChecks
import DossierTestSupport
import Foundation
import Testing

/// `load` starts the git history's commands before the documents load (`GitHistory.launchEarly`)
/// and the history reads their output; a command started for another root or git, or with other
/// arguments (the log of a project in a subfolder), is not used.
@Suite struct EarlyGitCommandsTests {
    /// A git that answers `status` with one untracked file named after what `marker` holds when
    /// it runs (then leaves `done`), and passes every other command to the real git.
    private func plantingGit(in folder: String) throws -> (git: String, marker: String, done: String) {
        let git = folder + "/planting-git"
        let marker = folder + "/marker"
        let done = folder + "/done"
        try "#!/bin/sh\nif [ \"$1\" = status ]; then\n  printf '?? %s\\0' \"planted-$(cat '\(marker)')\"\n"
            .appending("  touch '\(done)'\n  exit 0\nfi\nexec git \"$@\"\n")
            .write(toFile: git, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: git)
        return (git, marker, done)
    }

    private func repository() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("tracked.py", "1\n")
        repo.commit("Add", day: 0)
        repo.write("tracked.py", "2\n")
        repo.write("untracked.py", "1\n")
        return repo
    }

    /// The history reads the status started early: what it printed then, not what a status
    /// started later would print.
    @Test func theHistoryReadsTheStatusStartedEarly() throws {
        let repo = try repository()
        defer { repo.remove() }
        let tools = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: tools) }
        let (git, marker, done) = try plantingGit(in: tools)
        try "early".write(toFile: marker, atomically: true, encoding: .utf8)
        let launched = GitHistory.launchEarly(projectRoot: repo.root, gitExecutable: git)
        // Wait for the early status to have run (no time limit asserted: it just has to end).
        while !FileManager.default.fileExists(atPath: done) { usleep(2_000) }
        try "late".write(toFile: marker, atomically: true, encoding: .utf8)
        let history = GitHistory(projectRoot: repo.root, gitExecutable: git, early: launched)
        #expect(history.status == .available)
        #expect(history.hasUncommittedChanges("planted-early"))
        #expect(!history.hasUncommittedChanges("planted-late"))
        #expect(history.commits(touching: "tracked.py").count == 1)
    }

    /// Each command started early is the one the history runs: none runs a second time.
    @Test func noCommandRunsTwice() throws {
        let repo = try repository()
        defer { repo.remove() }
        let tools = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: tools) }
        let git = tools + "/counting-git"
        let log = tools + "/commands"
        let script = "#!/bin/sh\necho \"$1\" >> '\(log)'\nexec git \"$@\"\n"
        try script.write(toFile: git, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: git)
        let history = GitHistory(
            projectRoot: repo.root, gitExecutable: git,
            early: GitHistory.launchEarly(projectRoot: repo.root, gitExecutable: git))
        #expect(history.status == .available)
        let commands = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").sorted()
        #expect(commands == ["log", "rev-parse", "status"])
    }

    /// Started early with the real git, the history is the one a status started late gives.
    @Test func anEarlyStatusGivesTheSameHistory() throws {
        let repo = try repository()
        defer { repo.remove() }
        let early = GitHistory(projectRoot: repo.root, early: GitHistory.launchEarly(projectRoot: repo.root))
        let late = GitHistory(projectRoot: repo.root)
        for path in ["tracked.py", "untracked.py", "clean.py"] {
            #expect(early.hasUncommittedChanges(path) == late.hasUncommittedChanges(path), "\(path)")
        }
        #expect(early.hasUncommittedChanges("untracked.py"))
        #expect(early.uncommittedPaths(under: "") == late.uncommittedPaths(under: ""))
        #expect(early.commits.map(\.hash) == late.commits.map(\.hash))
        #expect(early.commits(touching: "tracked.py").count == 1)
    }

    /// A project in a subfolder logs with `--relative`: the early log (as at the top) is not its
    /// log, and the history is the one read without early commands.
    @Test func aProjectInASubfolderReadsItsOwnLog() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("outside.py", "1\n")
        repo.write("proj/model.py", "1\n")
        repo.commit("Add", day: 0)
        repo.write("outside.py", "2\n")
        repo.commit("Outside only", day: 1)
        repo.write("proj/model.py", "dirty\n")
        let root = repo.root + "/proj"
        let early = GitHistory(projectRoot: root, early: GitHistory.launchEarly(projectRoot: root))
        let late = GitHistory(projectRoot: root)
        #expect(early.projectPrefix == "proj/")
        #expect(early.commits(touching: "model.py").map(\.subject) == ["Add"])
        #expect(early.commits(touching: "outside.py").isEmpty)
        #expect(early.commits(touching: "model.py") == late.commits(touching: "model.py"))
        #expect(early.hasUncommittedChanges("model.py"))
    }

    /// A status started for another folder or with another git is not read as this one's; it is
    /// still reaped. Outside a repository or without git the early status is dropped as well.
    @Test func aStatusOfAnotherRootOrGitIsNotUsed() throws {
        let repo = try repository()
        defer { repo.remove() }
        let other = try repository()
        defer { other.remove() }
        let tools = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: tools) }
        let (git, marker, _) = try plantingGit(in: tools)
        try "wrong".write(toFile: marker, atomically: true, encoding: .utf8)
        let otherRoot = GitHistory(projectRoot: repo.root, early: GitHistory.launchEarly(projectRoot: other.root))
        #expect(otherRoot.hasUncommittedChanges("untracked.py"))
        let otherGit = GitHistory(
            projectRoot: repo.root, early: GitHistory.launchEarly(projectRoot: repo.root, gitExecutable: git))
        #expect(!otherGit.hasUncommittedChanges("planted-wrong"))
        #expect(otherGit.hasUncommittedChanges("untracked.py"))
        let plain = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let outside = GitHistory(projectRoot: plain, early: GitHistory.launchEarly(projectRoot: plain))
        #expect(outside.status == .notARepository)
        #expect(GitHistory.launchEarly(projectRoot: plain, gitExecutable: "/nonexistent/bin/git").launched.isEmpty)
        #expect(GitHistory.launchEarly(projectRoot: "/nonexistent/dossier/project").launched.isEmpty)
    }
}
