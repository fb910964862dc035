@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Staleness end to end: a real repository, the project loader, the site and `dossier verify`.
@Suite struct VerifyAndSiteStalenessTests {
    static let document = """
        ---
        kind: pseudocode
        id: pipeline
        implements: [src/train.py#train]
        code: [src/features.py]
        ---
        # Pipeline

        Trains the model.
        """

    func repository() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("docs/pipeline.md", Self.document)
        repo.write("src/train.py", "def train(x):\n    return x\n")
        repo.write("src/features.py", "def build():\n    pass\n")
        repo.commit("Document the pipeline", day: 0)
        return repo
    }

    @Test func staleDocumentShowsInTheSiteAndVerifyMakesItFresh() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 1\n")
        repo.commit("Return a value from build", day: 12)

        let stale = try ProjectLoader.load(root: repo.root)
        let i = try #require(stale.index.byID["pipeline"])
        #expect(stale.states[i] == .stale)
        let finding = try #require(stale.findings.first { $0.rule == "staleness.stale" })
        #expect(finding.message.contains("src/features.py"))
        #expect(finding.message.contains("Return a value from build"))
        // The lag runs from the first change (day 12) to HEAD (day 12).
        #expect(finding.message.contains("behind HEAD for 0 days"))
        #expect(finding.severity == .warning)

        // The page, the navigation and the health page all say so.
        let output = URL(fileURLWithPath: repo.root).appendingPathComponent("site-out")
        let report = try Dossier.build(path: repo.root, options: BuildOptions(output: output.path))
        #expect(report.project.states[i] == .stale)
        let page = try #require(ProjectFiles.readText(output.appendingPathComponent("docs/pipeline.html").path))
        #expect(page.contains("class=\"banner state-stale\""))
        #expect(page.contains("Return a value from build"))
        #expect(page.contains("<span class=\"dot state-stale\""))
        let health = try #require(ProjectFiles.readText(output.appendingPathComponent("dossier/health.html").path))
        #expect(health.contains("staleness.stale"))
        try FileManager.default.removeItem(at: output)

        // verify: only the `verified:` line changes, and the document is fresh.
        let before = repo.read("docs/pipeline.md")
        let verified = try DocumentVerifier.verify([repo.root + "/docs/pipeline.md"])
        #expect(verified[0].references == 2)
        let after = repo.read("docs/pipeline.md")
        let added = after.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !before.split(separator: "\n", omittingEmptySubsequences: false).contains($0)
        }
        #expect(added.count == 3)
        #expect(added.first == "verified:")
        #expect(
            added.dropFirst().allSatisfy {
                $0.hasPrefix("  src/train.py#train: ") || $0.hasPrefix("  src/features.py: ")
            })
        #expect(
            after.split(separator: "\n", omittingEmptySubsequences: false).filter { !added.contains($0) }
                == before.split(separator: "\n", omittingEmptySubsequences: false))
        let fresh = try ProjectLoader.load(root: repo.root)
        #expect(fresh.states[i] == .fresh, "\(fresh.findings.map(\.formatted))")
    }

    @Test func lastChangeIsShownOnThePage() throws {
        let repo = try repository()
        defer { repo.remove() }
        let output = URL(fileURLWithPath: repo.root).appendingPathComponent("out")
        _ = try Dossier.build(path: repo.root, options: BuildOptions(output: output.path))
        let page = try #require(ProjectFiles.readText(output.appendingPathComponent("docs/pipeline.html").path))
        #expect(page.contains("last changed 2026-01-01"))
        #expect(page.contains("Document the pipeline"))
    }

    @Test func brokenSymbolIsAnErrorAndMakesTheCheckFail() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/train.py", "def fit(x):\n    return x\n")
        repo.commit("Rename train to fit", day: 3)
        let loaded = try ProjectLoader.load(root: repo.root)
        #expect(loaded.states[loaded.index.byID["pipeline"]!] == .broken)
        #expect(loaded.findings.contains { $0.rule == "code.missing-symbol" && $0.severity == .error })
        let result = try DossierExecutable.run(["check", repo.root])
        #expect(result.status == 1)
    }

    @Test func verifyOnTheCommandLine() throws {
        let repo = try repository()
        defer { repo.remove() }
        let result = try DossierExecutable.run(["verify", repo.root + "/docs/pipeline.md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(repo.read("docs/pipeline.md").contains("verified:\n  src/features.py: "))
        let plain = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try Data("# x\n".utf8).write(to: URL(fileURLWithPath: plain + "/x.md"))
        // Content is recorded, not a commit: verifying works outside git too.
        #expect(try DossierExecutable.run(["verify", plain + "/x.md"]).status == 0)
        #expect(try DossierExecutable.run(["verify", plain + "/missing.md"]).status == 2)
    }

    @Test func shallowCloneIsUnknownWithTheFix() throws {
        let repo = try repository()
        defer { repo.remove() }
        repo.write("src/features.py", "def build():\n    return 2\n")
        repo.commit("Change features", day: 5)
        let clone = try GitFixture.plainFolder()
        defer { try? FileManager.default.removeItem(atPath: clone) }
        GitFixture.run(["clone", "-q", "--depth", "1", "file://" + repo.root, clone + "/c"], in: clone)
        let loaded = try ProjectLoader.load(root: clone + "/c")
        let i = try #require(loaded.index.byID["pipeline"])
        #expect(loaded.states[i] == .unknown)
        let finding = try #require(loaded.findings.first { $0.rule == "staleness.shallow" })
        #expect(finding.message.contains("git fetch --unshallow"))
        #expect(finding.message.contains("fetch-depth: 0"))
    }
}
