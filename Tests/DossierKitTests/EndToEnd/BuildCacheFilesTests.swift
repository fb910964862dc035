@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Document pages kept in the build cache as hard links of the site's files (`pages/files/`,
/// issue 15) instead of copies in the pack: the site a cached build writes is still the cold
/// one when the site is edited in place, deleted, or on another filesystem than the cache, and
/// when the cache was copied (CI) or left by a killed build.
@Suite struct BuildCacheFilesTests {
    private func project() throws -> TemporaryProject { try BuildCachePackTests.project() }

    private func inode(_ path: String) -> UInt64? {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// The names of the entries kept as files (the marker of a build in progress left out).
    private func entryFiles(_ cacheFolder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder + "/pages/files")) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Builds cold (no cache) into `root-cold` and expects `site` to hold the same files.
    private func expectCold(_ root: String, site: String) throws {
        defer { try? FileManager.default.removeItem(atPath: root + "-cold") }
        _ = try Dossier.build(path: root, options: BuildOptions(output: root + "-cold", useCache: false))
        try expectSameSite(site, asColdBuild: root + "-cold")
    }

    @Test func aDocumentPageIsALinkOfItsSiteFileNotACopy() throws {
        let project = try project()
        defer { project.remove() }
        let site = project.path + "/site"
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        let files = entryFiles(project.path + "/.dossier-cache")
        #expect(files.count == 3)
        let pageInodes = Set(["a", "b", "c"].compactMap { inode(site + "/docs/\($0).html") })
        let entryInodes = Set(files.compactMap { inode(project.path + "/.dossier-cache/pages/files/" + $0) })
        #expect(pageInodes.count == 3 && entryInodes == pageInodes)
        // The build is done: no marker of a build in progress is left.
        #expect(!FileManager.default.fileExists(atPath: project.path + "/.dossier-cache/pages/files/.pending"))
    }

    @Test func aSitePageEditedInPlaceIsNotReusedFromTheCache() throws {
        let project = try project()
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: project.path + "-other")
        }
        let site = project.path + "/site"
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        // Appended to in place (same file, so the cache's link of it changes too): neither left in
        // place nor taken from the cache.
        try append("<!-- deployed -->", to: site + "/docs/a.html")
        let again = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(again.pagesRendered == 1)
        try expectCold(project.path, site: site)
        // Nor when the site is then deleted, and only the cache holds the edited file.
        try append("<!-- deployed -->", to: site + "/docs/a.html")
        try FileManager.default.removeItem(atPath: site + "/docs/b.html")
        try FileManager.default.moveItem(atPath: site, toPath: project.path + "-other")
        let fresh = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(fresh.pagesRendered == 1)
        try expectCold(project.path, site: site)
    }

    private func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func theCacheKeptAndTheSiteDeletedGivesTheSameSite() throws {
        let project = try project()
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: project.path + "-copy")
        }
        let site = project.path + "/site"
        let first = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        try FileManager.default.removeItem(atPath: site)
        let again = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(again.pagesRendered == 0)
        #expect(again.pagesFromCache == first.pagesRendered)
        try expectCold(project.path, site: site)
        // CI: the cache saved and restored elsewhere (links become plain files), the site gone.
        let copy = project.path + "-copy"
        try FileManager.default.copyItem(atPath: project.path + "/.dossier-cache", toPath: copy)
        try FileManager.default.removeItem(atPath: project.path + "/.dossier-cache")
        try FileManager.default.removeItem(atPath: site)
        try FileManager.default.copyItem(atPath: copy, toPath: project.path + "/.dossier-cache")
        let restored = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(restored.pagesRendered == 0)
        try expectCold(project.path, site: site)
    }

    @Test func aPageThatCannotBeLinkedGoesToThePack() throws {
        let project = try project()
        defer { project.remove() }
        let folder = project.path + "/.dossier-cache"
        try FileManager.default.createDirectory(atPath: project.path + "/site", withIntermediateDirectories: true)
        try "<p>page</p>".write(toFile: project.path + "/site/a.html", atomically: true, encoding: .utf8)
        var cache: BuildCache? = .some(
            try #require(
                BuildCache(folder: folder) { _, _, _ in
                    errno = EXDEV  // as across filesystems
                    return -1
                }))
        let key = try #require(cache).key(["a"])
        #expect(cache?.lookup(key) == nil)
        Array("<p>page</p>".utf8).withUnsafeBytes {
            cache?.store(key, bytes: $0, linking: project.path + "/site/a.html")
        }
        cache?.prune()
        cache = nil
        #expect(entryFiles(folder).isEmpty)
        let reopened = try #require(BuildCache(folder: folder))
        #expect(reopened.lookup(key) == Array("<p>page</p>".utf8))
    }

    @Test func aCacheOnAnotherFilesystemThanTheSiteGivesTheSameSite() throws {
        let project = try project()
        // Shared memory is another filesystem than the temporary folder on most Linux machines.
        let cacheFolder = "/dev/shm/dossier-cache-\(UUID().uuidString)"
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: cacheFolder)
        }
        var shm = stat()
        var tmp = stat()
        guard stat("/dev/shm", &shm) == 0, stat(project.path, &tmp) == 0, shm.st_dev != tmp.st_dev else { return }
        let site = project.path + "/site"
        let options = pageCacheOptions(output: site, cacheFolder: cacheFolder)
        let first = try Dossier.build(path: project.path, options: options)
        #expect(entryFiles(cacheFolder).isEmpty)
        try FileManager.default.removeItem(atPath: site)
        let again = try Dossier.build(path: project.path, options: options)
        #expect(again.pagesRendered == 0 && again.pagesFromCache == first.pagesRendered)
        try expectCold(project.path, site: site)
    }

    @Test func aKilledBuildsLinksAreRemovedByTheNextBuild() throws {
        let project = try project()
        defer { project.remove() }
        let site = project.path + "/site"
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        let files = project.path + "/.dossier-cache/pages/files"
        let kept = entryFiles(project.path + "/.dossier-cache")
        // What a build killed after linking a page, before writing its index, leaves.
        let orphan = String(repeating: "ab", count: 16)
        try "<p>orphan</p>".write(toFile: files + "/" + orphan, atomically: false, encoding: .utf8)
        try "".write(toFile: files + "/.pending", atomically: false, encoding: .utf8)
        let next = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(next.pagesRendered == 0)
        #expect(entryFiles(project.path + "/.dossier-cache") == kept)
        #expect(!FileManager.default.fileExists(atPath: files + "/.pending"))
        // An orphan without the marker stays until a build finds one (no folder listing every build).
        try "<p>orphan</p>".write(toFile: files + "/" + orphan, atomically: false, encoding: .utf8)
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(entryFiles(project.path + "/.dossier-cache").contains(orphan))
    }

    @Test func aPageNoLongerUsedHasItsFileRemoved() throws {
        let project = try project()
        defer { project.remove() }
        let site = project.path + "/site"
        _ = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        let before = entryFiles(project.path + "/.dossier-cache")
        try project.write("docs/b.md", "# B\n\nThe page b, edited.\n")
        let edited = try Dossier.build(path: project.path, options: pageCacheOptions(output: site))
        #expect(edited.pagesRendered == 1)
        let after = entryFiles(project.path + "/.dossier-cache")
        #expect(after.count == before.count && after != before)
        try expectCold(project.path, site: site)
    }
}
