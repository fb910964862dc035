import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Navigation on built pages (issue 12): the sidebar nested by folder and bounded per page,
/// breadcrumbs on every document page, an on-page table of contents from three headings, and
/// `nav:` entries that name no document reported.
@Suite struct NavigationTests {
    /// The sidebar's HTML: what lies between `<nav id="sidebar"` and `<main`.
    func sidebar(_ page: String) -> String {
        guard let start = page.range(of: "<nav id=\"sidebar\""), let end = page.range(of: "<main") else { return "" }
        return String(page[start.lowerBound..<end.lowerBound])
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func aLargeFolderListsFortyEntriesAndLinksToItsListing() throws {
        var files = ["README.md": "# Site\n", "guides/index.md": "# Guides\n", "other.md": "# Other\n"]
        for i in 1...45 {
            files["notes/note-\(String(format: "%02d", i)).md"] = "# Note \(String(format: "%02d", i))\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        #expect(report.project.findings.map(\.formatted) == [])

        let first = sidebar(try #require(project.read("site/notes/note-01.html")))
        // The open folder shows 40 of its 45 notes and a link to the listing of all of them.
        #expect(count("href=\"../notes/note-", in: first) == 40)
        #expect(first.contains("<li class=\"more\"><a href=\"../dossier/sections/"))
        #expect(first.contains("5 more →"))
        #expect(first.contains("<li class=\"nav-folder open\"><a href=\"../dossier/sections/"))
        // The guides folder, holding only its README, is that page; a closed folder lists nothing.
        #expect(
            first.contains(
                "<a href=\"../guides/index.html\"><span class=\"dot state-fresh\" title=\"fresh\"></span>Guides</a>"))
        // The kind catalogs stay reachable.
        #expect(first.contains("Browse by kind"))
        #expect(first.contains("href=\"../dossier/catalog/pages.html\""))

        // A page past the fortieth is shown (and marked) in its own sidebar.
        let last = sidebar(try #require(project.read("site/notes/note-45.html")))
        #expect(count("href=\"../notes/note-", in: last) == 41)
        #expect(last.contains("<a href=\"../notes/note-45.html\" aria-current=\"page\">"))

        // A page outside the folder does not list the folder's notes at all.
        let other = sidebar(try #require(project.read("site/other.html")))
        #expect(count("notes/note-", in: other) == 0)
        #expect(other.contains("Notes <span class=\"count\">45</span>"))

        // The listing names every note; every link of the site resolves.
        let listingLink = try #require(first.range(of: "<li class=\"more\"><a href=\"../"))
        let href = first[listingLink.upperBound...].prefix { $0 != "\"" }
        let listing = try #require(project.read("site/" + href))
        #expect(count("href=\"../../notes/note-", in: listing) >= 45)
        let result = LinkChecker.check(site: project.url.appendingPathComponent("site"))
        #expect(result.problems.map(\.description) == [])
    }

    @Test func documentPagesHaveBreadcrumbsThroughTheirFolders() throws {
        let project = try TemporaryProject([
            "README.md": "# Site\n",
            "guides/index.md": "# User guides\n",
            "guides/deep-dive/tuning.md": "# Tuning the model\n",
            "faq.md": "# FAQ\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/guides/deep-dive/tuning.html"))
        let trail = try #require(page.range(of: "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>"))
        let crumbs = String(page[trail.upperBound...].prefix { $0 != "\n" })
        #expect(
            crumbs.hasPrefix(
                "<li><a href=\"../../index.html\">Home</a></li><li><a href=\"../../guides/index.html\">User guides</a></li>"
                    + "<li><a href=\"../../dossier/sections/2.html\">Deep dive</a></li>"
                    + "<li><span aria-current=\"page\">Tuning the model</span></li></ol></nav>"))
        // A folder's README ends the trail at its own folder, not twice.
        let readme = try #require(project.read("site/guides/index.html"))
        #expect(
            readme.contains(
                "<ol><li><a href=\"../index.html\">Home</a></li><li><span aria-current=\"page\">User guides</span></li></ol>"
            ))
        let result = LinkChecker.check(site: project.url.appendingPathComponent("site"))
        #expect(result.problems.map(\.description) == [])
    }

    @Test func threeHeadingsMakeATableOfContents() throws {
        let project = try TemporaryProject([
            "long.md": "# Long\n\n## Data\n\ntext\n\n### The `raw` table & more\n\ntext\n\n## Training\n\ntext\n",
            "short.md": "# Short\n\n## One\n\n## Two\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let long = try #require(project.read("site/long.html"))
        #expect(long.contains("<article class=\"document kind-page has-toc\">"))
        let entries =
            "<ol><li class=\"toc-h2\"><a href=\"#data\">Data</a></li>"
            + "<li class=\"toc-h3\"><a href=\"#the-raw-table--more\">The raw table &amp; more</a></li>"
            + "<li class=\"toc-h2\"><a href=\"#training\">Training</a></li></ol>"
        // Collapsed at the top for phones, a column beside the text for wide screens (CSS picks one).
        #expect(
            long.contains("<details class=\"toc toc-top\"><summary>On this page</summary>" + entries + "</details>"))
        #expect(long.contains("<nav class=\"toc toc-side\" aria-label=\"On this page\">"))
        #expect(count(entries, in: long) == 2)
        let short = try #require(project.read("site/short.html"))
        #expect(!short.contains("class=\"toc"))
        let result = LinkChecker.check(site: project.url.appendingPathComponent("site"))
        #expect(result.problems.map(\.description) == [])
    }

    /// Hostile `nav:` and folders: sections nested 300 deep, a 1,000-character title (YAML's limit for a key), a path out of the
    /// project and a hidden file; the build finishes, nothing outside or hidden is listed.
    @Test func hostileNavAndDeepFoldersBuild() throws {
        var nav = "- a.md\n"
        var indent = ""
        for level in 0..<300 {
            nav += indent + "- S\(level):\n"
            indent += "  "
        }
        nav += indent + "- a.md\n"
        let deepFolder = (0..<60).map { "d\($0)" }.joined(separator: "/")
        let project = try TemporaryProject([
            "dossier.yml": "nav:\n" + nav + "- " + String(repeating: "T", count: 1_000) + ": a.md\n"
                + "- ../../etc/passwd\n- .hidden.md\n",
            "a.md": "# A\n", ".hidden.md": "# Hidden\n", deepFolder + "/deep.md": "# Deep\n",
        ])
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        #expect(report.filesWritten > 0)
        let page = try #require(project.read("site/a.html"))
        #expect(!page.contains("passwd") && !page.contains("Hidden"))
        #expect(project.exists("site/" + deepFolder + "/deep.html"))
    }

    @Test func orderPlacesAPageWithoutShowingAsAFact() throws {
        let project = try TemporaryProject([
            "README.md": "# Site\n",
            "b.md": "---\nkind: model\norder: 1\nowner: ml-team\n---\n# Beta\n",
            "a.md": "---\nweight: 2\n---\n# Alpha\n",
            "c.md": "# Gamma\n",
        ])
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        #expect(report.project.findings.filter { $0.severity == .error }.map(\.formatted) == [])
        let page = try #require(project.read("site/c.html"))
        let side = sidebar(page)
        let beta = try #require(side.range(of: ">Beta</a>")), alpha = try #require(side.range(of: ">Alpha</a>"))
        let gamma = try #require(side.range(of: ">Gamma</a>"))
        #expect(beta.lowerBound < alpha.lowerBound && alpha.lowerBound < gamma.lowerBound)
        let model = try #require(project.read("site/b.html"))
        #expect(model.contains("<dt>Owner</dt>"))
        #expect(!model.contains("<dt>Order</dt>"))
    }

    @Test func aNavEntryNamingNoDocumentIsAFindingAtItsLine() throws {
        let project = try TemporaryProject([
            "dossier.yml": "title: T\nnav:\n  - README.md\n  - Guides:\n      - guides/instal.md\n",
            "README.md": "# T\n",
            "guides/install.md": "# Install\n",
        ])
        defer { project.remove() }
        let findings = try project.load().findings.with(rule: "config.nav-missing")
        #expect(findings.count == 1)
        #expect(findings.first?.location.path == "dossier.yml")
        #expect(findings.first?.location.line == 5)
        #expect(findings.first?.message.contains("did you mean `guides/install.md`?") == true)
    }

    @Test func navSectionsAreSidebarFolders() throws {
        let project = try TemporaryProject([
            "dossier.yml": "nav:\n  - Overview: b.md\n  - Guides:\n      - a.md\n",
            "README.md": "# T\n",
            "a.md": "# Alpha\n",
            "b.md": "# Beta\n",
            "c.md": "# Gamma\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/a.html"))
        let side = sidebar(page)
        let overview = try #require(side.range(of: ">Overview<"))
        let guides = try #require(side.range(of: ">Guides <span"))
        let alpha = try #require(side.range(of: "Alpha</a>"))
        let gamma = try #require(side.range(of: ">Gamma</a>"))
        #expect(overview.lowerBound < guides.lowerBound && guides.lowerBound < alpha.lowerBound)
        #expect(alpha.lowerBound < gamma.lowerBound)
        #expect(page.contains("<li><a href=\"dossier/sections/1.html\">Guides</a></li>"))
        let result = LinkChecker.check(site: project.url.appendingPathComponent("site"))
        #expect(result.problems.map(\.description) == [])
    }
}
