import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A build over an old site of Dossier's updates it in place (`InPlaceSwap`), with the cache or
/// without: only changed and new files move in, removed ones go last, and the result is always a
/// cold build's. A failure before the swap leaves the old site as it was; a swap cut short leaves
/// no record, and the next build, comparing every file, completes it.
@Suite struct InPlaceOutputTests {
    private func project() throws -> TemporaryProject {
        var files = ["README.md": "# Home\n\nSee [a](docs/a.md).\n"]
        for name in ["a", "b", "c", "d"] { files["docs/\(name).md"] = "# Page \(name)\n\nText of \(name).\n" }
        files["docs/sub/only.md"] = "# Only\n\nThe only page here.\n"
        return try TemporaryProject(files)
    }

    private func inode(_ path: String) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    private func recordExists(_ project: TemporaryProject) -> Bool {
        FileManager.default.fileExists(atPath: project.path + "/.dossier-cache/" + OutputRecord.fileName)
    }

    @Test func editsDeletionsAndRenamesUpdateTheSiteInPlace() throws {
        let project = try project()
        defer { project.remove() }
        let first = try buildBothWays(project.path)
        #expect(!first.outputUpdatedInPlace)
        let unchanged = try inode(project.path + "/site/docs/a.html")
        let edited = try inode(project.path + "/site/docs/b.html")
        // Prose.
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        let prose = try buildBothWays(project.path)
        #expect(prose.outputUpdatedInPlace)
        #expect(prose.pagesLinked == 4)
        #expect(try inode(project.path + "/site/docs/a.html") == unchanged)
        #expect(try inode(project.path + "/site/docs/b.html") != edited)
        // A title other pages show.
        try project.write("docs/c.md", "# Page C renamed\n\nText of c.\n")
        #expect(try buildBothWays(project.path).outputUpdatedInPlace)
        // A deletion: the folder it leaves empty goes.
        try FileManager.default.removeItem(atPath: project.path + "/docs/sub/only.md")
        #expect(try buildBothWays(project.path).outputUpdatedInPlace)
        #expect(!project.exists("site/docs/sub/only.html"))
        #expect(!project.exists("site/docs/sub"))
        // A rename into a new folder.
        try FileManager.default.createDirectory(
            atPath: project.path + "/docs/moved/deeper", withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: project.path + "/docs/d.md", toPath: project.path + "/docs/moved/deeper/d.md")
        #expect(try buildBothWays(project.path).outputUpdatedInPlace)
        #expect(project.exists("site/docs/moved/deeper/d.html"))
        #expect(!project.exists("site/docs/d.html"))
        // Nothing is left beside the output.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.path)
            .filter { $0.contains("dossier-") && $0 != ".dossier-cache" }
        #expect(siblings.isEmpty)
    }

