@testable import DossierChecks
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The loaded documents a build saves in its cache (`DocumentMemoFile`, `.dossier-cache/documents`):
/// the next build parses only the files whose bytes changed, and its site is byte for byte a
/// cold build's after every kind of edit; a damaged file is ignored and written anew.
@Suite struct SavedDocumentsTests {
    private func saved(_ root: URL) -> DocumentMemoFile {
        let options = pageCacheOptions()
        let key = DocumentMemoFile.key(identity: BuildCache.executableIdentity, root: root, options: options)
        return DocumentMemoFile.load(path: root.path + "/.dossier-cache/" + DocumentMemoFile.fileName, key: key)
    }

    private func markdownCount(_ report: BuildReport) -> Int {
        report.project.documents.filter { !Notebook.isNotebook($0.path) }.count
    }

    @Test func eachEditParsesOnlyWhatChangedAndGivesTheColdSite() throws {
        let root = try exampleCopy(prefix: "dossier-documents")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        let all = markdownCount(first)
        #expect(all > 10)
        #expect(first.documentsParsed == all)
        #expect(first.documentsReused == 0)
        #expect(saved(root).savedPaths.count == all)

        let unchanged = try buildBothWays(root.path)
        #expect(unchanged.documentsParsed == 0)
        #expect(unchanged.documentsReused == all)

        // Prose, front matter, a schema table.
        try editFile(root, "docs/guides/getting-started.md") {
            $0.replacingOccurrences(of: "This guide takes you", with: "This guide walks you")
        }
        #expect(try buildBothWays(root.path).documentsParsed == 1)
        try editFile(root, "docs/data/penguins.md") {
            $0.replacingOccurrences(of: "owner: data-team", with: "owner: ml-team")
        }
        #expect(try buildBothWays(root.path).documentsParsed == 1)
        try editFile(root, "docs/data/penguins.md") {
            $0.replacingOccurrences(of: "| year | integer | interval |", with: "| year | float | interval |")
        }
        let schemaEdit = try buildBothWays(root.path)
        #expect(schemaEdit.documentsParsed == 1)
        let year = schemaEdit.project.documents.first { $0.id == "penguins" }?.schemaFields.first { $0.key == "year" }
        #expect(year?.type == .float)

        // A deletion and a rename: the deleted file leaves the saved documents, the renamed one is parsed.
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guides/getting-started.md"))
        let deletion = try buildBothWays(root.path)
        #expect(deletion.documentsParsed == 0)
        #expect(!saved(root).savedPaths.contains("docs/guides/getting-started.md"))
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("docs/experiments/feature-ablation.md"),
            to: root.appendingPathComponent("docs/experiments/ablation.md"))
        #expect(try buildBothWays(root.path).documentsParsed == 1)
        #expect(saved(root).savedPaths.contains("docs/experiments/ablation.md"))
        #expect(!saved(root).savedPaths.contains("docs/experiments/feature-ablation.md"))

