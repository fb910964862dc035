@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// View source and Edit links use the repository's default branch when `edit_branch` is not set.
@Suite struct EditBranchTests {
    func fixture(branch: String) throws -> GitFixture {
        let repo = try GitFixture()
        repo.git("checkout", "-q", "-b", branch)
        repo.write("dossier.yml", "repo_url: https://github.com/org/repo\n")
        repo.write("docs/p.md", "# P\n")
        _ = repo.commit("docs", day: 1)
        return repo
    }

    @Test func aMasterRepositoryLinksToMaster() throws {
        let repo = try fixture(branch: "master")
        defer { repo.remove() }
        #expect(DefaultBranch.resolve(projectRoot: repo.root) == "master")
        _ = try Dossier.build(path: repo.root)
        let page = repo.read("site/docs/p.html")
        #expect(page.contains("href=\"https://github.com/org/repo/blob/master/docs/p.md\">View source</a>"))
        #expect(page.contains("href=\"https://github.com/org/repo/edit/master/docs/p.md\">Edit this page</a>"))
    }

    @Test func originHeadWinsOverTheBranchCheckedOut() throws {
        let repo = try fixture(branch: "trunk")
        defer { repo.remove() }
        repo.git("update-ref", "refs/remotes/origin/trunk", "HEAD")
        repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
        repo.git("checkout", "-q", "-b", "feature")
        #expect(DefaultBranch.resolve(projectRoot: repo.root) == "trunk")
    }

    @Test func editBranchInTheConfigWins() throws {
        let repo = try fixture(branch: "master")
        defer { repo.remove() }
        repo.write("dossier.yml", "repo_url: https://github.com/org/repo\nedit_branch: release\n")
        _ = try Dossier.build(path: repo.root)
        #expect(repo.read("site/docs/p.html").contains("https://github.com/org/repo/blob/release/docs/p.md"))
    }

    @Test func withoutGitItIsMain() throws {
        let folder = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(DefaultBranch.resolve(projectRoot: folder) == "main")
        #expect(DefaultBranch.resolve(projectRoot: folder, git: nil) == "main")
    }
}
