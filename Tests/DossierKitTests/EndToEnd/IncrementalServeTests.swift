@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// `dossier serve`'s in-memory rebuild (issue 15): after each edit, the folder it keeps up to
/// date holds the very files a full build of the same tree writes, and it re-parses and
/// re-renders only what changed.
@Suite struct IncrementalServeTests {
    /// Rebuilds incrementally, builds the same tree cold into another folder, expects the same files.
    @discardableResult
    private func rebuildAndCompare(
        _ site: IncrementalSite, changed: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> BuildReport {
        let report = try site.build(changed: changed)
        let cold = site.options.output! + "-cold"
        defer { try? FileManager.default.removeItem(atPath: cold) }
        _ = try Dossier.build(path: site.root, options: BuildOptions(output: cold, useCache: false))
        try expectSameSite(site.options.output!, asColdBuild: cold, sourceLocation: sourceLocation)
        return report
    }

    @Test func editsOfADocumentADataFileADeletionAndAnAdditionMatchAFullBuild() throws {
        let root = try exampleCopy(prefix: "dossier-incremental")
        let output = root.path + "-site"
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(atPath: output)
        }
        let site = IncrementalSite(root: root.path, options: BuildOptions(output: output))
        let first = try rebuildAndCompare(site)
        #expect(first.pagesFromCache == 0 && first.pagesRendered > 5)
        let documents = first.project.documents.count

        // Nothing changed: nothing is parsed or rendered, nothing is written.
        let idle = try rebuildAndCompare(site)
        #expect(idle.pagesRendered == 0)
        #expect(site.memo.count == documents)
        #expect(site.memo.parsedByLastLoad == 0)
        #expect(site.lastChangedFiles.isEmpty && site.lastRemovedFiles.isEmpty)

        // A prose edit: one document re-parsed, its page re-rendered and rewritten.
        try editFile(root, "docs/models/penguin-classifier.md") { $0 + "\nAn added sentence.\n" }
        let prose = try rebuildAndCompare(site)
        #expect(prose.pagesRendered == 1)
        #expect(site.memo.parsedByLastLoad == 1)
        #expect(site.lastChangedFiles.contains("docs/models/penguin-classifier.html"))
        #expect(!site.lastChangedFiles.contains("docs/data/penguins.html"))

        // A title edit shows on other pages: they change too, and still match.
        try editFile(root, "docs/data/penguins.md") { $0.replacingOccurrences(of: "\n# ", with: "\n# Renamed ") }
        try rebuildAndCompare(site, changed: ["docs/data/penguins.md"])

        // A data file (the schema's sample): no document changed, the drift findings and profile do.
        try editFile(root, "data/processed/penguins.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines[0] += ",extra_column"
            for i in 1..<lines.count where !lines[i].isEmpty { lines[i] += ",1" }
            return lines.joined(separator: "\n")
        }
        #expect(site.sampleProfiles.misses == 0 && site.sampleProfiles.hits > 0)
        let data = try rebuildAndCompare(site, changed: ["data/processed/penguins.csv"])
        #expect(data.project.findings.contains { $0.rule.hasPrefix("drift.schema") })
        #expect(site.sampleProfiles.misses >= 1)

        // A deletion and an addition.
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guides/getting-started.md"))
        let deleted = try rebuildAndCompare(site)
        #expect(site.lastRemovedFiles.contains("docs/guides/getting-started.html"))
        #expect(deleted.project.documents.count == documents - 1)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("docs/guides/brand-new"), withIntermediateDirectories: true)
        try "# Brand new\n\nA page added while serving.\n".write(
            to: root.appendingPathComponent("docs/guides/brand-new/new-page.md"),
            atomically: false, encoding: .utf8)
        try rebuildAndCompare(site)
        #expect(site.lastChangedFiles.contains("docs/guides/brand-new/new-page.html"))

        // And a rename, then the folder of the added page removed again.
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("docs/experiments/feature-ablation.md"),
            to: root.appendingPathComponent("docs/experiments/ablation-renamed.md"))
        try rebuildAndCompare(site)
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guides/brand-new"))
        let last = try rebuildAndCompare(site)
        // The memo holds the files scanned now, not those deleted or renamed away.
        #expect(site.memo.count == last.project.documents.count)
        #expect(last.project.documents.count == documents - 1)
    }

    /// A prose edit's page is published ahead of its rebuild (`publishEditedPage`): it is the page
    /// the rebuild makes, byte for byte, and the site after the rebuild is a full build's. Edits
    /// that other pages or checks see, and files read as code, are left to the rebuild.
    @Test func aProseEditIsPublishedAheadOfItsRebuildWithTheRebuildsBytes() throws {
        let root = try exampleCopy(prefix: "dossier-early")
        let output = root.path + "-site"
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(atPath: output)
        }
        // A guide another document cites as code: its uncommitted edits could make that one stale.
        try "# Cited\n\nA guide cited as code.\n".write(
            to: root.appendingPathComponent("docs/guides/cited.md"), atomically: true, encoding: .utf8)
        try "---\ncode:\n  - docs/guides/cited.md\n---\n# Citing\n\nCites the guide.\n".write(
            to: root.appendingPathComponent("docs/guides/citing.md"), atomically: true, encoding: .utf8)
        let site = IncrementalSite(root: root.path, options: BuildOptions(output: output))
        let document = "docs/models/penguin-classifier.md"
        let page = "docs/models/penguin-classifier.html"
        // Nothing is published before a first build.
        #expect(site.publishEditedPage(changed: [document]) == nil)
        try rebuildAndCompare(site)

        try editFile(root, document) { $0 + "\nA sentence published early.\n" }
        // An editor's temporary file beside it counts when it is still there, not once it is gone.
        let aside = "docs/models/.penguin-classifier.md.swp"
        try "swap".write(to: root.appendingPathComponent(aside), atomically: false, encoding: .utf8)
        #expect(site.publishEditedPage(changed: [document, aside]) == nil)
        try FileManager.default.removeItem(at: root.appendingPathComponent(aside))
        #expect(site.publishEditedPage(changed: [document, "docs/.edit-1"]) == nil)
        #expect(site.publishEditedPage(changed: [document, aside, "docs/models/.edit-2"]) == page)
        let early = try String(contentsOfFile: output + "/" + page, encoding: .utf8)
        #expect(early.contains("A sentence published early."))
        // Once per rebuild.
        #expect(site.publishEditedPage(changed: [document]) == nil)
        try rebuildAndCompare(site, changed: [document])
        #expect(site.lastPublishedPageMatched == true)
        #expect(try String(contentsOfFile: output + "/" + page, encoding: .utf8) == early)
        #expect(!site.lastChangedFiles.contains(page))

        // What other pages show (a heading, a link) or what moves lines: the rebuild does it.
        let rejected: [(String) -> String] = [
            { $0.replacingOccurrences(of: "\n## ", with: "\n## Renamed ") },
            { $0 + "\nSee [the penguins](../data/penguins.md).\n" },
            { "\n" + $0 },
        ]
        for change in rejected {
            try editFile(root, document, change)
            #expect(site.publishEditedPage(changed: [document]) == nil)
            try rebuildAndCompare(site, changed: [document])
            #expect(site.lastPublishedPageMatched == nil)
        }
        // Two files at once, and a document cited as code.
        try editFile(root, document) { $0 + "\nOne more sentence.\n" }
        #expect(site.publishEditedPage(changed: [document, "docs/guides/cited.md"]) == nil)
        try rebuildAndCompare(site, changed: [document, "docs/guides/cited.md"])
        try editFile(root, "docs/guides/cited.md") { $0 + "\nMore prose.\n" }
        #expect(site.publishEditedPage(changed: ["docs/guides/cited.md"]) == nil)
        try rebuildAndCompare(site, changed: ["docs/guides/cited.md"])
        // The citing guide's prose is its own: published early.
        try editFile(root, "docs/guides/citing.md") { $0 + "\nMore prose.\n" }
        #expect(site.publishEditedPage(changed: ["docs/guides/citing.md"]) == "docs/guides/citing.html")
        try rebuildAndCompare(site, changed: ["docs/guides/citing.md"])
        #expect(site.lastPublishedPageMatched == true)

        // Files that are not documents (code that makes a page stale, a data sample, the
        // configuration), a document added and one deleted: the rebuild does it all.
        let edits: [(String, (String) -> String)] = [
            ("models/train.py", { $0 + "\n# A comment.\n" }),
            ("data/processed/penguins.csv", { $0 + "Adelie,Torgersen,39.1,18.7,181,3750,male,2007\n" }),
            ("dossier.yml", { $0 + "\n# A comment.\n" }),
        ]
        for (path, change) in edits {
            try editFile(root, path, change)
            #expect(site.publishEditedPage(changed: [path]) == nil)
            try rebuildAndCompare(site, changed: [path])
        }
        // A notebook's prose (its figures are written beside its page): the rebuild does it.
        let notebook = "notebooks/01-exploration.ipynb"
        try editFile(root, notebook) { $0.replacingOccurrences(of: "A first look", with: "A first, careful look") }
        #expect(site.publishEditedPage(changed: [notebook]) == nil)
        try rebuildAndCompare(site, changed: [notebook])
        try "# Added\n\nA new guide.\n".write(
            to: root.appendingPathComponent("docs/guides/added.md"), atomically: true, encoding: .utf8)
        #expect(site.publishEditedPage(changed: ["docs/guides/added.md"]) == nil)
        try rebuildAndCompare(site, changed: ["docs/guides/added.md"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guides/added.md"))
        #expect(site.publishEditedPage(changed: ["docs/guides/added.md"]) == nil)
        try rebuildAndCompare(site, changed: ["docs/guides/added.md"])

        // A rebuild that fails takes the early page back: the site stays the last good one.
        let before = try String(contentsOfFile: output + "/" + page, encoding: .utf8)
        try editFile(root, document) { $0 + "\nPublished, then taken back.\n" }
        #expect(site.publishEditedPage(changed: [document]) == page)
        let config = try String(contentsOf: root.appendingPathComponent("dossier.yml"), encoding: .utf8)
        try "title: [unclosed\n".write(
            to: root.appendingPathComponent("dossier.yml"), atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try site.build(changed: ["dossier.yml"]) }
        #expect(try String(contentsOfFile: output + "/" + page, encoding: .utf8) == before)
        try config.write(to: root.appendingPathComponent("dossier.yml"), atomically: true, encoding: .utf8)
        // Nothing is published after a failed build; the next rebuild matches a full build.
        #expect(site.publishEditedPage(changed: [document]) == nil)
        try rebuildAndCompare(site, changed: ["dossier.yml"])
    }

    /// In a git repository the parsed log is kept while HEAD stays (`GitLogMemo`): an edit reuses
    /// it and still shows as uncommitted; a commit is read again, and each rebuild still matches a
    /// full build (the commit shows on the pages and in the staleness findings).
    @Test func aCommitReadsTheGitLogAgainAnEditReusesIt() throws {
        let root = try exampleCopy(prefix: "dossier-incremental-git")
        let output = root.path + "-site"
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(atPath: output)
        }
        func git(_ arguments: String..., day: Int = 1) {
            let settings = ["-c", "init.defaultBranch=main", "-c", "user.name=t", "-c", "user.email=t@e"]
            GitFixture.run(
                settings + ["-c", "commit.gpgsign=false"] + arguments, in: root.path,
                date: GitFixture.epoch + Int64(day) * 86_400)
        }
        git("init", "-q")
        git("add", "-A")
        git("commit", "-q", "-m", "first")
        let site = IncrementalSite(root: root.path, options: BuildOptions(output: output))
        let first = try rebuildAndCompare(site)
        let document = "docs/models/penguin-classifier.md"
        let position = try #require(first.project.index.byPath[document])
        #expect(first.project.lastChanges[position]?.subject == "first")
        #expect(site.gitLog.misses == 1)

        // A prose edit, not committed: the log is reused. Its page is published ahead of the
        // rebuild (the document now shows as changed in `git status`) with the rebuild's bytes.
        try editFile(root, document) { $0 + "\nAn added sentence.\n" }
        #expect(site.publishEditedPage(changed: [document]) == "docs/models/penguin-classifier.html")
        let edited = try rebuildAndCompare(site, changed: [document])
        #expect(site.lastPublishedPageMatched == true)
        #expect(site.gitLog.hits == 1 && site.gitLog.misses == 1)
        #expect(edited.project.lastChanges[position]?.subject == "first")

        // Committed: HEAD moved, the log is read again and the page shows the new commit.
        git("add", "-A")
        git("commit", "-q", "-m", "second", day: 30)
        let committed = try rebuildAndCompare(site)
        #expect(site.gitLog.misses == 2)
        #expect(committed.project.lastChanges[position]?.subject == "second")
    }
}