        // The configuration is part of the key: every document is parsed again.
        try editFile(root, "dossier.yml") { $0 + "\n# a comment\n" }
        #expect(try buildBothWays(root.path).documentsParsed == all - 1)
        #expect(try buildBothWays(root.path).documentsParsed == 0)
    }

    /// The same bytes at another path are another document (its id and every location name the path).
    @Test func aCopyUnderAnotherNameIsParsedForItsOwnPath() throws {
        let root = try exampleCopy(prefix: "dossier-documents")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("docs/guides/getting-started.md"),
            to: root.appendingPathComponent("docs/guides/second-start.md"))
        let report = try buildBothWays(root.path)
        #expect(report.documentsParsed == 1)
        #expect(report.project.documents.contains { $0.id == "second-start" })
    }

    @Test(arguments: ["garbage", "truncated", "link", "flipped", "empty"])
    func aDamagedDocumentsFileIsIgnoredAndWrittenAnew(damage: String) throws {
        let root = try exampleCopy(prefix: "dossier-documents")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        let file = root.path + "/.dossier-cache/" + DocumentMemoFile.fileName
        var bytes = try #require(FileManager.default.contents(atPath: file))
        try FileManager.default.removeItem(atPath: file)
        switch damage {
        case "garbage": try Data("dossier-documents 1\n\u{0}\u{FF}".utf8).write(to: URL(fileURLWithPath: file))
        case "truncated": try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: file))
        case "flipped":
            // In the first document's encoding, which follows the header.
            bytes[100] ^= 0x55
            try bytes.write(to: URL(fileURLWithPath: file))
        case "empty": try Data().write(to: URL(fileURLWithPath: file))
        default:
            try bytes.write(to: URL(fileURLWithPath: root.path + "-documents"))
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: root.path + "-documents")
        }
        defer { try? FileManager.default.removeItem(atPath: root.path + "-documents") }
        try editFile(root, "docs/guides/getting-started.md") {
            $0.replacingOccurrences(of: "This guide takes you", with: "This guide walks you")
        }
        let damaged = try buildBothWays(root.path)
        #expect(damaged.documentsParsed ?? 0 >= 1)
        if damage == "flipped" { #expect(damaged.documentsParsed ?? 0 <= 2) }
        #expect(saved(root).savedPaths.count == markdownCount(first))
        #expect(try buildBothWays(root.path).documentsParsed == 0)
    }

    /// After an edit the build writes the added file beside the base; damaged, it is ignored and
    /// the base's documents are used (only the edited one is parsed again).
    @Test(arguments: ["garbage", "truncated", "link", "flipped", "empty"])
    func aDamagedAddedFileIsIgnoredAndWrittenAnew(damage: String) throws {
        let root = try exampleCopy(prefix: "dossier-documents")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        let base = root.path + "/.dossier-cache/" + DocumentMemoFile.fileName
        let baseBytes = try #require(FileManager.default.contents(atPath: base))
        let file = base + DocumentMemoFile.addedSuffix
        try editFile(root, "docs/guides/getting-started.md") {
            $0.replacingOccurrences(of: "This guide takes you", with: "This guide walks you")
        }
        #expect(try buildBothWays(root.path).documentsParsed == 1)
        #expect(FileManager.default.contents(atPath: base) == baseBytes)
        var bytes = try #require(FileManager.default.contents(atPath: file))
        try FileManager.default.removeItem(atPath: file)
        switch damage {
        case "garbage": try Data("dossier-documents 4\n\u{0}\u{FF}".utf8).write(to: URL(fileURLWithPath: file))
        case "truncated": try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: file))
        case "flipped":
            // In the edited document's encoding, which follows the header.
            bytes[60] ^= 0x55
            try bytes.write(to: URL(fileURLWithPath: file))
        case "empty": try Data().write(to: URL(fileURLWithPath: file))
        default:
            try bytes.write(to: URL(fileURLWithPath: root.path + "-added"))
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: root.path + "-added")
        }
        defer { try? FileManager.default.removeItem(atPath: root.path + "-added") }
        try editFile(root, "docs/data/penguins.md") {
            $0.replacingOccurrences(of: "owner: data-team", with: "owner: ml-team")
        }
        // The edited file and (its added entry unread or damaged) the one edited before.
        #expect(try buildBothWays(root.path).documentsParsed == 2)
        #expect(saved(root).savedPaths.count == markdownCount(first))
        #expect(try buildBothWays(root.path).documentsParsed == 0)
        if damage == "link" {
            #expect(FileManager.default.contents(atPath: root.path + "-added") == bytes)
        }
    }

    /// `--no-cache` neither reads nor writes the saved documents, and `check` stays cold.
    @Test func noCacheAndCheckLeaveTheSavedDocumentsAlone() throws {
        let root = try exampleCopy(prefix: "dossier-documents")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.path + "/.dossier-cache/" + DocumentMemoFile.fileName
        let cold = try Dossier.build(path: root.path, options: BuildOptions(useCache: false))
        #expect(cold.documentsParsed == nil)
        _ = try Dossier.check(path: root.path)
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}

/// A document whose file keeps the stamp it was saved with is taken without reading the file
/// (`DocumentMemoFile.lookup(_:)`); its body is read only if its page renders, and the site is a
/// cold build's.
@Suite struct TrustedStampsTests {
    /// Past the racy window (`BuildFingerprint.racyWindow`), so the build records stamps.
    private func settle() { usleep(250_000) }

    @Test func unchangedFilesAreNotReadAndTheSiteIsTheColdOne() throws {
        let root = try exampleCopy(prefix: "dossier-trusted")
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let first = try buildBothWays(root.path)
        let all = first.project.documents.filter { !Notebook.isNotebook($0.path) }.count
        #expect(first.documentsTrusted == 0)
        // The first build recorded each file's stamp: none is read now.
        settle()
        let second = try buildBothWays(root.path)
        #expect(second.documentsTrusted == all && second.documentsParsed == 0)
        // A prose edit: that file alone is read (and parsed), and its page shows the new text.
        try editFile(root, "docs/guides/getting-started.md") {
            $0.replacingOccurrences(of: "This guide takes you", with: "This guide walks you")
        }
        settle()
        let edited = try buildBothWays(root.path)
        #expect(edited.documentsParsed == 1 && edited.documentsTrusted == all - 1)
        // A touched file with the same bytes is read, found saved, and trusted again next time.
        let touched = root.appendingPathComponent("docs/data/penguins.md")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: touched.path)
        settle()
        let afterTouch = try buildBothWays(root.path)
        #expect(afterTouch.documentsParsed == 0 && afterTouch.documentsTrusted == all - 1)
        settle()
        #expect(try buildBothWays(root.path).documentsTrusted == all)
    }

    /// A build whose fingerprint is racy (a file changed moments before) records no stamp: the
    /// next build reads every file.
    @Test func aRacyBuildRecordsNoStamps() throws {
        let root = try exampleCopy(prefix: "dossier-racy")
        defer { try? FileManager.default.removeItem(at: root) }
        // A file changed "after" the fingerprint is taken: its time is ahead of the clock.
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(60)],
            ofItemAtPath: root.appendingPathComponent("docs/data/penguins.md").path)
        _ = try buildBothWays(root.path)
        settle()
        #expect(try buildBothWays(root.path).documentsTrusted == 0)
    }
}

