import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// A way in from MkDocs (issue 14, item 5): an MkDocs Material project, with no dossier.yml,
/// builds with its title, navigation order, admonitions and content tabs; Hugo's TOML front
/// matter reads as YAML's does.
@Suite struct MkDocsProjectTests {
    static let files = [
        "mkdocs.yml": """
        site_name: Churn model handbook
        docs_dir: handbook
        repo_url: https://github.com/acme/churn/
        edit_uri: edit/trunk/handbook/
        theme:
          name: material
          features: [content.tabs.link]
        markdown_extensions:
          - admonition
          - pymdownx.details
          - pymdownx.tabbed:
              alternate_style: true
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        nav:
          - Home: index.md
          - Zebra first: zebra.md
          - Guides:
              - Install: guides/install.md
              - alpha.md
          - External: https://example.org/
        """,
        "handbook/index.md": "# Churn model\n\nWelcome.\n",
        "handbook/alpha.md":
            "# Alpha\n\n!!! warning \"Mind the gap\"\n    The **training** data ends in 2023.\n\nAfter.\n",
        "handbook/zebra.md": "# Zebra\n\n??? note \"Details\"\n    Folded away.\n",
        "handbook/guides/install.md": """
        # Install

        === "pip"

            ```sh
            pip install churn
            ```

        === "uv"

            Run `uv add churn`.

        Done.
        """,
        "handbook/features.md": "+++\nkind = \"schema\"\ntitle = \"Churn features\"\ntags = [\"tabular\"]\n+++\n\n"
            + "| Column | Type | Description |\n|---|---|---|\n| tenure | integer | months as a customer |\n",
        "notes/scratch.md": "# Not in docs_dir\n",
    ]

    @Test func anMkDocsProjectBuildsAsItsAuthorsMeantIt() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        #expect(report.project.findings.map(\.formatted) == [])
        // docs_dir decides the documents.
        #expect(!project.exists("site/notes/scratch.html"))
        let page = try #require(project.read("site/handbook/alpha.html"))
        #expect(page.contains("Churn model handbook"))
        // Navigation in nav: order (Zebra before Install before Alpha), not by path, with nav:'s titles.
        let zebra = try #require(page.range(of: ">Zebra first<")), install = try #require(page.range(of: ">Install<"))
        let alpha = try #require(page.range(of: ">Alpha<"))
        #expect(zebra.lowerBound < install.lowerBound && install.lowerBound < alpha.lowerBound)
        // Admonitions and tabs rendered.
        #expect(
            page.contains(
                "<div class=\"admonition warning\" role=\"note\"><p class=\"admonition-title\">Mind the gap</p>"))
        #expect(page.contains("The <strong>training</strong> data ends in 2023."))
        let zebraPage = try #require(project.read("site/handbook/zebra.html"))
        #expect(zebraPage.contains("<details class=\"admonition note\"><summary>Details</summary>"))
        let installPage = try #require(project.read("site/handbook/guides/install.html"))
        #expect(
            installPage.contains("<label for=\"tabset-1-1\">pip</label>")
                && installPage.contains("<label for=\"tabset-1-2\">uv</label>"))
        // repo_url and edit_uri's branch.
        #expect(page.contains("https://github.com/acme/churn/edit/trunk/handbook/alpha.md"), "\(page)")
        // TOML front matter: a schema with its table.
        let features = try #require(report.project.documents.first { $0.path == "handbook/features.md" })
        #expect(features.kind?.rawValue == "schema" && features.title == "Churn features")
    }

    @Test func tomlFrontMatterErrorsAreFindings() throws {
        let project = try TemporaryProject([
            "mkdocs.yml": "site_name: X\n", "docs/bad.md": "+++\nkind = \n+++\n# Bad\n",
        ])
        defer { project.remove() }
        let loaded = try Dossier.check(path: project.path)
        #expect(loaded.findings.contains { $0.rule == "front-matter.yaml" && $0.location.path == "docs/bad.md" })
    }
}

extension MkDocsProjectTests {
    /// `verify` on a page with TOML front matter records in a comment and leaves the TOML alone.
    @Test func verifyKeepsTOMLFrontMatter() throws {
        let repository = try GitFixture()
        defer { repository.remove() }
        repository.write("src/a.py", "x = 1\n")
        let page = "+++\ntitle = \"T\"\ncode = [\"src/a.py\"]\n+++\n# T\n"
        repository.write("docs/t.md", page)
        _ = repository.commit("start", day: 1)
        let result = try DossierExecutable.run(["verify", "docs/t.md"], in: URL(fileURLWithPath: repository.root))
        #expect(result.status == 0, "\(result.stderr)")
        let text = repository.read("docs/t.md")
        #expect(text.hasPrefix(page) && text.contains("<!-- dossier-verified\nsrc/a.py: "), "\(text)")
        let check = try Dossier.check(path: repository.root)
        #expect(check.findings.isEmpty, "\(check.findings.map(\.formatted))")
    }
}
