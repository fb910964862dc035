@testable import DossierChecks
@testable import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// `base_url` and `repo_url` (SPEC 1.1, 3): absolute URLs only where they belong.
@Suite struct SiteOptionsTests {
    @Test func baseURLGivesSitemapCanonicalAndAnAbsolute404() throws {
        let project = try TemporaryProject([
            "README.md": "# Home\n",
            "docs/a.md": "# A\n",
            "dossier.yml": "base_url: https://org.github.io/repo\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let sitemap = try #require(project.read("site/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://org.github.io/repo/docs/a.html</loc>"))
        #expect(sitemap.contains("<loc>https://org.github.io/repo/index.html</loc>"))
        #expect(!sitemap.contains("404.html"))
        #expect(
            try #require(project.read("site/docs/a.html")).contains(
                "<link rel=\"canonical\" href=\"https://org.github.io/repo/docs/a.html\">"))
        // GitHub Pages serves 404.html at any depth, so it links absolutely.
        #expect(
            try #require(project.read("site/404.html")).contains(
                "href=\"https://org.github.io/repo/dossier/assets/dossier.css\""))
    }

    @Test func withoutBaseURLThereIsNoSitemap() throws {
        let project = try TemporaryProject(["README.md": "# Home\n"])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path, options: BuildOptions())
        #expect(!project.exists("site/sitemap.xml"))
        #expect(try DossierExecutable.run(["build", "--base-url", "https://x.example/docs", project.path]).status == 0)
        #expect(project.read("site/sitemap.xml")?.contains("https://x.example/docs/index.html") == true)
    }

    @Test func repoURLLinksSourcesAndCodeReferences() throws {
        let project = try TemporaryProject([
            "docs/p.md":
                "---\nkind: pseudocode\nimplements: [src/train.py#L1-L2]\n---\n# P\n\nSee [the trainer](../src/train.py).\n",
            "src/train.py": "def train():\n    pass\n",
            "dossier.yml": "repo_url: https://github.com/org/repo\n",
        ])
        defer { project.remove() }
        _ = try Dossier.build(path: project.path)
        let page = try #require(project.read("site/docs/p.html"))
        #expect(page.contains("href=\"https://github.com/org/repo/blob/main/src/train.py#L1-L2\""))
        #expect(page.contains("<a href=\"https://github.com/org/repo/blob/main/src/train.py\">the trainer</a>"))
        #expect(page.contains("href=\"https://github.com/org/repo/blob/main/docs/p.md\">View source</a>"))
        #expect(page.contains("href=\"https://github.com/org/repo/edit/main/docs/p.md\">Edit this page</a>"))
    }
}