    @Test func aFailureBeforeTheSwapLeavesTheOldSiteAsItWas() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        let before = try siteFiles(in: site)
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        try FileManager.default.removeItem(atPath: project.path + "/docs/c.md")
        OutputWriter.interruptSwap(of: site, after: 0)
        #expect(throws: OutputWriter.Refusal.self) {
            try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        }
        #expect(try siteFiles(in: site) == before)
        #expect(recordExists(project))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.path)
            .filter { $0.contains("dossier-") && $0 != ".dossier-cache" }
        #expect(siblings.isEmpty)
        #expect(try buildBothWays(project.path).outputUpdatedInPlace)
    }

    @Test(arguments: [1, 3, 5, 8, 12])
    func aSwapCutShortIsRepairedByTheNextBuild(renames: Int) throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        try project.write("docs/new/e.md", "# Page e\n\nNew.\n")
        try FileManager.default.removeItem(atPath: project.path + "/docs/c.md")
        OutputWriter.interruptSwap(of: site, after: renames)
        #expect(throws: OutputWriter.Refusal.self) {
            try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        }
        // Killed half-way: no record vouches for any page of the mixed site, so none is linked
        // unread; every file is compared, and the site comes out a cold build's (`buildBothWays`).
        #expect(!recordExists(project))
        let repaired = try buildBothWays(project.path)
        #expect(repaired.outputUpdatedInPlace)
        #expect(repaired.pagesLinked == 0)
        // No new page was taken for a person's file (`.kept`).
        #expect(try siteFiles(in: site).keys.filter { $0.hasSuffix(".kept") }.isEmpty)
        #expect(try buildBothWays(project.path).outputUpdatedInPlace)
    }

    /// Without the cache (deleted, or `--no-cache`) a build over its old site still leaves the
    /// files it would write unchanged where they are, and writes the rest.
    @Test(arguments: [true, false])
    func aColdBuildOverTheOldSiteUpdatesItInPlace(cacheDeleted: Bool) throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        let unchanged = try inode(site + "/docs/a.html")
        let edited = try inode(site + "/docs/b.html")
        try project.write("site/docs/a.html.extra", "a file of mine")
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        let options: BuildOptions
        if cacheDeleted {
            try FileManager.default.removeItem(atPath: project.path + "/.dossier-cache")
            options = pageCacheOptions(output: site)
        } else {
            options = BuildOptions(output: site, useCache: false)
        }
        let report = try Dossier.build(path: project.path, options: options)
        #expect(report.outputUpdatedInPlace)
        #expect(report.pagesLinked == 0)
        #expect(try inode(site + "/docs/a.html") == unchanged)
        #expect(try inode(site + "/docs/b.html") != edited)
        #expect(project.read("site/docs/a.html.extra") == "a file of mine")
        try FileManager.default.removeItem(atPath: site + "/docs/a.html.extra")
        let cold = project.path + "-cold"
        defer { try? FileManager.default.removeItem(atPath: cold) }
        _ = try Dossier.build(path: project.path, options: BuildOptions(output: cold, useCache: false))
        try expectSameSite(site, asColdBuild: cold)
    }

    @Test func filesAPersonAddedOrDeletedAreHandledInPlace() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        try project.write("site/CNAME", "docs.example.org")
        try project.write("site/docs/new.html", "a page of mine")
        try FileManager.default.removeItem(atPath: site + "/docs/a.html")
        try FileManager.default.removeItem(atPath: site + "/index.html")
        try project.write("docs/new.md", "# New\n")
        let report = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(report.outputUpdatedInPlace)
        #expect(project.read("site/CNAME") == "docs.example.org")
        #expect(project.read("site/docs/new.html.kept") == "a page of mine")
        #expect(project.exists("site/docs/new.html") && project.read("site/docs/new.html") != "a page of mine")
        let cold = project.path + "-cold"
        defer { try? FileManager.default.removeItem(atPath: cold) }
        _ = try Dossier.build(path: project.path, options: BuildOptions(output: cold, useCache: false))
        var files = try siteFiles(in: site)
        files["CNAME"] = nil
        files["docs/new.html.kept"] = nil
        #expect(files == (try siteFiles(in: cold)))
    }

    @Test func aForgedManifestDeletesNothingOutsideTheSite() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        try project.write("outside.txt", "precious")
        try project.write("site/docs/mine.txt", "mine")
        let manifest = project.path + "/site/" + OutputWriter.manifestName
        let listed = try String(contentsOfFile: manifest, encoding: .utf8)
        try (listed + "../outside.txt\ndocs/../docs/mine.txt\n/etc/hostname-nonexistent\n").write(
            toFile: manifest, atomically: false, encoding: .utf8)
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        let report = try Dossier.build(path: project.path, options: pageCacheOptions(output: project.path + "/site"))
        #expect(report.outputUpdatedInPlace)
        #expect(project.read("outside.txt") == "precious")
        #expect(project.read("site/docs/mine.txt") == "mine")
    }

    @Test func aRemovalBehindALinkedFolderSwapsTheWholeSite() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        let elsewhere = project.path + "-elsewhere"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.moveItem(atPath: site + "/docs/sub", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site + "/docs/sub", withDestinationPath: elsewhere)
        try FileManager.default.removeItem(atPath: project.path + "/docs/sub/only.md")
        let report = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(!report.outputUpdatedInPlace)
        // The link is a person's now, carried over; nothing behind it is deleted.
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/only.html"))
        let cold = project.path + "-cold"
        defer { try? FileManager.default.removeItem(atPath: cold) }
        _ = try Dossier.build(path: project.path, options: BuildOptions(output: cold, useCache: false))
        try expectSameSite(site, asColdBuild: cold)
    }

    @Test func aFolderReplacedByALinkIsNotWrittenThrough() throws {
        let project = try project()
        defer { project.remove() }
        try buildBothWays(project.path)
        let site = project.path + "/site"
        let elsewhere = project.path + "-elsewhere"
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.moveItem(atPath: site + "/docs", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site + "/docs", withDestinationPath: elsewhere)
        let before = try siteFiles(in: elsewhere)
        try project.write("docs/b.md", "# Page b\n\nText of b, edited.\n")
        let report = try? Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(report?.outputUpdatedInPlace != true)
        #expect(try siteFiles(in: elsewhere) == before)
    }
}
