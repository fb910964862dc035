@testable import DossierCore
@testable import DossierKit
@testable import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Schema-table description cells are inline Markdown rendered like body text, not escaped text.
@Suite struct SchemaTableViewTests {
    @Test func descriptionCellsRenderAsInlineMarkdown() throws {
        let project = try TemporaryProject([
            "docs/clean.md": "---\nkind: schema\n---\n# Clean\n\n| Field | Type |\n|---|---|\n| species | string |\n",
            "docs/raw.md": """
            ---
            kind: schema
            ---
            # Raw

            | a | b |
            |---|---|
            | 1 | 2 |

            | Field | Type | Description |
            |---|---|---|
            | Species | categorical | Becomes [[clean.species]]; was `species_raw`, *sic*. |
            | Island | categorical | Plain & simple. |
            """,
        ])
        defer { project.remove() }
        let report = try Dossier.build(path: project.path)
        #expect(report.project.findings.filter { $0.severity == .error }.isEmpty, "\(report.project.findings)")
        let rawIndex = try #require(report.project.documents.firstIndex { $0.id == "raw" })
        let raw = report.project.documents[rawIndex]
        #expect(raw.schemaTableOrdinal == 1)
        // The body as a page reads it (a build with the cache leaves it in its file).
        let body = report.project.body(of: rawIndex).parsed()
        #expect(
            Set(SchemaTableView.descriptionCells(of: raw, body: body).keys) == Set(raw.schemaFields.map(\.line)))
        let html = try #require(project.read("site/docs/raw.html"))
        #expect(
            html.contains(
                """
                <td class="description">Becomes <a class="xref" href="../docs/clean.html#field-species">species</a>; \
                was <code>species_raw</code>, <em>sic</em>.</td>
                """), "\(html)")
        #expect(!html.contains("[[clean"))
        #expect(html.contains("<td class=\"description\">Plain &amp; simple.</td>"))
    }

    @Test func aBrokenWikiLinkInASchemaCellIsAFinding() throws {
        let project = try TemporaryProject([
            "docs/raw.md":
                "---\nkind: schema\n---\n# Raw\n\n| Field | Type | Description |\n|---|---|---|\n| a | string | See [[nowhere.a]]. |\n"
        ])
        defer { project.remove() }
        let findings = try project.load().findings
        #expect(
            findings.contains {
                $0.location.path == "docs/raw.md" && $0.location.line == 8 && $0.message.contains("nowhere")
            },
            "\(findings)")
    }

    @Test func withoutRenderedCellsTheDescriptionIsEscapedText() {
        let field = SchemaField(key: "a", name: "a", type: .string, rawType: "string", description: "x < y", line: 3)
        #expect(SchemaTableView.html([field]).contains("<td class=\"description\">x &lt; y</td>"))
    }

    @Test func tablesScrollInAKeyboardReachableRegion() {
        let field = SchemaField(key: "a", name: "a", type: .string, rawType: "string", line: 3)
        #expect(
            SchemaTableView.html([field]).hasPrefix(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Fields\">"))
    }
}
