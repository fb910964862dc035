@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A build after an edit of one document's prose alone updates that page and the search index
/// without loading the project (`ProseEdit`), and writes the very site and findings a build
/// without the cache does; any other change, or anything it cannot vouch for, builds in full.
@Suite struct ProseEditTests {
    private func project() throws -> GitFixture {
        let repo = try GitFixture()
        repo.write("README.md", "# Home\n\nSee [A](docs/a.md).\n")
        repo.write(
            "docs/a.md",
            "---\ntitle: Page A\n---\n# Page A\n\nA links to [[b]], [page B](b.md) and [a missing page](missing.md).\n\n"
                + "## Part\n\nSome prose about penguins.\n")
        repo.write(
            "docs/b.md", "---\nid: b\ncode: [src/model.py, docs/c.md]\n---\n# B\n\nThe page b, see `src/model.py`.\n")
        repo.write("docs/c.md", "# C\n\nNamed as code by b.\n")
        repo.write("src/model.py", "def train():\n    return 1\n")
        repo.write(
            "docs/experiments/exp.md",
            "---\nkind: experiment\nid: exp\ntitle: The experiment\nmetric: {name: f1, goal: maximize}\nselected: rf-a\n---\n"
                + "# The experiment\n\nWhy the forest won.\n\n## Runs\n\n| Run | Model | max_depth | f1 |\n|---|---|---|---|\n"
                + "| logreg-a | logreg | 2 | 0.61 |\n| rf-a | rf | 4 | 0.78 |\n\n## Notes\n\nMore notes.\n")
        repo.write(
            "docs/schemas/s.md",
            "---\nkind: schema\nid: s\ntitle: The schema\nsample: data/s.csv\n---\n# The schema\n\n"
                + "| Column | Type | Description |\n|---|---|---|\n| id | integer | The [[b]] key |\n| value | float | A value |\n\n"
                + "Some words.\n")
        repo.write("data/s.csv", "id,value\n1,2.5\n2,3.5\n")
        // A notebook (the saved documents hold none: its search entry is made from its file).
        repo.write(
            "docs/nb.ipynb",
            ##"{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Notebook\n", "Penguin plots."]}], "##
                + ##""metadata": {}, "nbformat": 4, "nbformat_minor": 5}"##)
        // A folder named as code: its documents are read as code too.
        repo.write("docs/sub/d.md", "# D\n\nIn a folder named as code.\n")
        repo.write("docs/e.md", "---\ncode: [docs/sub/]\n---\n# E\n\nNames the folder.\n")
        repo.commit("docs", day: 0)
        return repo
    }

    /// Builds `repo` with its cache (settled first), then without into a folder beside it;
    /// expects the same site and findings, and returns the cached build's report.
    @discardableResult
    private func build(
        _ repo: GitFixture, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> BuildReport {
        settleRacyWindow()
        let report = try Dossier.build(path: repo.root)
        let cold = repo.root + "-cold"
        defer { try? FileManager.default.removeItem(atPath: cold) }
        let full = try Dossier.build(path: repo.root, options: BuildOptions(output: cold, useCache: false))
        try expectSameSite(repo.root + "/site", asColdBuild: cold, sourceLocation: sourceLocation)
        #expect(report.project.findings == full.project.findings, sourceLocation: sourceLocation)
        #expect(report.pagesWritten == full.pagesWritten, sourceLocation: sourceLocation)
        return report
    }

    private func append(_ repo: GitFixture, _ path: String, _ text: String) {
        repo.write(path, repo.read(path) + text)
    }

    /// Appends `text` to `path`, then builds as `build` does.
    private func appendAndBuild(
        _ repo: GitFixture, _ path: String, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> BuildReport {
        append(repo, path, text)
        return try build(repo, sourceLocation: sourceLocation)
    }

    @Test func proseEditsUpdateTheirPageAndTheSearchIndexAsAFullBuildWould() throws {
        let repo = try project()
        defer { repo.remove() }
        #expect(try build(repo).proseEdit == nil)
        let committed = repo.read("docs/a.md")
        #expect(try appendAndBuild(repo, "docs/a.md", "\nA zyzzyva appears.\n").proseEdit == "docs/a.md")
        // Again: the state the last edit left.
        #expect(try appendAndBuild(repo, "docs/a.md", "\nAnd a quokka.\n").proseEdit == "docs/a.md")
        // Another page of the same search chunk, whose cached postings hold a's old text.
        #expect(
            try appendAndBuild(repo, "docs/experiments/exp.md", "\nThe forest also trained faster.\n").proseEdit
                == "docs/experiments/exp.md")
        #expect(
            try appendAndBuild(repo, "docs/schemas/s.md", "\nRows come from the survey.\n").proseEdit
                == "docs/schemas/s.md")
        // Prose rewritten in the middle, not only added at the end.
        repo.write(
            "docs/a.md", repo.read("docs/a.md").replacingOccurrences(of: "about penguins", with: "about petrels"))
        #expect(try build(repo).proseEdit == "docs/a.md")
        // The file written back as committed.
        repo.write("docs/a.md", committed)
        #expect(try build(repo).proseEdit == "docs/a.md")
        // Restored by git, which rewrites its index: git's state changed, a full build.
        append(repo, "docs/a.md", "\nA petrel.\n")
        try build(repo)
        _ = repo.git("checkout", "-q", "--", "docs/a.md")
        #expect(try build(repo).proseEdit == nil)
    }

    /// Edits in two search chunks in turn: the second remakes the first's chunk too (its cached
    /// postings are the old text's), reading the first edited document from its file.
    @Test func editsInSeveralSearchChunksMatchAFullBuild() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("README.md", "# Home\n\nThe project.\n")
        for i in 0..<(2 * SearchIndex.docsPerChunk + 5) {
            repo.write(String(format: "docs/p-%03d.md", i), "# Page \(i)\n\nWords about penguins \(i).\n")
        }
        repo.commit("docs", day: 0)
        try build(repo)
        #expect(try appendAndBuild(repo, "docs/p-003.md", "\nA zyzzyva appears.\n").proseEdit == "docs/p-003.md")
        #expect(try appendAndBuild(repo, "docs/p-040.md", "\nA quokka appears.\n").proseEdit == "docs/p-040.md")
        #expect(try appendAndBuild(repo, "docs/p-052.md", "\nA petrel appears.\n").proseEdit == "docs/p-052.md")
        #expect(try appendAndBuild(repo, "docs/p-003.md", "\nAnd a puffin.\n").proseEdit == "docs/p-003.md")
    }

