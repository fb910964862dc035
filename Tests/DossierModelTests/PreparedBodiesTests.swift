import DossierMarkdown
@testable import DossierModel
import Testing

/// The bodies a build renders at load are kept in a file of their own and read back whole.
@Suite struct PreparedBodiesTests {
    struct Links: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? { "/" + url }
        func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
    }

    @Test func keepsWhatTheLoadRenderedAndReadsItBack() throws {
        let store = try #require(PreparedBodies())
        let text = """
            ---
            kind: schema
            ---
            # Penguins

            | column | type | description |
            |---|---|---|
            | species | string | The [species](s.md), *named* |
            | mass | float | Body mass |

            See [[nothing]].
            """
        let (document, _) = DocumentLoader.load(path: "docs/penguins.md", text: text, preparing: store)
        #expect(store.holds("docs/penguins.md"))
        #expect(!store.holds("docs/other.md"))
        #expect(store.body(of: "docs/other.md") == nil)
        let body = try #require(store.body(of: "docs/penguins.md"))
        let schema = try #require(document)
        // What the page would render from the tree: the body and the description cells.
        let tree = MathSpans.parse(MkDocsSyntax.rewrite(String(text.split(separator: "---\n", maxSplits: 2)[1])))
        #expect(body == PreparedBodies.Body(tree: tree, document: schema))
        #expect(body.descriptionCells.count == 2)
        let cells = SchemaDescriptionCells.of(schema, body: tree)
        for (line, cell) in cells {
            #expect(
                body.descriptionCells[line]?.fill(links: Links(), closing: .init(allowRawHTML: false))
                    == HTMLRenderer().render(cell, links: Links()))
        }
        // Loading the same text without a store gives the same document.
        let (plain, _) = DocumentLoader.load(path: "docs/penguins.md", text: text)
        #expect(plain?.analysis.headings == schema.analysis.headings)
        #expect(plain?.analysis.links == schema.analysis.links)
        #expect(plain?.analysis.text == schema.analysis.text)
        #expect(plain?.schemaFields == schema.schemaFields)
    }

    @Test func keepsManyBodiesApart() throws {
        let store = try #require(PreparedBodies())
        for i in 0..<50 {
            _ = DocumentLoader.load(
                path: "docs/d\(i).md", text: "# D\(i)\n\nBody \(i) [l](x\(i).md)\n", preparing: store)
        }
        for i in 0..<50 {
            let html = try #require(store.body(of: "docs/d\(i).md")).html.fill(
                links: Links(), closing: .init(allowRawHTML: false, dropFirstH1: true))
            #expect(html == "<p>Body \(i) <a href=\"/x\(i).md\">l</a></p>\n")
        }
    }
}
