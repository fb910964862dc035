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

/// `SearchFacts.head` (found from the byte offset) cuts where walking every character did.
@Suite struct SearchFactsHeadTests {
    private func walked(_ text: Substring, bytes limit: Int) -> Substring {
        var end = text.startIndex
        var bytes = 0
        for index in text.indices {
            bytes += text[index].utf8.count
            end = text.index(after: index)
            if bytes >= limit { break }
        }
        return text[..<end]
    }

    @Test func cutsAtTheSameCharacterAsAWalk() {
        let pieces = ["a", "é", "e\u{301}", "日本", "👩‍👩‍👧", "🇫🇷🇩🇪", "\r\n", "x\u{301}\u{302}", "\u{10FFFF}"]
        var texts: [String] = ["", "short", String(repeating: "a", count: 1024), String(repeating: "a", count: 1025)]
        for piece in pieces {
            for shift in 0..<8 {
                texts.append(String(repeating: "a", count: 1016 + shift) + String(repeating: piece, count: 6))
            }
        }
        for text in texts {
            for limit in [1, 3, 1024] {
                let full = Substring(text)
                #expect(SearchFacts.head(full, bytes: limit) == walked(full, bytes: limit), "\(text.suffix(12))")
                #expect(
                    SearchFacts.head(full, bytes: limit).utf8.count == walked(full, bytes: limit).utf8.count,
                    "\(text.suffix(12))")
            }
        }
    }
}
