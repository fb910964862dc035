@testable import DossierChecks
@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Sites too large for one catalog page or one sitemap (issue 15), built small: the limits are
/// injected (`SiteLimits`) so a project of a few pages splits the way 100,000 documents would.
@Suite struct LargeSiteTests {
    /// A project of `count` plain pages and `schemas` schemas, with a `base_url`.
    func project(
        pages count: Int, schemas: Int = 0, baseURL: String = "https://docs.example.org/"
    ) throws
        -> TemporaryProject
    {
        var files = ["README.md": "# Home\n", "dossier.yml": "base_url: \(baseURL)\n"]
        for i in 1...count { files["docs/p\(i).md"] = "# Page \(i)\n\nText.\n" }
        for i in 0..<schemas {
            files["docs/s\(i).md"] =
                "---\nkind: schema\nid: s\(i)\n---\n# Schema \(i)\n\n| Field | Type | Description |\n|---|---|---|\n"
                + "| x | integer | An x. |\n"
        }
        return try TemporaryProject(files)
    }

    /// Builds `project` with `limits` into a fresh folder; returns the folder and the file paths.
    func build(_ project: TemporaryProject, limits: SiteLimits) throws -> (URL, [String: String]) {
        let loaded = try project.load()
        let theme = try Theme.load(name: loaded.config.theme, projectRoot: loaded.root)
        let files = SiteBuilder.build(project: loaded, theme: theme, limits: limits)
        let output = project.url.appendingPathComponent("out")
        try OutputWriter.writeAll(files, into: output.path)
        var texts: [String: String] = [:]
        for file in files { if case let .text(text) = file.contents { texts[file.path] = text } }
        return (output, texts)
    }

    @Test func theRealLimitsAreTheProtocolsAndAPageOfRows() {
        #expect(Sitemap.maxURLsPerFile == 50_000)
        #expect(Sitemap.maxBytesPerFile == 50 * 1024 * 1024)
        #expect(CatalogPage.rowsPerPage == 500)
        #expect(SiteLimits().catalogRowsPerPage == CatalogPage.rowsPerPage)
        #expect(SiteLimits().sitemapURLsPerFile == Sitemap.maxURLsPerFile)
    }

