@testable import DossierModel
@testable import DossierSite
import Testing

/// What the index takes from a page besides its words: front-matter facts, the snippet, anchors.
@Suite struct SearchFactsTests {
    func load(_ text: String) -> Document { DocumentLoader.load(path: "d.md", text: text).0! }

    @Test func factsAreScalarValuesAndNestedKeys() {
        let document = load(
            "---\nkind: labeling\nowner: ml-team\nagreement: {metric: cohen_kappa, value: 0.8}\ntags: [a, b]\n---\n# T\n"
        )
        #expect(
            SearchFacts.strings(document.frontMatter) == ["ml-team", "metric", "cohen_kappa", "value", "0.8", "a", "b"])
    }

    @Test func theSnippetIsTheSummaryOrTheStartOfTheBodyAndShort() {
        #expect(
            SearchFacts.snippet(
                load("---\nsummary: Short and sweet.\n---\n# T\n\nBody text that is long enough to count.\n"))
                == "Short and sweet.")
        let long = String(repeating: "penguins measured ", count: 200)
        let snippet = SearchFacts.snippet(load("# T\n\n\(long)\n"))
        #expect(snippet.hasPrefix("penguins measured penguins"))
        #expect(snippet.hasSuffix(" …"))
        #expect(snippet.utf8.count <= 165)
    }

    @Test func anchorsListFieldsRunsThenHeadings() {
        let document = load(
            """
            ---
            kind: schema
            ---
            # T

            ## Notes

            | Field | Type |
            |---|---|
            | bill_length_mm | float |
            """)
        #expect(SearchFacts.anchors(document).map(\.id) == ["field-bill_length_mm", "notes"])
        #expect(SearchFacts.anchors(document).map(\.kind) == ["field", "heading"])
    }
}
