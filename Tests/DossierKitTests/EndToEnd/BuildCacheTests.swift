@testable import DossierChecks
@testable import DossierKit
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The build cache (issue 15): a build that takes pages from `.dossier-cache/` writes the very
/// bytes a cold build writes, after every kind of edit; a build with nothing changed renders no
/// document page; a change of `dossier.yml` or the theme re-renders every page.
@Suite struct BuildCacheTests {
    @Test func aSecondBuildRendersNothingAndWritesTheSameBytes() throws {
        let root = try exampleCopy(prefix: "dossier-cache")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        #expect(first.pagesFromCache == 0)
        #expect(first.pagesRendered > 5)
        let second = try buildBothWays(root.path)
        #expect(second.pagesRendered == 0)
        #expect(second.pagesFromCache == first.pagesRendered)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".dossier-cache/.gitignore").path))
    }

    @Test func editsOfEveryKindDeletionAndRenameMatchAColdBuild() throws {
        let root = try exampleCopy(prefix: "dossier-cache")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        let byKind = [
            "docs/data/penguins.md", "docs/data/palmer-lter.md", "docs/environments/training-env.md",
            "docs/experiments/feature-ablation.md", "docs/labeling/species-labels.md",
            "docs/models/penguin-classifier.md", "docs/pseudocode/species-pipeline.md",
            "docs/guides/getting-started.md", "README.md",
        ]
        for path in byKind {
            // A prose edit: only this page re-renders.
            try editFile(root, path) { $0 + "\nAn added sentence about \(path).\n" }
            let report = try buildBothWays(root.path)
            // README.md is the home page, which renders on every build (it is not cached).
            #expect(report.pagesRendered == (path == "README.md" ? 0 : 1), "\(path)")
        }
        // A title edit shows in every page's navigation: every page re-renders, and matches.
        try editFile(root, "docs/data/penguins.md") { $0.replacingOccurrences(of: "\n# ", with: "\n# Renamed ") }
        try buildBothWays(root.path)
        try FileManager.default.removeItem(at: root.appendingPathComponent("docs/guides/getting-started.md"))
        try buildBothWays(root.path)
        try FileManager.default.moveItem(
            at: root.appendingPathComponent("docs/experiments/feature-ablation.md"),
            to: root.appendingPathComponent("docs/experiments/ablation-renamed.md"))
        try buildBothWays(root.path)
    }

    /// Navigation (issue 12): a page's sidebar and breadcrumbs show other documents' titles, order
    /// and folders, so changing them re-renders the pages that show them.
    @Test func navigationEditsReRenderTheSidebarsThatShowThem() throws {
        let root = try exampleCopy(prefix: "dossier-cache")
        defer { try? FileManager.default.removeItem(at: root) }
        try buildBothWays(root.path)
        try editFile(root, "docs/data/palmer-lter.md") { $0.replacingOccurrences(of: "order: 1", with: "order: 9") }
        let reordered = try buildBothWays(root.path)
        #expect(reordered.pagesRendered > 1)
        // A folder's README names the folder in every breadcrumb and sidebar below it.
        try editFile(root, "data/README.md") { text in
            text.replacingOccurrences(of: "\n# ", with: "\n# Renamed ", options: [], range: nil)
        }
        try buildBothWays(root.path)
        // A new folder appears in every sidebar.
        let url = root.appendingPathComponent("docs/faq/questions.md")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "# Questions\n".write(to: url, atomically: true, encoding: .utf8)
        try buildBothWays(root.path)
    }