    @Test func otherEditsBuildInFull() throws {
        let repo = try project()
        defer { repo.remove() }
        try build(repo)
        // A title, a new link, a new heading: what other pages and checks see.
        repo.write(
            "docs/a.md", repo.read("docs/a.md").replacingOccurrences(of: "title: Page A", with: "title: Page A2"))
        #expect(try build(repo).proseEdit == nil)
        #expect(try appendAndBuild(repo, "docs/a.md", "\nSee [C](c.md).\n").proseEdit == nil)
        #expect(try appendAndBuild(repo, "docs/a.md", "\n## A new part\n\nText.\n").proseEdit == nil)
        // A line inserted above the links moves their lines (the face holds them).
        repo.write(
            "docs/a.md", repo.read("docs/a.md").replacingOccurrences(of: "# Page A\n", with: "# Page A\n\nFirst.\n"))
        #expect(try build(repo).proseEdit == nil)
        // The home page shows its document's body; a page named as code; two pages at once.
        #expect(try appendAndBuild(repo, "README.md", "\nMore about the project.\n").proseEdit == nil)
        #expect(try appendAndBuild(repo, "docs/c.md", "\nMore.\n").proseEdit == nil)
        append(repo, "docs/sub/d.md", "\nMore.\n")
        let inFolder = try build(repo)
        #expect(inFolder.proseEdit == nil)
        // The full build that follows a refused edit has the cache (none is left locked).
        #expect(inFolder.documentsReused > 0)
        append(repo, "docs/a.md", "\nOne.\n")
        #expect(try appendAndBuild(repo, "docs/experiments/exp.md", "\nTwo.\n").proseEdit == nil)
        // A prose edit and a code change.
        append(repo, "docs/a.md", "\nThree.\n")
        #expect(try appendAndBuild(repo, "src/model.py", "# a comment\n").proseEdit == nil)
        // Math loads KaTeX on the page: whatever path it takes, the site is a full build's.
        append(repo, "docs/a.md", "\nThe loss is $x^2$.\n")
        try build(repo)
    }

