@testable import DossierChecks
import DossierTestSupport
import Foundation
import Testing

/// `GitLogMemo` (`dossier serve`): the parsed git log is reused while HEAD stays, read again
/// when a commit moves it, and the uncommitted files are always read fresh.
@Suite struct GitLogMemoTests {
    @Test func aWorkingTreeEditReusesTheLogACommitReadsItAgain() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("docs/a.md", "# A\n")
        repo.write("src/model.py", "def fit():\n    pass\n")
        let first = repo.commit("first", day: 1)
        let memo = GitLogMemo()

        let cold = GitHistory(projectRoot: repo.root, memo: memo)
        #expect(cold.head?.hash == first)
        #expect(memo.misses == 1 && memo.hits == 0)

        // An edit of the working tree: same HEAD, the log is reused, the edit is still seen.
        repo.write("src/model.py", "def fit():\n    return 1\n")
        let edited = GitHistory(projectRoot: repo.root, memo: memo)
        #expect(memo.hits == 1)
        #expect(edited.hasUncommittedChanges("src/model.py"))
        #expect(edited.commits.map(\.hash) == cold.commits.map(\.hash))
        #expect(edited.lastChange(of: "src/model.py")?.hash == first)
        #expect(edited.lastChange(of: "docs/a.md")?.hash == first)

        // A commit moves HEAD: the log is read again and shows it, as a fresh read does.
        let second = repo.commit("second", day: 2)
        let moved = GitHistory(projectRoot: repo.root, memo: memo)
        #expect(memo.misses == 2)
        #expect(moved.head?.hash == second)
        #expect(moved.lastChange(of: "src/model.py")?.hash == second)
        #expect(!moved.hasUncommittedChanges("src/model.py"))
        let fresh = GitHistory(projectRoot: repo.root)
        #expect(moved.commits.map(\.hash) == fresh.commits.map(\.hash))
        #expect(moved.touches(of: "src/model.py").map(\.commit) == fresh.touches(of: "src/model.py").map(\.commit))

        // A reset back to the first commit (HEAD moves backwards) is a different key too.
        repo.git("reset", "-q", "--hard", first)
        let reset = GitHistory(projectRoot: repo.root, memo: memo)
        #expect(memo.misses == 3)
        #expect(reset.head?.hash == first && reset.commits.count == 1)
    }

    @Test func aProjectFolderInsideTheRepositoryIsKeyedByItsPrefix() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("one/docs/a.md", "# A\n")
        repo.write("two/docs/b.md", "# B\n")
        repo.commit("both", day: 1)
        let memo = GitLogMemo()
        let one = GitHistory(projectRoot: repo.root + "/one", memo: memo)
        let two = GitHistory(projectRoot: repo.root + "/two", memo: memo)
        #expect(memo.hits == 0 && memo.misses == 2)
        #expect(one.lastChange(of: "docs/a.md") != nil && one.lastChange(of: "docs/b.md") == nil)
        #expect(two.lastChange(of: "docs/b.md") != nil && two.lastChange(of: "docs/a.md") == nil)
    }
}
