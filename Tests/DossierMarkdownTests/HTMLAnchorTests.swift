@testable import DossierMarkdown
import Testing

/// Raw HTML anchors (`<a name="setup"></a>`): taken only when the tag names an anchor and nothing else.
@Suite struct HTMLAnchorTests {
    @Test func anchorTagsNameTheirID() {
        #expect(HTMLAnchor.id(in: "<a name=\"introduction\"></a>") == "introduction")
        #expect(HTMLAnchor.id(in: "<a id='Setup'>") == "Setup")
        #expect(HTMLAnchor.id(in: " <A NAME=step-1 /> \n") == "step-1")
        #expect(HTMLAnchor.id(in: "<a name=\"x\" id=\"x\"></a>") == "x")
        #expect(HTMLAnchor.id(in: "<a\n  name = \"x.y:z\" ></A >") == "x.y:z")
    }

    @Test func anythingMoreIsNotAnAnchor() {
        for literal in [
            "<a href=\"https://example.com\">", "<a name=\"x\" href=\"y\">", "<a name=\"x\" onclick=\"f()\">",
            "<a name=\"x\">text</a>", "<a name=\"x\" id=\"y\">", "<a name=\"\">", "<a name=\"two words\">",
            "<a name=\"a&amp;b\">", "<abbr name=\"x\">", "<a>", "<a name=\"x\"", "<a name=\"x></a>",
            "<a name=x>\n## Heading", "<span id=\"x\"></span>", "</a>",
            "<a name=\"" + String(repeating: "x", count: HTMLAnchor.maxIDBytes + 1) + "\">",
        ] {
            #expect(HTMLAnchor.id(in: literal) == nil, "\(literal)")
        }
    }
}
