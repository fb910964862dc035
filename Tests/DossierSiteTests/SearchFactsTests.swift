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

    /// The byte-level snippet (ASCII text) is the Character walk's, for text on both sides of
    /// the 1 KB cut and for text the fast path hands back to the walk.
    @Test func theSnippetByBytesIsTheSnippetByCharacters() {
        let line = "The quick brown fox measures penguins and their flippers, twice a day.\t"
        var bodies = [
            String(repeating: line + "\n", count: 40), String(repeating: "x", count: 1023) + "\n" + line,
            String(repeating: "ab ", count: 600), "short\n\n" + line, "café " + String(repeating: line, count: 30),
            String(repeating: "y", count: 1023) + "e\u{301} and more words here to count past forty bytes",
            String(repeating: "z", count: 1023) + "\r\n" + line, line + "\r\n" + line, "T\n" + line,
        ]
        bodies += bodies.map { String(repeating: "word ", count: 204) + $0 }
        for body in bodies {
            for front in ["", "---\nsummary: \(line)\n---\n", "---\nsummary: naïve \(line)\n---\n"] {
                let document = load(front + "# T\n\n" + body + "\n")
                #expect(SearchFacts.snippet(document) == SearchFacts.snippetByCharacters(document))
            }
        }
        // A long first line that is the title is passed over; a title with a Kelvin sign is
        // canonically equal to the ASCII line with a K, so that line is passed over too.
        let title = "Kelvin readings of the penguin colony over two winters"
        for heading in [title, String(title.map { $0 == "K" ? "\u{212A}" : $0 })] {
            let document = load("# \(heading)\n\n\(title)\n\n\(line)\n")
            #expect(SearchFacts.snippet(document) == SearchFacts.snippetByCharacters(document))
        }
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