    @Test func anEditedSiteOrADamagedStateBuildsInFull() throws {
        let repo = try project()
        defer { repo.remove() }
        try build(repo)
        // A page of the site edited by hand: the state no longer describes the site.
        append(repo, "site/docs/b.html", "<!-- edited -->")
        #expect(try appendAndBuild(repo, "docs/a.md", "\nA zyzzyva appears.\n").proseEdit == nil)
        let state = repo.root + "/" + BuildCache.defaultFolderName + "/" + ProseEditState.fileName
        let bytes = try #require(FileManager.default.contents(atPath: state))
        #expect(bytes.count > 100)
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: state))
        #expect(try appendAndBuild(repo, "docs/a.md", "\nA quokka.\n").proseEdit == nil)
        // A state whose page record places the body where the page does not hold it.
        append(repo, "docs/a.md", "\nA petrel.\n")
        var read = try #require(ProseEditState.read(folder: repo.root + "/" + BuildCache.defaultFolderName))
        for index in read.documents.indices where !read.documents[index].record.isEmpty {
            var record = try #require(ProseEditState.Record(read.documents[index].record))
            record.locator.length += 1
            read.documents[index].record = record.encoded()
        }
        read.write(folder: repo.root + "/" + BuildCache.defaultFolderName)
        #expect(try build(repo).proseEdit == nil)
        // A state naming a page outside the output, where a copy of the page waits: not followed.
        append(repo, "docs/a.md", "\nA puffin.\n")
        let outside = (repo.root as NSString).lastPathComponent + "-outside.html"
        let outsidePath = (repo.root as NSString).deletingLastPathComponent + "/" + outside
        defer { try? FileManager.default.removeItem(atPath: outsidePath) }
        var escaping = try #require(ProseEditState.read(folder: repo.root + "/" + BuildCache.defaultFolderName))
        let a = try #require(escaping.documents.firstIndex { $0.path == "docs/a.md" })
        try FileManager.default.copyItem(atPath: repo.root + "/site/" + escaping.documents[a].page, toPath: outsidePath)
        let before = try Data(contentsOf: URL(fileURLWithPath: outsidePath))
        escaping.documents[a].page = "../../" + outside
        escaping.write(folder: repo.root + "/" + BuildCache.defaultFolderName)
        #expect(try build(repo).proseEdit == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: outsidePath)) == before)
    }

    /// An edit built at once (its fingerprint racy) is published, but leaves no state: a write
    /// right after could keep its stamp, so the next build runs in full.
    @Test func aRacyEditLeavesNoState() throws {
        let repo = try project()
        defer { repo.remove() }
        try build(repo)
        append(repo, "docs/a.md", "\nA zyzzyva appears.\n")
        let racy = try Dossier.build(path: repo.root)
        #expect(racy.proseEdit == "docs/a.md")
        let folder = repo.root + "/" + BuildCache.defaultFolderName
        #expect(ProseEditState.read(folder: folder) == nil)
        #expect(BuildReceipt.read(folder: folder) == nil)
        #expect(try appendAndBuild(repo, "docs/a.md", "\nA quokka.\n").proseEdit == nil)
    }

    /// A state file that is a link is not followed (the cache is not a door out of it).
    @Test func aStateReachedThroughALinkIsNotRead() throws {
        let repo = try project()
        defer { repo.remove() }
        try build(repo)
        let folder = repo.root + "/" + BuildCache.defaultFolderName
        let elsewhere = repo.root + "-state"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.moveItem(atPath: folder + "/" + ProseEditState.fileName, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/" + ProseEditState.fileName, withDestinationPath: elsewhere)
        #expect(ProseEditState.read(folder: folder) == nil)
        #expect(try appendAndBuild(repo, "docs/a.md", "\nA zyzzyva appears.\n").proseEdit == nil)
    }

    /// A hidden file is no document: its edit builds in full. A document deep in folders is
    /// updated alone like any other.
    @Test func hiddenFilesAndDeepFolders() throws {
        let repo = try project()
        defer { repo.remove() }
        let deep = (0..<40).map { "d\($0)" }.joined(separator: "/") + "/deep.md"
        repo.write(deep, "# Deep\n\nFar down.\n")
        repo.write("docs/.draft.md", "# Draft\n\nHidden.\n")
        repo.commit("more", day: 1)
        try build(repo)
        #expect(try appendAndBuild(repo, "docs/.draft.md", "\nMore.\n").proseEdit == nil)
        #expect(try appendAndBuild(repo, deep, "\nFurther down.\n").proseEdit == deep)
    }
}