    @Test func configAndThemeChangesReRenderEveryPage() throws {
        let root = try exampleCopy(prefix: "dossier-cache")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try buildBothWays(root.path)
        try editFile(root, "dossier.yml") { $0.replacingOccurrences(of: "title: Penguin", with: "title: Pinguin") }
        #expect(try buildBothWays(root.path).pagesRendered == first.pagesRendered)
        let template = try String(
            contentsOf: Repository.root.appendingPathComponent("Themes/default/templates/document.mustache"),
            encoding: .utf8)
        let overrides = root.appendingPathComponent("overrides/templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        try ("<!-- overridden -->\n" + template).write(
            to: overrides.appendingPathComponent("document.mustache"),
            atomically: true, encoding: .utf8)
        let themed = try buildBothWays(root.path)
        #expect(themed.pagesRendered == first.pagesRendered)
        #expect(
            try String(contentsOf: root.appendingPathComponent("site/docs/data/penguins.html"), encoding: .utf8)
                .contains("<!-- overridden -->"))
    }

    /// A page showing a new field of the project or of a document must have it in its cache key.
    @Test func everyFieldOfTheProjectAndItsDocumentsIsAccountedForInTheKeys() throws {
        let project = try TemporaryProject(["README.md": "# Home\n", "docs/a.md": "# A\n"])
        defer { project.remove() }
        let loaded = try project.load()
        let projectFields = Set(Mirror(reflecting: loaded).children.compactMap(\.label))
        #expect(
            projectFields.subtracting(PageCacheKeys.coveredProjectFields).isEmpty,
            "add these to PageCacheKeys (and its key) if pages show them")
        let document = try #require(loaded.documents.first)
        let documentFields = Set(Mirror(reflecting: document).children.compactMap(\.label))
        #expect(
            documentFields.subtracting(PageCacheKeys.coveredDocumentFields).isEmpty,
            "add these to PageCacheKeys.addFace (and its key) if pages show them")
    }

    @Test func noCacheWritesNoCacheAndCacheFolderIsHonoured() throws {
        let root = try exampleCopy(prefix: "dossier-cache")
        let elsewhere = root.path + "-cache"
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(atPath: elsewhere)
        }
        _ = try Dossier.build(path: root.path, options: BuildOptions(useCache: false))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".dossier-cache").path))
        _ = try Dossier.build(path: root.path, options: pageCacheOptions(cacheFolder: elsewhere))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".dossier-cache").path))
        let again = try Dossier.build(path: root.path, options: pageCacheOptions(cacheFolder: elsewhere))
        #expect(again.pagesRendered == 0 && again.pagesFromCache > 0)
        // A folder of the user's named with --cache keeps its files and gets no `.gitignore`.
        let mine = root.path + "-mine"
        defer { try? FileManager.default.removeItem(atPath: mine) }
        try FileManager.default.createDirectory(atPath: mine + "/pages", withIntermediateDirectories: true)
        try "keep".write(toFile: mine + "/pages/notes.txt", atomically: true, encoding: .utf8)
        _ = try Dossier.build(path: root.path, options: BuildOptions(cacheFolder: mine))
        #expect(FileManager.default.fileExists(atPath: mine + "/pages/notes.txt"))
        #expect(!FileManager.default.fileExists(atPath: mine + "/.gitignore"))
        // The cache folder is never scanned as part of the project.
        #expect(!again.project.documents.contains { $0.path.contains(".dossier-cache") })
    }
}

/// A cache that came with the repository could put any HTML into the site (issue 10's rule:
/// nothing from a pull request reaches the site unchecked), so it is not used.
@Suite struct CommittedCacheTests {
    @Test func aCommittedCacheIsNotReadAndIsAFinding() throws {
        let repo = try GitFixture()
        defer { repo.remove() }
        repo.write("README.md", "# Home\n")
        repo.write("docs/a.md", "# A\n\nThe real page.\n")
        _ = repo.commit("docs", day: 0)
        _ = try Dossier.build(path: repo.root)
        // An attacker replaces every cached page with a script and commits the cache.
        let pages = repo.root + "/.dossier-cache/pages"
        let files = try FileManager.default.contentsOfDirectory(atPath: pages + "/files").map { "files/" + $0 }
        for name in try FileManager.default.contentsOfDirectory(atPath: pages) + files where name != "files" {
            try Data("<script>window.PWNED=1</script>".utf8).write(
                to: URL(fileURLWithPath: pages + "/" + name), options: .atomic)
        }
        try Data().write(to: URL(fileURLWithPath: repo.root + "/.dossier-cache/.gitignore"))
        _ = repo.git("add", "-f", ".dossier-cache")
        _ = repo.commit("a poisoned cache", day: 1)
        let report = try Dossier.build(path: repo.root)
        #expect(report.project.findings.map(\.rule).contains("cache.committed"))
        #expect(report.pagesFromCache == 0)
        let page = try #require(
            String(data: try Data(contentsOf: URL(fileURLWithPath: repo.root + "/site/docs/a.html")), encoding: .utf8))
        #expect(page.contains("The real page."))
        #expect(!page.contains("PWNED"))
    }
}

/// The cache's pack and index (issue 15): one data file and an index instead of a file per page
/// (document pages are links of the site's files, in `pages/files/`); all are read as untrusted,
/// so anything damaged is a miss and the site is still the cold one.
@Suite struct BuildCachePackTests {
    /// A home page linking to `docs/a.md`, and three pages `docs/a.md`, `b.md`, `c.md` (also the
    /// project of `BuildCacheFilesTests`).
    static func project() throws -> TemporaryProject {
        let project = try TemporaryProject()
        try project.write("README.md", "# Home\n\nSee [A](docs/a.md).\n")
        for name in ["a", "b", "c"] {
            try project.write("docs/\(name).md", "# \(name.uppercased())\n\nThe page \(name).\n")
        }
        return project
    }

