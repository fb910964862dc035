@testable import DossierCore
@testable import DossierMarkdown
@testable import DossierModel
@testable import DossierSite
import Testing

/// Schema-table description cells are inline Markdown rendered like body text, not escaped text.
@Suite struct SchemaTableViewTests {
    struct Links: MarkdownLinkResolver {
        func href(for url: String, isImage: Bool) -> String? { url }
        func wikiLink(_ target: String) -> (href: String, text: String)? {
            target == "penguins.species" ? ("penguins.html#field-species", "species") : nil
        }
    }

    @Test func descriptionCellsRenderAsInlineMarkdown() throws {
        let (loaded, _) = DocumentLoader.load(path: "raw.md", text: """
        ---
        kind: schema
        ---
        # Raw

        Some text with a table first.

        | a | b |
        |---|---|
        | 1 | 2 |

        | Field | Type | Description |
        |---|---|---|
        | Species | categorical | Becomes [[penguins.species]]; was `species_raw`, *sic*. |
        | Island | categorical | Plain. |
        """)
        let document = try #require(loaded)
        #expect(document.schemaTableOrdinal == 1)
        let cells = SchemaTableView.descriptionCells(of: document)
        let species = try #require(document.schemaFields.first { $0.key == "Species" })
        #expect(Set(cells.keys) == Set(document.schemaFields.map(\.line)))
        let renderer = HTMLRenderer()
        let html = SchemaTableView.html(document.schemaFields, descriptions: cells.mapValues { renderer.render($0, links: Links()) })
        #expect(html.contains("<tr id=\"\(species.anchor)\">"))
        #expect(html.contains("""
        <td class="description">Becomes <a class="xref" href="penguins.html#field-species">species</a>; \
        was <code>species_raw</code>, <em>sic</em>.</td>
        """))
        #expect(!html.contains("[["))
        #expect(html.contains("<td class=\"description\">Plain.</td>"))
    }

    @Test func withoutRenderedCellsTheDescriptionIsEscapedText() {
        let field = SchemaField(key: "a", name: "a", type: .string, rawType: "string", description: "x < y", line: 3)
        #expect(SchemaTableView.html([field]).contains("<td class=\"description\">x &lt; y</td>"))
    }

    @Test func tablesScrollInAKeyboardReachableRegion() {
        let field = SchemaField(key: "a", name: "a", type: .string, rawType: "string", line: 3)
        #expect(SchemaTableView.html([field]).hasPrefix(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Fields\">"))
    }
}
