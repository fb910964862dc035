@testable import DossierChecks
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A page's lineage shows the documents its lineage relations join it to, and no other: a
/// document it only mentions in its text or lists as `related` would be a node with no edge.
@Suite struct LineageViewTests {
    static let files = [
        "docs/raw.md": "---\nkind: data-source\nid: raw\ntitle: Raw penguins\n---\n# Raw\n",
        "docs/penguins.md": "---\nkind: schema\nid: penguins\ntitle: Penguins\nsource: raw\n---\n# Penguins\n",
        "docs/exp.md": "---\nkind: experiment\nid: exp\ntitle: Model selection\n---\n# Exp\n",
        "docs/env.md": "---\nkind: environment\nid: env\ntitle: Training environment\n---\n# Env\n",
        "docs/clf.md": """
        ---
        kind: model
        id: clf
        title: Classifier
        sources: [raw]
        related: [env]
        ---
        # Classifier

        Chosen in [[exp]].
        """,
        "docs/lonely.md": "---\nkind: labeling\nid: lonely\ntitle: Lonely\nrelated: [clf]\n---\nSee [[penguins]].\n",
    ]

    func site(_ project: LoadedProject) throws -> SiteContext {
        SiteContext(
            project: project, layout: project.layout, copiedFiles: [],
            theme: try Theme.load(name: "default", projectRoot: project.root))
    }

    @Test func perPageGraphsHaveNoUnconnectedNodes() throws {
        let project = try TemporaryProject(Self.files)
        defer { project.remove() }
        let loaded = try project.load()
        for (index, document) in loaded.documents.enumerated() {
            let graph = LineageView.neighbourhoodGraph(of: index, project: loaded) { "\($0).html" }
            let linked = Set(graph.edges.flatMap { [$0.from, $0.to] })
            for node in graph.nodes where node.id != document.id {
                #expect(linked.contains(node.id), "\(node.id) has no edge on the page of \(document.id)")
            }
        }
        let clf = try #require(loaded.index.byID["clf"])
        #expect(
            LineageView.neighbourhoodGraph(of: clf, project: loaded) { "\($0).html" }.nodes.map(\.id) == ["clf", "raw"])

        // A page whose only relations are a mention and `related` draws no graph at all.
        let site = try site(loaded)
        let lonely = try #require(loaded.index.byID["lonely"])
        let linker = PageLinker(site: site, page: loaded.layout.pages[lonely], sourcePath: "docs/lonely.md")
        #expect(LineageView.neighbourhood(of: lonely, site: site, linker: linker) == nil)

        // The model's page lists and draws its data source, and neither the experiment it mentions
        // nor the environment it calls related.
        let page = PageLinker(site: site, page: loaded.layout.pages[clf], sourcePath: "docs/clf.md")
        let html = try #require(LineageView.neighbourhood(of: clf, site: site, linker: page))
        #expect(html.contains(">Raw penguins</a>"))
        #expect(!html.contains("Model selection") && !html.contains("Training environment"))
    }

    /// A kind with more documents than a page draws folds into "+N more", linked to its catalog
    /// (the links are made only for such a page); a page drawing every document links no catalog.
    @Test func aCrowdedKindLinksItsCatalog() throws {
        var files = ["docs/raw.md": "---\nkind: data-source\nid: raw\ntitle: Raw\n---\n# Raw\n"]
        for n in 1...14 {
            files["docs/s\(n).md"] = "---\nkind: schema\nid: s\(n)\ntitle: Schema \(n)\nsource: raw\n---\n# S\n"
        }
        let project = try TemporaryProject(files)
        defer { project.remove() }
        let loaded = try project.load()
        let site = try site(loaded)
        let raw = try #require(loaded.index.byID["raw"])
        let page = PageLinker(site: site, page: loaded.layout.pages[raw], sourcePath: "docs/raw.md")
        let catalog = try #require(LineageView.collapsedHrefs(linker: page)["schema"])
        let html = try #require(LineageView.neighbourhood(of: raw, site: site, linker: page))
        #expect(html.contains("3 more schemas"))
        #expect(html.contains("href=\"\(catalog)\""))

        let one = try #require(loaded.index.byID["s1"])
        let schemaPage = PageLinker(site: site, page: loaded.layout.pages[one], sourcePath: "docs/s1.md")
        let few = try #require(LineageView.neighbourhood(of: one, site: site, linker: schemaPage))
        #expect(!few.contains("more schemas"))
        #expect(!few.contains(try #require(LineageView.collapsedHrefs(linker: schemaPage)["schema"])))
    }
}