    private func project() throws -> TemporaryProject { try Self.project() }

    private func site(_ root: String, _ options: BuildOptions) throws -> (BuildReport, [String: String]) {
        let report = try Dossier.build(path: root, options: options)
        var files: [String: String] = [:]
        for name in ["index.html", "docs/a.html", "docs/b.html", "docs/c.html"] {
            files[name] = try String(contentsOfFile: options.output! + "/" + name, encoding: .utf8)
        }
        return (report, files)
    }

    @Test func theCacheIsOnePackAndAnIndex() throws {
        let project = try project()
        defer { project.remove() }
        _ = try Dossier.build(path: project.path, options: pageCacheOptions())
        let pages = project.path + "/.dossier-cache/pages"
        #expect(try FileManager.default.contentsOfDirectory(atPath: pages).sorted() == ["data-0", "files", "index"])
        // A build with nothing changed writes no index (same inode, same bytes).
        let before = try FileManager.default.attributesOfItem(atPath: pages + "/index")[.systemFileNumber] as? Int
        let again = try Dossier.build(path: project.path, options: pageCacheOptions())
        #expect(again.pagesRendered == 0)
        let after = try FileManager.default.attributesOfItem(atPath: pages + "/index")[.systemFileNumber] as? Int
        #expect(before == after)
    }

