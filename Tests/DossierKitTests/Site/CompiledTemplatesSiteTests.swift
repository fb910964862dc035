@testable import DossierChecks
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Every page of a site renders to the same bytes with the compiled templates as with
/// swift-mustache alone: the example project, and a project of awkward pages (findings, empty
/// lists, absent optional parts, HTML-special and non-ASCII text, a catalog split into pages).
@Suite struct CompiledTemplatesSiteTests {
    /// The site built twice, with the theme as loaded and with every template through swift-mustache.
    func compare(_ project: LoadedProject, limits: SiteLimits = SiteLimits()) throws -> Int {
        let theme = try Theme.load(name: project.config.theme, projectRoot: project.root)
        for name in Theme.requiredTemplates where name != "layout" {
            #expect(theme.compiled.isCompiled(name), "\(name): \(theme.compiled.leftOut)")
        }
        let mustacheOnly = theme.renderingThroughMustacheOnly()
        let compiled = SiteBuilder.build(project: project, theme: theme, limits: limits)
        let reference = SiteBuilder.build(project: project, theme: mustacheOnly, limits: limits)
        #expect(compiled.map(\.path) == reference.map(\.path))
        var pages = 0
        for (ours, theirs) in zip(compiled, reference) where ours.path.hasSuffix(".html") {
            pages += 1
            let same = Self.bytes(ours.contents) == Self.bytes(theirs.contents)
            #expect(same && Self.bytes(ours.contents) != nil, "\(ours.path)")
        }
        return pages
    }

    static func bytes(_ contents: SiteFile.Contents) -> [UInt8]? {
        switch contents {
        case let .text(text): Array(text.utf8)
        case let .bytes(bytes): bytes
        default: nil
        }
    }

    @Test func exampleProjectPagesAreByteIdentical() throws {
        let project = try ProjectLoader.load(root: Repository.exampleProject.path)
        let pages = try compare(project)
        #expect(pages >= 30, "\(pages)")
    }

    @Test func awkwardPagesAreByteIdentical() throws {
        let awkward = "A & <b> \"q\" 'x' café e\u{301}<é 👩‍💻 \u{2028}"
        let project = try TemporaryProject([
            "README.md": "# Home & <friends>\n\nSee [a](docs/a.md) and [gone](docs/gone.md).\n",
            "dossier.yml": "title: \"Site <&> é\"\nrepo_url: https://example.org/r?a=1&b=2\n",
            "docs/a.md": """
            ---
            kind: schema
            id: a
            summary: "Sum & <mary> é"
            status: draft
            code: [src/missing.py]
            ---
            # \(awkward)

            | Field | Type | Description |
            |---|---|---|
            | x | integer | An <x> & ü. |

            A link to [nowhere](nowhere.md#frag).
            """,
            "docs/b.md": "---\nkind: data-source\nid: b\n---\n# B only\n",
            "docs/c.md": "---\nkind: model\nid: c\ntitle: \"C ' \\\" é\"\nsources: [a, b]\n---\n# C\n\n"
                + "## One <&>\n\n## Two\n\n### Three é\n\n## Four\n",
            "docs/empty.md": "",
            "docs/deep/er/d.md": "---\nkind: experiment\nid: d\ntitle: \"<script>alert(1)</script>\"\n---\n# D\n",
            "docs/deep/e.md": "# E é & f\n\n[back](../a.md)\n",
        ])
        defer { project.remove() }
        let loaded = try project.load()
        #expect(!loaded.findings.isEmpty)
        #expect(try compare(loaded, limits: SiteLimits(catalogRowsPerPage: 1)) > 10)
    }
}
