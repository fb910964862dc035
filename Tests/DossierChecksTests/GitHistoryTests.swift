@testable import DossierChecks
import DossierTestSupport
import Foundation
import Testing

@Suite struct GitHistoryTests {
    @Test func notARepository() throws {
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = GitHistory(projectRoot: folder)
        #expect(history.status == .notARepository)
        #expect(history.commits.isEmpty)
        #expect(history.head == nil)
        #expect(history.lastChange(of: "README.md") == nil)
        #expect(history.contents(of: "README.md", at: "HEAD") == nil)
    }

    @Test func gitNotInstalled() throws {
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let history = GitHistory(projectRoot: folder, gitExecutable: "/nonexistent/bin/git")
        #expect(history.status == .gitNotFound)
    }

    @Test func missingProjectFolder() {
        let history = GitHistory(projectRoot: "/nonexistent/dossier/project")
        guard case .failed = history.status else {
            Issue.record("expected .failed, got \(history.status)")
            return
        }
    }

    /// A clone with an object missing (a partial clone offline, a damaged mirror) cannot be
    /// logged; the status carries git's reason, which the staleness finding shows.
    @Test func logFailureCarriesGitsReason() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "1\n")
        repo.commit("Add a", day: 0)
        repo.write("d/b.py", "1\n")
        repo.commit("Add d/b", day: 1)
        let tree = repo.git("rev-parse", "HEAD:d").trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(
            atPath: repo.root + "/.git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))")

        let history = repo.history()
        guard case let .failed(message) = history.status else {
            Issue.record("expected .failed, got \(history.status)")
            return
        }
        #expect(message.hasPrefix("git log failed: "))
        #expect(message.contains(tree))
        #expect(!message.contains("fatal:"))
    }

    @Test func emptyRepository() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("README.md", "# Hi\n")
        let history = repo.history()
        #expect(history.status == .available)
        #expect(history.commits.isEmpty)
        #expect(!history.isShallow)
        #expect(history.hasUncommittedChanges("README.md"))
        #expect(history.commits(touching: "README.md").isEmpty)
    }

    @Test func commitsPerPathNewestFirstWithDatesAndSubjects() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "1\n")
        repo.write("b.py", "1\n")
        let first = repo.commit("Add a and b", day: 0)
        repo.write("a.py", "2\n")
        let second = repo.commit("Change a", day: 3)
        repo.write("b.py", "2\n")
        let third = repo.commit("Change \"b\": quotes, ünïcode", day: 10)

        let history = repo.history()
        #expect(history.status == .available)
        #expect(history.commits.map(\.hash) == [third, second, first])
        #expect(history.head?.hash == third)
        #expect(history.commits(touching: "a.py").map(\.hash) == [second, first])
        #expect(history.commits(touching: "b.py").map(\.hash) == [third, first])
        let last = try #require(history.lastChange(of: "b.py"))
        #expect(last.subject == "Change \"b\": quotes, ünïcode")
        #expect(last.date == GitFixture.epoch + 10 * 86_400)
        #expect(last.isoDate == "2026-01-11")
        #expect(last.shortHash == String(third.prefix(7)))
        #expect(history.commits(touching: "missing.py").isEmpty)
    }

    @Test func renamesKeepTheirHistory() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("src/old name.py", "def f():\n    return 1\n")
        let first = repo.commit("Add", day: 0)
        repo.write("src/old name.py", "def f():\n    return 2\n")
        let second = repo.commit("Edit", day: 1)
        repo.git("mv", "src/old name.py", "src/nëw.py")
        let third = repo.commit("Rename", day: 2)
        repo.write("src/old name.py", "a different file\n")
        let fourth = repo.commit("New file at the old name", day: 3)

        let history = repo.history()
        #expect(history.commits(touching: "src/nëw.py").map(\.hash) == [third, second, first])
        #expect(history.commits(touching: "src/old name.py").map(\.hash) == [fourth])
        #expect(history.name(of: "src/nëw.py", atCommit: 2) == "src/old name.py")
        #expect(history.name(of: "src/nëw.py", atCommit: 1) == "src/nëw.py")
        #expect(history.contents(ofCurrent: "src/nëw.py", atCommit: 1) == "def f():\n    return 2\n")
        #expect(history.contents(ofCurrent: "src/nëw.py", atCommit: 2) == "def f():\n    return 2\n")
        #expect(history.contents(ofCurrent: "src/nëw.py", atCommit: 3) == "def f():\n    return 1\n")
        #expect(history.contents(ofCurrent: "src/old name.py", atCommit: 1) == nil)
    }

    @Test func currentNameOfARenamedFile() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "x = 1\n")
        repo.commit("Add", day: 0)
        repo.git("mv", "a.py", "b.py")
        repo.commit("Rename", day: 1)
        repo.git("mv", "b.py", "c.py")
        repo.commit("Rename again", day: 2)
        let history = repo.history()
        #expect(history.currentPath(ofRenamed: "a.py") == "c.py")
        #expect(history.currentPath(ofRenamed: "b.py") == "c.py")
        #expect(history.currentPath(ofRenamed: "c.py") == nil)
        #expect(history.commits(touching: "c.py").count == 3)
    }

    @Test func uncommittedChanges() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("tracked.py", "1\n")
        repo.write("clean.py", "1\n")
        repo.write("gone.py", "1\n")
        repo.write("data/old.csv", "a\n")
        repo.commit("Add", day: 0)
        repo.write("tracked.py", "2\n")
        repo.delete("gone.py")
        repo.write("new folder/inside.csv", "x\n")
        repo.write("untracked file.py", "1\n")
        repo.git("mv", "data/old.csv", "data/new.csv")

        let history = repo.history()
        #expect(history.hasUncommittedChanges("tracked.py"))
        #expect(history.hasUncommittedChanges("gone.py"))
        #expect(history.hasUncommittedChanges("untracked file.py"))
        #expect(history.hasUncommittedChanges("new folder/inside.csv"))
        #expect(history.hasUncommittedChanges("new folder"))
        #expect(history.hasUncommittedChanges("data/new.csv"))
        #expect(history.hasUncommittedChanges("data"))
        #expect(!history.hasUncommittedChanges("clean.py"))
        // A staged rename keeps the history of the old name.
        #expect(history.commits(touching: "data/new.csv").count == 1)
    }

    /// Without untracked folders a path is looked up with the folders above each change
    /// (`hasUncommittedChanges`' one look-up): a folder holding a change has one, a neighbour
    /// whose name only starts alike has none.
    @Test func foldersAboveAChangeHaveUncommittedChanges() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a/b/c.py", "1\n")
        repo.write("a/bc.py", "1\n")
        repo.write("a/b/d/e.py", "1\n")
        repo.write("x/y.py", "1\n")
        repo.commit("Add", day: 0)
        repo.write("a/b/c.py", "2\n")
        repo.delete("x/y.py")

        let history = repo.history()
        for path in ["a/b/c.py", "a/b", "a", "a/b/", "a/", "x/y.py", "x", "x/"] {
            #expect(history.hasUncommittedChanges(path), "\(path)")
        }
        for path in ["a/bc.py", "a/b/c", "a/b/d", "a/b/d/e.py", "a/b/c.py/", "b", "", "y.py", "x/y"] {
            #expect(!history.hasUncommittedChanges(path), "\(path)")
        }
    }

    @Test func projectInASubfolderSeesOnlyItsOwnHistory() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("outside.py", "1\n")
        repo.write("proj/model.py", "1\n")
        repo.commit("Add", day: 0)
        repo.write("outside.py", "2\n")
        let outsideOnly = repo.commit("Outside only", day: 1)
        repo.write("proj/model.py", "2\n")
        let inside = repo.commit("Inside", day: 2)
        repo.git("mv", "outside.py", "proj/moved in.py")
        repo.commit("Move in", day: 3)
        repo.write("outside.py", "dirty\n")
        repo.write("proj/model.py", "dirty\n")

        let history = GitHistory(projectRoot: repo.root + "/proj")
        #expect(history.status == .available)
        #expect(history.projectPrefix == "proj/")
        #expect(
            history.repositoryRoot.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                == URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path)
        #expect(history.commits.count == 4)  // every first-parent commit, to find baselines
        #expect(history.commits(touching: "model.py").map(\.subject) == ["Inside", "Add"])
        #expect(history.commits(touching: "outside.py").isEmpty)
        #expect(history.commits(touching: "moved in.py").map(\.subject) == ["Move in"])
        #expect(history.hasUncommittedChanges("model.py"))
        #expect(!history.hasUncommittedChanges("outside.py"))
        #expect(history.contents(of: "model.py", at: inside) == "2\n")
        #expect(history.contents(of: "model.py", at: outsideOnly) == "1\n")
    }

    @Test func mergesCountOnTheFirstParent() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "1\n")
        repo.commit("Add", day: 0)
        repo.git("checkout", "-q", "-b", "feature")
        repo.write("a.py", "2\n")
        let sideCommit = repo.commit("Side change", day: 1)
        repo.git("checkout", "-q", "main")
        repo.write("b.py", "1\n")
        repo.commit("Main change", day: 2)
        repo.git(
            "-c", "user.name=t", "-c", "user.email=t@e", "merge", "-q", "--no-ff", "feature", "-m", "Merge feature",
            date: GitFixture.epoch + 3 * 86_400)

        let history = repo.history()
        #expect(history.commits.map(\.subject) == ["Merge feature", "Main change", "Add"])
        #expect(history.commits(touching: "a.py").map(\.subject) == ["Merge feature", "Add"])
        #expect(history.commit(matching: sideCommit) == .notFound)
    }

    @Test func abbreviatedHashes() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "1\n")
        let hash = repo.commit("Add", day: 0)
        let history = repo.history()
        #expect(history.commit(matching: hash) == .found(history.commits[0]))
        #expect(history.commit(matching: String(hash.prefix(7))) == .found(history.commits[0]))
        #expect(history.commit(matching: String(hash.prefix(7)).uppercased()) == .found(history.commits[0]))
        #expect(history.commit(matching: String(hash.prefix(3))) == .notFound)
        #expect(history.commit(matching: "0000000") == .notFound || hash.hasPrefix("0000000"))
        #expect(history.commit(matching: "main") == .notFound)
    }

    @Test func shallowClone() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("a.py", "1\n")
        repo.commit("Add", day: 0)
        repo.write("a.py", "2\n")
        repo.commit("Edit", day: 5)
        let clone = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: clone) }
        GitFixture.run(["clone", "-q", "--depth", "1", "file://" + repo.root, clone + "/c"], in: clone)

        let history = GitHistory(projectRoot: clone + "/c")
        #expect(history.status == .available)
        #expect(history.isShallow)
        #expect(history.commits.count == 1)
        // The boundary commit seems to add every file: its date would be a lie.
        #expect(history.lastChange(of: "a.py") == nil)
    }

    @Test func contentsFromManyThreadsShareOneReader() async throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        var hashes: [String] = []
        for day in 0..<6 {
            repo.write("f.py", "version \(day)\n")
            hashes.append(repo.commit("v\(day)", day: day))
        }
        let history = repo.history()
        let hashList = hashes
        await withTaskGroup(of: Bool.self) { group in
            for round in 0..<48 {
                group.addTask {
                    let day = round % hashList.count
                    return history.contents(of: "f.py", at: hashList[day]) == "version \(day)\n"
                }
            }
            for await ok in group { #expect(ok) }
        }
        #expect(history.contents(of: "missing.py", at: hashes[0]) == nil)
        #expect(history.contents(of: "f.py", at: "not-a-commit") == nil)
        #expect(history.contents(of: "f.py", at: hashes[2]) == "version 2\n")
    }

    @Test func isoDates() {
        #expect(GitCommit.isoDate(fromUnixSeconds: 0) == "1970-01-01")
        #expect(GitCommit.isoDate(fromUnixSeconds: GitFixture.epoch) == "2026-01-01")
        #expect(GitCommit.isoDate(fromUnixSeconds: 951_782_400) == "2000-02-29")
        #expect(GitCommit.isoDate(fromUnixSeconds: -1) == "1969-12-31")
    }
}
