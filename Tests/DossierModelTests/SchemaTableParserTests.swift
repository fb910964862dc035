@testable import DossierMarkdown
@testable import DossierModel
import Foundation
import Testing

@Suite struct SchemaTableParserTests {
    func parse(_ markdown: String) -> SchemaTableParser.Result {
        let analysis = MarkdownAnalysis(CMarkParser.parse(markdown), lineOffset: 0)
        return SchemaTableParser.parse(analysis.tables, path: "s.md")
    }

    @Test func headerSynonymsAndTypes() {
        let result = parse(
            """
            | Notes | other |
            |---|---|
            | not | schema |

            | Database Key | Data Type | Data Order | Meaning | Required | Allowed |
            |---|---|---|---|---|---|
            | `species` | str | nominal | Penguin species | yes | Adelie, Gentoo |
            | mass | int64 | ratio | grams | no | 0–10000 |
            """)
        #expect(result.tableOrdinal == 1)
        #expect(result.findings.isEmpty)
        let species = result.fields[0]
        #expect(species.key == "species")
        #expect(species.type == .string)
        #expect(species.level == .nominal)
        #expect(species.description == "Penguin species")
        #expect(species.nullable == false)  // required: yes
        #expect(species.values == ["Adelie", "Gentoo"])
        #expect(species.line == 7)
        #expect(result.fields[1].type == .integer)
        #expect(result.fields[1].nullable == true)
        #expect(result.fields[1].range == 0...10000)
    }

    @Test func entityFieldKeys() {
        let result = parse("| key | type |\n|---|---|\n| Person.survey_score | float |\n| Person.id | id |")
        #expect(result.fields.map(\.entity) == ["Person", "Person"])
        #expect(result.fields.map(\.name) == ["survey_score", "id"])
        #expect(result.fields[0].anchor == "field-person.survey_score")
    }

    /// The entity is split at the last `.` Character: bytes for ASCII keys, Characters otherwise,
    /// where a `.` with a combining mark on it is not a dot.
    @Test func entityKeysSplitAtTheLastDotCharacter() {
        let keys = ["a.b.c", ".lead", "trail.", "Persön.größe", "x.\u{301}y", "ab"]
        let table = "| key | type |\n|---|---|\n" + keys.map { "| \($0) | string |" }.joined(separator: "\n")
        let result = parse(table)
        #expect(result.fields.map(\.entity) == ["a.b", nil, nil, "Persön", nil, nil])
        #expect(result.fields.map(\.name) == ["c", ".lead", "trail.", "größe", "x.\u{301}y", "ab"])
    }

    @Test func badRowsAreFindings() {
        let result = parse(
            "| column | dtype | level |\n|---|---|---|\n|  | int | ratio |\n| a | integr | ordnal |\n| a | int | ratio |"
        )
        #expect(
            result.findings.rules() == [
                "schema.empty-key", "schema.unknown-type", "schema.unknown-level", "schema.duplicate-key",
            ])
        #expect(result.findings[1].message.contains("did you mean `integer`?"))
        #expect(result.findings[2].message.contains("did you mean `ordinal`?"))
        #expect(result.fields.count == 1)
    }

    @Test func tableWithoutTypeColumnIsNotASchema() {
        #expect(parse("| key | description |\n|---|---|\n| a | b |").tableOrdinal == nil)
    }

    /// Cells that tell byte-level trimming apart from Foundation's: non-ASCII, a combining mark
    /// after a trimmed character, Unicode spaces (not in the set, so kept), CR LF, emoji, empty.
    static let trickyCells = [
        "", " ", "`", "``", "**", "_x_", "**name**", "`key`", " `a b` ", "\tcol\t", "a\r\n", " \u{301}a", "a` \u{301}",
        "`\u{301}", "`é`", "\u{00A0}a\u{00A0}", "\u{2003}x", "\u{3000}全角`", "👍🏽`", "`👨‍👩‍👧`", "'q'", "\"dq\"",
        " ' ` \" ", "__init__", "*_*_*", "x\u{FE0F}`",
    ]

    @Test func cleanMatchesFoundationTrimming() {
        for cell in Self.trickyCells {
            #expect(
                SchemaTableParser.clean(cell) == cell.trimmingCharacters(in: CharacterSet(charactersIn: " `*_\t")),
                "\(cell.debugDescription)")
        }
    }

    @Test func splitValuesMatchesFoundationTrimming() {
        let texts =
            Self.trickyCells + ["a, b; c | d", "'x', \"y\", `z`", " , ;|", "é ,\u{301}b", "…, ..., ok", "a,\u{301}b"]
        for text in texts {
            let old = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `'\"")) }
                .filter { !$0.isEmpty && $0 != "…" && $0 != "..." }
            #expect(SchemaTableParser.splitValues(text) == old, "\(text.debugDescription)")
        }
    }
}
