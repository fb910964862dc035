import DossierChecks
import DossierCore
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// SPEC 4: written aside and swapped in; only Dossier's own folders are replaced.
@Suite struct OutputWriterTests {
    @Test func refusesToReplaceAForeignFolder() throws {
        let project = try TemporaryProject(["README.md": "# R", "site/precious.txt": "keep me"])
        defer { project.remove() }
        #expect(throws: OutputWriter.Refusal.self) { try Dossier.build(path: project.path) }
        #expect(project.read("site/precious.txt") == "keep me")
        #expect(!project.exists("site/index.html"))
        let result = try DossierExecutable.run(["build", project.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not made by Dossier"))
    }

    @Test func replacesItsOwnSiteAndKeepsFilesAPersonAdded() throws {
        let project = try TemporaryProject(["README.md": "# R", "docs/old.md": "# Old"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        #expect(project.exists("site/docs/old.html"))
        try project.write("site/CNAME", "docs.example.org")
        try FileManager.default.removeItem(atPath: project.path + "/docs/old.md")
        try project.write("docs/new.md", "# New")
        _ = try Dossier.build(path: project.path)
        #expect(!project.exists("site/docs/old.html"))
        #expect(project.exists("site/docs/new.html"))
        #expect(project.read("site/CNAME") == "docs.example.org")
        // Nothing is left beside the output.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.path)
            .filter { $0.contains("dossier-") && $0 != ".dossier-cache" }
        #expect(siblings.isEmpty)
    }

    @Test func foreignFilesInSubfoldersAndLinksAreCarriedOverWhatDossierWroteIsNot() throws {
        let project = try TemporaryProject(["README.md": "# R", "docs/a.md": "# A"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        try project.write("site/extra/deep/notes.txt", "mine")
        try project.write("site/docs/.hidden", "hidden")
        try project.write("site/docs/b.html", "a page of mine")
        try FileManager.default.createSymbolicLink(
            atPath: project.path + "/site/docs/link.txt", withDestinationPath: "../extra/deep/notes.txt")
        #expect(
            Set(OutputWriter.entries(below: project.path + "/site")).isSuperset(of: [
                "extra/deep/notes.txt", "docs/.hidden", "docs/b.html", "docs/link.txt", "docs/a.html",
            ]))
        try project.write("docs/b.md", "# B")
        _ = try Dossier.build(path: project.path)
        #expect(project.read("site/extra/deep/notes.txt") == "mine")
        #expect(project.read("site/docs/.hidden") == "hidden")
        #expect(project.read("site/docs/b.html.kept") == "a page of mine")
        #expect(project.exists("site/docs/b.html") && project.read("site/docs/b.html") != "a page of mine")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: project.path + "/site/docs/link.txt")
        #expect(link == "../extra/deep/notes.txt")
        #expect(project.exists("site/docs/a.html"))
    }

    @Test func failedWriteLeavesThePreviousSite() throws {
        let project = try TemporaryProject(["README.md": "# R"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let before = project.read("site/index.html")
        // A file where a folder must go makes writing the new site fail part-way.
        let files = [SiteFile(path: "a", text: "x"), SiteFile(path: "a/b.html", text: "y")]
        #expect(throws: (any Error).self) {
            try OutputWriter.write(files, to: project.url.appendingPathComponent("site"))
        }
        #expect(project.read("site/index.html") == before)
    }

    @Test func unchangedFilesAreLinkedChangedOnesRewritten() throws {
        let project = try TemporaryProject(["README.md": "# R"])
        defer { project.remove() }
        let site = project.url.appendingPathComponent("out")
        func inode(_ path: String) -> UInt64 {
            var info = stat()
            stat(site.appendingPathComponent(path).path, &info)
            return UInt64(info.st_ino)
        }
        try OutputWriter.write(
            [SiteFile(path: "a.html", text: "same"), SiteFile(path: "b/c.html", text: "old")], to: site)
        let before = (inode("a.html"), inode("b/c.html"))
        try OutputWriter.write(
            [SiteFile(path: "a.html", text: "same"), SiteFile(path: "b/c.html", text: "new")], to: site)
        #expect(inode("a.html") == before.0)
        #expect(inode("b/c.html") != before.1)
        #expect(project.read("out/b/c.html") == "new")
        #expect(project.read("out/a.html") == "same")
    }

    /// A page of the old site replaced by a link to a file with the page's bytes is written anew,
    /// not linked: a hard link made of the link would carry it, and what it points at, into the
    /// new site.
    @Test func anOldPageThatIsALinkIsWrittenNotLinked() throws {
        let project = try TemporaryProject(["README.md": "# R", "elsewhere/a.html": "same"])
        defer { project.remove() }
        let site = project.url.appendingPathComponent("out")
        try OutputWriter.write([SiteFile(path: "a.html", text: "same")], to: site)
        try FileManager.default.removeItem(atPath: site.path + "/a.html")
        try FileManager.default.createSymbolicLink(
            atPath: site.path + "/a.html", withDestinationPath: project.path + "/elsewhere/a.html")
        try OutputWriter.write([SiteFile(path: "a.html", text: "same")], to: site)
        var info = stat()
        #expect(lstat(site.path + "/a.html", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(project.read("out/a.html") == "same")
    }

    /// `dossier build` writes each page as it renders (`OutputWriter.Staging`): the site must be
    /// the one written whole from `SiteBuilder`'s files, manifest and page assets included.
    @Test func pagesWrittenAsTheyRenderGiveTheSameSite() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n\nSee [a](docs/a.md).\n",
            "docs/a.md":
                "---\nkind: data-source\n---\n# A & <b>\n\nMath $x^2$ and\n\n```mermaid\ngraph TD; A-->B\n```\n",
            "docs/b.md": "# B\n\n<div class=\"nb-cell \"></div>\n",
            "docs/deep/c.md": "# C\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path, options: BuildOptions(useCache: false))
        let loaded = try ProjectLoader.load(root: project.path)
        let theme = try Theme.load(name: loaded.config.theme, projectRoot: loaded.root)
        let whole = project.url.appendingPathComponent("whole")
        try OutputWriter.write(SiteBuilder.build(project: loaded, theme: theme), to: whole)
        func tree(_ root: String) throws -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            let enumerator = try #require(FileManager.default.enumerator(atPath: root))
            while let relative = enumerator.nextObject() as? String {
                if ProjectFiles.isDirectory(root + "/" + relative) { continue }
                out[relative] = try ProjectFiles.readBytes(root + "/" + relative)
            }
            return out
        }
        let streamed = try tree(project.path + "/site")
        let written = try tree(whole.path)
        #expect(streamed.keys.sorted() == written.keys.sorted())
        for (path, bytes) in written { #expect(streamed[path] == bytes, "\(path) differs") }
        #expect(streamed["docs/deep/c.html"] != nil)
    }

    @Test func aPageThatCannotBeWrittenWhileRenderingFailsTheBuildAtTheEnd() throws {
        let project = try TemporaryProject(["README.md": "# R"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let before = project.read("site/index.html")
        let staging = try OutputWriter.Staging(output: project.url.appendingPathComponent("site"))
        let first = staging.write(SiteFile(path: "a", text: "x"))
        let second = staging.write(SiteFile(path: "a/b.html", text: "y"))
        guard case .written = first.contents else { Issue.record("a was not written"); return }
        guard case .text = second.contents else { Issue.record("a/b.html claims to be written"); return }
        #expect(throws: OutputWriter.Refusal.self) { try staging.finish([first, second]) }
        #expect(project.read("site/index.html") == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.path)
            .filter { $0.contains("dossier-new") }
        #expect(siblings.isEmpty)
    }

    @Test func emptyFolderIsFine() throws {
        let project = try TemporaryProject(["README.md": "# R"])
        defer { project.remove() }
        try FileManager.default.createDirectory(atPath: project.path + "/site", withIntermediateDirectories: true)
        _ = try Dossier.build(path: project.path)
        #expect(project.exists("site/index.html"))
    }

    /// The old site is listed without recursion: a folder nested as deep as paths allow is
    /// listed on a thread with a small stack.
    @Test func listingADeepOldSiteOnASmallStack() throws {
        let base = NSTemporaryDirectory() + "entries-deep-\(UUID().uuidString)"
        let deep = base + String(repeating: "/d", count: 1_500)
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: deep + "/leaf.txt"))
        try Data("y".utf8).write(to: URL(fileURLWithPath: base + "/top.txt"))
        defer { try? FileManager.default.removeItem(atPath: base) }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var found: [String] = []
        let thread = Thread {
            found = OutputWriter.entries(below: base)
            done.signal()
        }
        thread.stackSize = 64 << 10
        thread.start()
        done.wait()
        #expect(Set(found) == ["top.txt", String(repeating: "d/", count: 1_500) + "leaf.txt"])
    }
}
