@testable import DossierModel
import DossierTestSupport
import Testing

/// The navigation tree (issue 12): documents nested by folder or by `nav:`, ordered by `order`
/// (then pages before folders, then title), a folder's README standing for the folder.
@Suite struct NavTreeTests {
    /// Documents from `path → text`, in path order, with their page paths and the home page.
    func tree(_ files: [(String, String)], nav: [NavEntry] = []) -> (NavTree, [Document]) {
        let documents = files.map { DocumentLoader.load(path: $0.0, text: $0.1).0! }
        let layout = SiteLayout(documents: documents)
        return (
            NavTree(documents: documents, pages: layout.pages, homeDocument: layout.homeDocument, nav: nav), documents
        )
    }

    /// A section's entries as titles, folders marked with a slash.
    func titles(_ tree: NavTree, _ section: Int = 0) -> [String] {
        tree.sections[section].entries.map { $0.section != nil ? $0.title + "/" : $0.title }
    }

    func section(_ tree: NavTree, _ label: String) throws -> Int {
        try #require(tree.sections.indices.first { tree.sections[$0].label == label })
    }

    @Test func documentsNestByFolderWithTheReadmeStandingForItsFolder() throws {
        let (tree, documents) = tree([
            ("README.md", "# Home\n"),
            ("zeta.md", "# Zeta\n"),
            ("guides/README.md", "# User guides\n"),
            ("guides/install.md", "# Install\n"),
            ("guides/deep-dive/tuning.md", "# Tuning\n"),
            ("data/raw.md", "# Raw data\n"),
        ])
        // The home page is not in the tree; pages before folders; the README names its folder.
        #expect(titles(tree) == ["Zeta", "Data/", "User guides/"])
        let guides = try section(tree, "User guides")
        #expect(tree.sections[guides].indexDocument == documents.firstIndex { $0.path == "guides/README.md" })
        #expect(tree.sections[guides].folder == "guides")
        // A folder without a README takes its name, humanized.
        #expect(titles(tree, guides) == ["Install", "Deep dive/"])
        #expect(tree.sections[guides].documentCount == 3)
        #expect(tree.sectionOf[0] == nil)
        let tuning = try #require(documents.firstIndex { $0.path == "guides/deep-dive/tuning.md" })
        let deep = try #require(tree.sectionOf[tuning])
        #expect(tree.chain(to: deep) == [guides, deep])
        #expect(tree.isIndex(documents.firstIndex { $0.path == "guides/README.md" }!))
        // A folder links to its README's page, else to its listing.
        #expect(tree.link(of: guides, pages: SiteLayout(documents: documents).pages) == "guides/index.html")
        #expect(tree.link(of: deep, pages: SiteLayout(documents: documents).pages) == NavTree.listingPage(deep))
    }

    @Test func orderComesFirstThenPagesBeforeFoldersThenTitle() throws {
        let (tree, _) = tree([
            ("alpha.md", "# Alpha\n"),
            ("beta.md", "---\norder: 2\n---\n# Beta\n"),
            ("gamma.md", "---\norder: 1\n---\n# Gamma\n"),
            ("hugo.md", "---\nweight: 3\n---\n# Hugo weighted\n"),
            ("zoo/README.md", "---\norder: 0\n---\n# Zoo\n"),
            ("zoo/x.md", "# X\n"),
            ("aardvark/y.md", "# Y\n"),
        ])
        #expect(titles(tree) == ["Zoo/", "Gamma", "Beta", "Hugo weighted", "Alpha", "Aardvark/"])
    }

    @Test func everyDocumentBelowOneFolderMakesThatFolderTheTopLevel() {
        let (tree, _) = tree([
            ("docs/intro.md", "# Intro\n"),
            ("docs/api/call.md", "# Call\n"),
        ])
        #expect(titles(tree) == ["Intro", "Api/"])
        #expect(tree.sections[1].folder == "docs/api")
    }

    @Test func navSectionsComeFirstInTheirOrderWithTheirTitles() throws {
        let project = try TemporaryProject([
            "dossier.yml": """
            nav:
              - b.md
              - Start here: a.md
              - Guides:
                  - guides/two.md
                  - https://example.org/
                  - guides/one.md
              - Empty:
                  - missing.md
            """
        ])
        defer { project.remove() }
        let (config, findings) = ProjectConfig.load(projectRoot: project.url)
        #expect(findings.isEmpty)
        let entries = config.navTree
        #expect(config.nav == ["b.md", "a.md", "guides/two.md", "guides/one.md", "missing.md"])
        #expect(
            entries == [
                .page(path: "b.md", title: nil, line: 2),
                .page(path: "a.md", title: "Start here", line: 3),
                .section(
                    title: "Guides",
                    entries: [
                        .page(path: "guides/two.md", title: nil, line: 5),
                        .page(path: "guides/one.md", title: nil, line: 7),
                    ], line: 4),
                .section(title: "Empty", entries: [.page(path: "missing.md", title: nil, line: 9)], line: 8),
            ])
        let (tree, _) = tree(
            [
                ("a.md", "# A\n"), ("b.md", "# B\n"), ("c.md", "# C\n"),
                ("guides/one.md", "# One\n"), ("guides/two.md", "# Two\n"), ("guides/three.md", "# Three\n"),
            ], nav: entries)
        // nav: first, as written (the empty section dropped); the rest by folder, sorted.
        #expect(titles(tree) == ["B", "Start here", "Guides/", "C", "Guides/"])
        let navGuides = try #require(tree.sections[0].entries[2].section)
        #expect(titles(tree, navGuides) == ["Two", "One"])
        #expect(tree.sections[navGuides].folder == nil)
        let folderGuides = try #require(tree.sections[0].entries[4].section)
        #expect(titles(tree, folderGuides) == ["Three"])
    }

    @Test func folderNamesAreHumanized() {
        #expect(NavTree.humanize("feature-store") == "Feature store")
        #expect(NavTree.humanize("data_v2") == "Data v2")
        #expect(NavTree.humanize("API") == "API")
    }

    @Test func orderIsAWholeNumberFrontMatterKey() {
        // Kinds check their keys: a word is a type error, a whole number is known and fine.
        let document = DocumentLoader.load(path: "a.md", text: "---\nkind: model\norder: first\n---\n# A\n")
        #expect(document.1.map(\.rule) == ["front-matter.type"])
        let fine = DocumentLoader.load(path: "a.md", text: "---\nkind: model\norder: 3\n---\n# A\n")
        #expect(fine.1.isEmpty)
        #expect(NavTree.order(of: fine.0!) == 3)
    }
}
