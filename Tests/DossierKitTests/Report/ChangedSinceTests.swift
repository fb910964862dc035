@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// `dossier check --changed-since REF` (issue 15): only the findings of documents a change made
/// (edited, or naming a file that changed, or linking to a changed document), from one git diff.
@Suite struct ChangedSinceTests {
    /// Three documents, each with a broken link of its own, committed as the base.
    private func fixture() throws -> (GitFixture, String) {
        let repo = try GitFixture()
        repo.write("README.md", "# Home\n")
        repo.write("src/train.py", "def train():\n    return 1\n")
        repo.write("docs/a.md", "# A\n\n[x](missing-a.md)\n")
        repo.write("docs/b.md", "# B\n\n[x](missing-b.md)\n")
        repo.write("docs/c.md", "---\nkind: pseudocode\nimplements: [src/train.py]\n---\n# C\n\n[x](missing-c.md)\n")
        repo.write("docs/d.md", "# D\n\nSee [A](a.md) and [x](missing-d.md).\n")
        let base = repo.commit("base", day: 1)
        return (repo, base)
    }

    private func brokenLinks(_ project: LoadedProject) -> [String] {
        project.findings.with(rule: "reference.missing-page").map(\.location.path).sorted()
    }

    @Test func keepsChangedDocumentsThoseNamingChangedFilesAndThoseLinkingToThem() throws {
        let (repo, base) = try fixture()
        defer { repo.remove() }
        repo.write("docs/a.md", "# A\n\n[x](missing-a.md)\n\nMore.\n")
        repo.write("src/train.py", "def train():\n    return 2\n")
        repo.commit("change", day: 2)
        let all = try Dossier.check(path: repo.root)
        #expect(brokenLinks(all) == ["docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md"])
        let changed = try ChangedSince.filter(all, since: base)
        // b is untouched and links to nothing that changed.
        #expect(brokenLinks(changed) == ["docs/a.md", "docs/c.md", "docs/d.md"])
        #expect(changed.documentFindings[all.index.byPath["docs/b.md"]!].isEmpty)
    }

    @Test func uncommittedEditsCountAndNothingChangedReportsNothing() throws {
        let (repo, base) = try fixture()
        defer { repo.remove() }
        let clean = try ChangedSince.filter(try Dossier.check(path: repo.root), since: base)
        #expect(clean.findings.isEmpty)
        #expect(!clean.fails(strict: true))
        repo.write("docs/b.md", "# B\n\n[x](missing-b.md)\n\nEdited, not committed.\n")
        let edited = try ChangedSince.filter(try Dossier.check(path: repo.root), since: base)
        #expect(brokenLinks(edited) == ["docs/b.md"])
        #expect(edited.fails(strict: false))
    }

    @Test func anUnknownRevisionIsAnError() throws {
        let (repo, _) = try fixture()
        defer { repo.remove() }
        let project = try Dossier.check(path: repo.root)
        #expect(throws: ChangedSince.Failure.self) { try ChangedSince.filter(project, since: "no-such-branch") }
        #expect(throws: ChangedSince.Failure.self) { try ChangedSince.filter(project, since: "--output=/tmp/x") }
    }
}