    @Test(arguments: [
        "truncate-data", "flip-data", "forge-index", "truncate-index", "garbage-index", "link-data", "link-index",
        "truncate-files", "flip-files", "link-files", "link-files-folder",
    ])
    func aDamagedCacheIsAMissAndTheSiteIsStillRight(damage: String) throws {
        let project = try project()
        let root = project.path
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: root + "-cold")
        }
        let cold = try site(root, BuildOptions(output: root + "-cold", useCache: false)).1
        _ = try Dossier.build(path: root, options: pageCacheOptions(output: root + "/site"))
        let pages = root + "/.dossier-cache/pages"
        let data = pages + "/data-0", index = pages + "/index"
        var pack = try Data(contentsOf: URL(fileURLWithPath: data))
        var text = try String(contentsOfFile: index, encoding: .utf8)
        switch damage {
        case "truncate-data": pack = pack.prefix(pack.count / 2)
        case "flip-data": for at in stride(from: 0, to: pack.count, by: 97) { pack[at] ^= 0x20 }
        case "forge-index": text = text.replacingOccurrences(of: " 0 ", with: " 999999999999 ")
        case "truncate-index": text = String(text.dropLast(7))
        case "garbage-index": text = "dossier-pack 1 0\n" + String(repeating: "z", count: 40) + "\n"
        case "truncate-files", "flip-files", "link-files", "link-files-folder":
            try damageFiles(pages + "/files", damage, elsewhere: root + "-cold")
        default:
            // The pack swapped for a link to a file elsewhere (a copy of itself): never followed.
            try pack.write(to: URL(fileURLWithPath: root + "-cold/elsewhere"))
            try FileManager.default.removeItem(atPath: data)
            try FileManager.default.createSymbolicLink(atPath: data, withDestinationPath: root + "-cold/elsewhere")
        }
        if damage != "link-data" { try pack.write(to: URL(fileURLWithPath: data)) }
        if damage == "link-index" {
            // The index swapped for a link to a copy of itself elsewhere: never followed.
            try text.write(toFile: root + "-cold/index", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: index)
            try FileManager.default.createSymbolicLink(atPath: index, withDestinationPath: root + "-cold/index")
        } else {
            try text.write(toFile: index, atomically: true, encoding: .utf8)
        }
        let (report, warm) = try site(root, pageCacheOptions(output: root + "/site"))
        #expect(warm == cold)
        // Only pages the old site holds unchanged under a key the index names are linked (`OutputRecord`);
        // none is read from a damaged pack.
        if damage != "forge-index" { #expect(report.pagesFromCache == report.pagesLinked) }
        // The site's files are links of damaged entries: they are not reused either.
        if damage.hasSuffix("-files") { #expect(report.pagesLinked == 0) }
        // The build after repairs the cache.
        let (repaired, again) = try site(root, pageCacheOptions(output: root + "/site"))
        #expect(again == cold)
        #expect(repaired.pagesRendered == 0)
    }

    /// Damages the entries kept as files (links of the site's files) the way `damage` says.
    private func damageFiles(_ folder: String, _ damage: String, elsewhere: String) throws {
        if damage == "link-files-folder" {
            // The folder swapped for a link to a folder of the same files: never followed.
            try FileManager.default.moveItem(atPath: folder, toPath: elsewhere + "/files")
            try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: elsewhere + "/files")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        try #require(!names.isEmpty)
        for name in names {
            let path = folder + "/" + name
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            switch damage {
            case "truncate-files":
                // In place, as an editor or a deploy step writing into the site might.
                try #require(truncate(path, off_t(bytes.count / 2)) == 0)
            case "flip-files":
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try handle.write(contentsOf: Data("<!-- edited in place -->".utf8))
                try handle.close()
            default:  // a link to a copy of itself elsewhere, planted in its place: never followed
                try bytes.write(to: URL(fileURLWithPath: elsewhere + "/" + name))
                try FileManager.default.removeItem(atPath: path)
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere + "/" + name)
            }
        }
    }

    @Test func compactionKeepsTheLiveEntriesReadable() throws {
        let project = try project()
        let root = project.path
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: root + "-cold")
        }
        let pages = root + "/.dossier-cache/pages"
        _ = try Dossier.build(path: root, options: pageCacheOptions(output: root + "/site"))
        // Every edit of a page every page links to re-renders them all: the pack soon is mostly dead.
        var generations: Set<String> = []
        for round in 1...6 {
            try project.write("docs/a.md", "# A \(round)\n\nThe page a.\n")
            _ = try Dossier.build(path: root, options: pageCacheOptions(output: root + "/site"))
            generations.formUnion(try FileManager.default.contentsOfDirectory(atPath: pages))
        }
        #expect(generations.contains { $0.hasPrefix("data-") && $0 != "data-0" })
        let names = try FileManager.default.contentsOfDirectory(atPath: pages).sorted()
        #expect(names.count == 3 && names.last == "index" && names.contains("files"))
        let cold = try site(root, BuildOptions(output: root + "-cold", useCache: false)).1
        let (report, warm) = try site(root, pageCacheOptions(output: root + "/site"))
        #expect(report.pagesRendered == 0)
        #expect(warm == cold)
    }

    @Test func aLockReleasedAMomentLaterIsWaitedFor() throws {
        let project = try project()
        defer { project.remove() }
        let folder = project.path + "/.dossier-cache"
        try #require(BuildCache(folder: folder) != nil)
        // What a child spawned (git, dot) just as a build ends does: it holds a copy of the lock's
        // descriptor until its `exec` closes it. Here the copy is let go during the first pause.
        let copy = open(folder + "/pages", O_RDONLY | O_DIRECTORY)
        // Blocking: another test's child forked while the cache above held the lock may hold a
        // copy of it for a moment too (until its `exec`), the very case this test is about.
        try #require(copy >= 0 && flock(copy, LOCK_EX) == 0)
        let next = open(folder + "/pages", O_RDONLY | O_DIRECTORY)
        defer { close(next) }
        var pauses = 0
        let acquired = BuildCache.lock(next) {
            pauses += 1
            close(copy)
        }
        #expect(acquired)
        #expect(pauses == 1)
        // A lock held on (another build) is given up after the tries, and the build runs cold.
        let other = open(folder + "/pages", O_RDONLY | O_DIRECTORY)
        defer { close(other) }
        pauses = 0
        #expect(!BuildCache.lock(other, tries: 3) { pauses += 1 })
        #expect(pauses == 2)
    }

    @Test func aSecondBuildOnTheSameCacheAtOnceRunsCold() throws {
        let project = try project()
        defer { project.remove() }
        let folder = project.path + "/.dossier-cache"
        var held: BuildCache? = .some(try #require(BuildCache(folder: folder)))
        // While one build holds the cache, another gets none (and builds cold).
        #expect(BuildCache(folder: folder) == nil)
        let key = try #require(held).key(["x"])
        #expect(held?.lookup(key) == nil)
        held?.store(key, text: "bytes")
        held?.prune()
        // Released here, though other tests spawn processes meanwhile (`BuildCache.lock` waits out
        // the copies of its descriptor a spawned child holds until `exec`).
        held = nil
        let reopened = try #require(BuildCache(folder: folder))
        #expect(reopened.lookup(reopened.key(["x"])) == Array("bytes".utf8))
    }
}
