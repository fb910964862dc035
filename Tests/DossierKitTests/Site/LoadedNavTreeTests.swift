@testable import DossierChecks
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The sidebar's tree is made while the project loads (beside the checks) and carried on
/// `LoadedProject.navTree` (issue 15): it must be the tree of the documents the project holds,
/// in every way a project is made, or the sidebar shows stale titles.
@Suite struct LoadedNavTreeTests {
    static let files = [
        "README.md": "# Site\n",
        "dossier.yml": "nav:\n  - Start: b.md\n  - Guides:\n      - guides/two.md\n",
        "a.md": "---\norder: 2\n---\n# Alpha\n",
        "b.md": "# Beta\n",
        "c.md": "---\nweight: 1\n---\n# Gamma\n",
        "guides/two.md": "# Two\n",
        "guides/index.md": "# All guides\n",
        "notes/n1.md": "# Note one\n",
        "notes/n2.md": "---\norder: 1\n---\n# Note two\n",
    ]

    /// The tree as text: every section's entries, labels, links and counts, and each document's section.
    static func describe(_ tree: NavTree) -> String {
        String(reflecting: tree.sections.map { ($0.label, $0.indexDocument, $0.parent, $0.entries, $0.documentCount) })
            + String(reflecting: tree.sectionOf)
    }

    /// The tree made afresh from `project`'s documents, layout and configuration.
    static func expected(_ project: LoadedProject) -> String {
        describe(
            NavTree(
                documents: project.documents, pages: project.layout.pages, homeDocument: project.layout.homeDocument,
                nav: project.config.navTree))
    }

    @Test func theLoadedTreeIsTheTreeOfTheLoadedDocuments() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.documents.count == 8)
        #expect(Self.describe(loaded.navTree) == Self.expected(loaded))
        #expect(loaded.navTree.sections[0].entries.map(\.title).prefix(2) == ["Start", "Guides"])
        // The sidebar is drawn from it.
        let theme = try Theme.load(folder: nil, projectRoot: project.url)
        let navigation = Navigation(project: loaded, layout: loaded.layout, theme: theme)
        #expect(Self.describe(navigation.tree) == Self.expected(loaded))
        // Dropping the search text keeps it, and the documents the index's.
        var dropped = loaded
        dropped.dropSearchText()
        #expect(Self.describe(dropped.navTree) == Self.expected(dropped))
        #expect(dropped.documents.map(\.path) == dropped.index.documents.map(\.path))
        // A project known by its receipt has no documents, and an empty tree.
        let settings = try ProjectLoader.configure(root: project.path, options: .init())
        let receipt = LoadedProject(settings: settings, findings: [])
        #expect(Self.describe(receipt.navTree) == Self.expected(receipt))
    }

    /// `serve` loads again on every rebuild: after a title or order edit the tree is the new
    /// documents', and another page's sidebar shows the new title.
    @Test func serveRebuildsTheTreeAfterATitleEdit() throws {
        let project = try TemporaryProject(Self.files)
        let output = project.path + "-site"
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: output)
        }
        let site = IncrementalSite(root: project.path, options: BuildOptions(output: output))
        let first = try site.build()
        #expect(Self.describe(first.project.navTree) == Self.expected(first.project))
        try project.write("notes/n1.md", "---\norder: 0\n---\n# Renamed note\n")
        let second = try site.build(changed: ["notes/n1.md"])
        #expect(Self.describe(second.project.navTree) == Self.expected(second.project))
        #expect(Self.describe(second.project.navTree) != Self.describe(first.project.navTree))
        let other = try String(contentsOfFile: output + "/notes/n2.html", encoding: .utf8)
        #expect(other.contains("Renamed note"))
    }

    /// The page depth counted by bytes is `split(separator: "/").count`.
    @Test func componentsCountedByBytesAreTheSplitCount() {
        let paths = [
            "", "/", "a", "a.html", "a/b.html", "/a/", "a//b", "d/\u{E9}/x y.html", "//a///b/c//", "\u{4F01}/\u{9E45}",
        ]
        for path in paths {
            #expect(Navigation.componentCount(path) == path.split(separator: "/").count, "\(path)")
        }
    }
}
