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

    @Test func emptyFolderIsFine() throws {
        let project = try TemporaryProject(["README.md": "# R"])
        defer { project.remove() }
        try FileManager.default.createDirectory(atPath: project.path + "/site", withIntermediateDirectories: true)
        _ = try Dossier.build(path: project.path)
        #expect(project.exists("site/index.html"))
    }
}