/// A file edited while a build runs, after its stamp vouched for it and before its page rendered:
/// the page would show text its checks and key never saw, so the build fails and the site and
/// cache stay as they were.
@Suite struct EditedWhileBuildingTests {
    /// A build renders the bodies it parses while loading them (`PreparedBodies`), from the bytes
    /// its checks and page key are made of: one edited after the load shows what was loaded (it
    /// is no longer read again from its file, where the edit would have failed the build), and the
    /// next build reads the edit and shows it. A body its stamp vouched for is read at render and
    /// fails the build (`aBodyChangedDuringTheBuildFailsItAndKeepsTheSite`).
    @Test func aBodyChangedDuringAColdBuildShowsWhatWasLoaded() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/a.md": "---\ntitle: A\n---\n# A\n\nText.\n",
        ])
        defer { project.remove() }
        let output = project.path + "/site"
        let root = URL(fileURLWithPath: project.path).standardizedFileURL.path
        BuildInterruptions.afterLoad(of: root) {
            try? "---\ntitle: A\n---\n# A\n\nEdited meanwhile.\n".write(
                toFile: root + "/docs/a.md", atomically: true, encoding: .utf8)
        }
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: output))
        let page = try #require(project.read("site/docs/a.html"))
        #expect(page.contains("<p>Text.</p>"))
        #expect(!page.contains("Edited meanwhile"))
        usleep(250_000)
        // Its parse of the old bytes was saved, and is not used for the new ones.
        let again = try buildBothWays(project.path)
        #expect(again.documentsParsed == 1)
        #expect(project.read("site/docs/a.html")?.contains("Edited meanwhile") == true)
    }

    @Test func aBodyChangedDuringTheBuildFailsItAndKeepsTheSite() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/a.md": "---\ntitle: A\n---\n# A\n\nSee [[b]].\n",
            "docs/b.md": "---\ntitle: B\n---\n# B\n\nText.\n",
        ])
        defer { project.remove() }
        let output = project.path + "/site"
        usleep(250_000)
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: output))
        usleep(250_000)
        #expect(try Dossier.build(path: project.path, options: pageCacheOptions(output: output)).documentsTrusted == 3)
        // B's new title is on A's page: A renders again, from its body left in the file.
        try project.write("docs/b.md", "---\ntitle: Bee\n---\n# Bee\n\nText.\n")
        usleep(250_000)
        let before = try #require(project.read("site/docs/a.html"))
        let root = URL(fileURLWithPath: project.path).standardizedFileURL.path
        BuildInterruptions.afterLoad(of: root) {
            try? "---\ntitle: A\n---\n# A\n\nEdited meanwhile. See [[b]].\n".write(
                toFile: root + "/docs/a.md", atomically: true, encoding: .utf8)
        }
        #expect {
            _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: output))
        } throws: { error in
            (error as? ProjectError)?.message.hasPrefix("docs/a.md changed while the site was being built") == true
        }
        #expect(project.read("site/docs/a.html") == before)
        // A put back as it was: the page the failed build rendered for that key (from the
        // changed file) was never kept, and the site is the cold one.
        try project.write("docs/a.md", "---\ntitle: A\n---\n# A\n\nSee [[b]].\n")
        usleep(250_000)
        _ = try buildBothWays(project.path)
        #expect(project.read("site/docs/a.html")?.contains("See") == true)
        // The edit again: read and parsed (B's parse was saved before the pages rendered).
        try project.write("docs/a.md", "---\ntitle: A\n---\n# A\n\nEdited meanwhile. See [[b]].\n")
        usleep(250_000)
        let after = try buildBothWays(project.path)
        #expect(after.documentsParsed == 1)
        #expect(project.read("site/docs/a.html")?.contains("Edited meanwhile") == true)
    }
}