    @Test func aLargeCatalogIsSplitIntoLinkedPagesThatListEveryDocumentOnce() throws {
        let project = try project(pages: 7, schemas: 2)
        defer { project.remove() }
        let (output, files) = try build(project, limits: SiteLimits(catalogRowsPerPage: 3))
        // 7 pages of 3 rows: 3 pages; the first keeps the catalog's URL.
        #expect(files["dossier/catalog/pages.html"] != nil)
        #expect(files["dossier/catalog/pages-2.html"] != nil)
        #expect(files["dossier/catalog/pages-3.html"] != nil)
        #expect(files["dossier/catalog/pages-4.html"] == nil)
        // A catalog within the limit is one page without a pager.
        let schemas = try #require(files["dossier/catalog/schema.html"])
        #expect(!schemas.contains("class=\"pager\""))
        #expect(files["dossier/catalog/schema-2.html"] == nil)

        let first = try #require(files["dossier/catalog/pages.html"])
        let second = try #require(files["dossier/catalog/pages-2.html"])
        let last = try #require(files["dossier/catalog/pages-3.html"])
        let folder = "../../dossier/catalog/"
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<a rel=\"next\" href=\"\(folder)pages-2.html\">"))
        #expect(second.contains("<a rel=\"prev\" href=\"\(folder)pages.html\">"))
        #expect(second.contains("<a rel=\"next\" href=\"\(folder)pages-3.html\">"))
        #expect(second.contains("<a href=\"\(folder)pages-2.html\" aria-current=\"page\">2</a>"))
        #expect(second.contains("<a href=\"\(folder)pages-3.html\">3</a>"))
        #expect(second.contains("Documents 4–6 of 7, page 2 of 3."))
        #expect(second.contains("<title>Pages, page 2 of 3"))
        #expect(last.contains("<a rel=\"prev\" href=\"\(folder)pages-2.html\">"))
        #expect(!last.contains("rel=\"next\""))
        // Every page of the project is in exactly one catalog page, in title order.
        var listed: [String] = []
        for html in [first, second, last] {
            // The table's rows only (the sidebar lists the pages too).
            let table = try #require(
                html.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
            listed += LinkChecker.attributes("href", in: table).filter { $0.hasPrefix("../../docs/p") }
        }
        #expect(listed.count == 7)
        #expect(Set(listed).count == 7)
        #expect(listed == (1...7).map { "../../docs/p\($0).html" }.sorted())
        // Every link of every page resolves, the pagers' included.
        let result = LinkChecker.check(site: output)
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func pageNumbersAreAWindowAroundTheCurrentPage() {
        #expect(CatalogPager.numbers(page: 1, pageCount: 1) == [1])
        #expect(CatalogPager.numbers(page: 1, pageCount: 3) == [1, 2, 3])
        #expect(CatalogPager.numbers(page: 10, pageCount: 200) == [1, 8, 9, 10, 11, 12, 200])
        #expect(CatalogPager.numbers(page: 200, pageCount: 200) == [1, 198, 199, 200])
        // However many pages, a pager lists at most 2 × window + 3 numbers and 2 gaps.
        let pager = CatalogPager(page: 100, pageCount: 1000, firstRow: 1, lastRow: 1, total: 1) { "p\($0)" }
        #expect(pager.links.count == 2 * CatalogPager.window + 3 + 2)
        #expect(pager.links.filter(\.gap).count == 2)
        #expect(pager.previous == "p99")
        #expect(pager.next == "p101")
    }

    @Test func aLargeSitemapBecomesAnIndexOfParts() throws {
        let project = try project(pages: 7)
        defer { project.remove() }
        let (output, files) = try build(project, limits: SiteLimits(sitemapURLsPerFile: 4))
        let index = try #require(files["sitemap.xml"])
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(!index.contains("<urlset"))
        // Pages: 7 + home + catalogs, health, experiments, repository… all but 404.html.
        let pages = LinkChecker.allFiles(output).filter { $0.hasSuffix(".html") && $0 != "404.html" }
        let parts = (pages.count + 3) / 4
        #expect(parts >= 4)
        var listed: [String] = []
        for number in 1...parts {
            let name = Sitemap.partPath(number)
            #expect(index.contains("<sitemap><loc>https://docs.example.org/\(name)</loc></sitemap>"))
            let part = try #require(files[name], "\(name)")
            #expect(part.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            let locs = part.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "<")[0] }
            #expect(locs.count <= 4 && !locs.isEmpty)
            listed += locs
        }
        #expect(files[Sitemap.partPath(parts + 1)] == nil)
        #expect(listed == pages.sorted().map { "https://docs.example.org/" + $0 })
        // robots.txt, at the host's root, names the index.
        #expect(files["robots.txt"] == "User-agent: *\nDisallow:\n\nSitemap: https://docs.example.org/sitemap.xml\n")
    }

    @Test func aSmallSiteKeepsOneSitemapAndASiteUnderAPathHasNoRobots() throws {
        let project = try project(pages: 3, baseURL: "https://org.github.io/repo/")
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let sitemap = try #require(project.read("site/sitemap.xml"))
        #expect(sitemap.contains("<urlset"))
        #expect(sitemap.contains("<loc>https://org.github.io/repo/docs/p1.html</loc>"))
        #expect(!project.exists("site/sitemap-1.xml"))
        // Crawlers read robots.txt only at the host's root, which this site is not.
        #expect(!project.exists("site/robots.txt"))
    }

    @Test func sitemapPartsAlsoSplitAtTheByteLimit() {
        let pages = (1...10).map { "docs/p\($0).html" }
        let files = Sitemap.files(baseURL: "https://x.example/", pages: pages, maxURLs: 100, maxBytes: 300)
        let parts = files.filter { $0.path != Sitemap.path }
        #expect(parts.count > 1)
        for part in parts {
            guard case let .text(text) = part.contents else { continue }
            #expect(text.utf8.count <= 300)
        }
        // Within both limits, one file, as before.
        let one = Sitemap.files(baseURL: "https://x.example/", pages: pages)
        #expect(one.map(\.path) == [Sitemap.path])
    }

    @Test func theHomePageShowsADozenModelChecklistsAndCountsTheRest() throws {
        var files = ["README.md": "# Home\n"]
        for i in 0..<(HomePage.maxChecklists + 2) {
            files["docs/m\(i).md"] = "---\nkind: model\nid: m\(i)\n---\n# Model \(i)\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let home = try #require(project.read("site/index.html"))
        #expect(home.components(separatedBy: "<ul class=\"checklist\">").count - 1 == HomePage.maxChecklists)
        #expect(home.contains("2 more models; 0 of all \(HomePage.maxChecklists + 2) are ready."))
        #expect(home.contains("<a href=\"dossier/catalog/model.html\">Models catalog</a>"))
        // Each model's own page keeps its checklist, the last ones' included.
        let last = try #require(project.read("site/docs/m\(HomePage.maxChecklists + 1).html"))
        #expect(last.contains("<ul class=\"checklist\">"))
    }
}
