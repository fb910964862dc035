import DossierCore
import Testing

/// The byte-level versions of text operations that profiles showed (`ByteSearch.contains`)
/// agree with the ones they replace.
@Suite struct ByteLevelTextTests {
    @Test func byteSearchFindsByteSequences() {
        #expect(ByteSearch.contains("a !!! b", "!!!"))
        #expect(!ByteSearch.contains("a !! b", "!!!"))
        #expect(ByteSearch.contains("x", ""))
        #expect(!ByteSearch.contains("", "x"))
        #expect(ByteSearch.contains("café <pre class=\"mermaid\">", "<pre class=\"mermaid\">"))
        #expect(!ByteSearch.contains("ab", "abc"))
    }
}
