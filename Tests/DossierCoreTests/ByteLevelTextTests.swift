import DossierCore
import Testing

/// The byte-level versions of text operations that profiles showed (`ByteSearch.contains`,
/// `ProjectPath.segmentCount`) agree with the Character-level ones they replace.
@Suite struct ByteLevelTextTests {
    @Test func segmentCountIsSplitCount() {
        let paths = [
            "", "/", "a", "a/b", "/a/b/", "a//b", "docs/deep/c.html", "é/b", "a/\u{301}b", "a\u{301}/b/c",
            "x/y/z/w.html", "//",
        ]
        for path in paths {
            #expect(ProjectPath.segmentCount(path) == path.split(separator: "/").count, "\(path.debugDescription)")
        }
        #expect(ProjectPath.rootPrefix(for: "docs/deep/c.html") == "../../")
        #expect(ProjectPath.rootPrefix(for: "index.html") == "")
    }

    @Test func byteSearchFindsByteSequences() {
        #expect(ByteSearch.contains("a !!! b", "!!!"))
        #expect(!ByteSearch.contains("a !! b", "!!!"))
        #expect(ByteSearch.contains("x", ""))
        #expect(!ByteSearch.contains("", "x"))
        #expect(ByteSearch.contains("café <pre class=\"mermaid\">", "<pre class=\"mermaid\">"))
        #expect(!ByteSearch.contains("ab", "abc"))
    }
}
