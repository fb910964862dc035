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

    @Test func firstOffsetIsTheFirstMatchFromStart() {
        /// The offset by a plain scan of every position, the obvious reference.
        func reference(_ needle: String, _ text: String, from start: Int) -> Int? {
            let (h, n) = (Array(text.utf8), Array(needle.utf8))
            guard start >= 0, start <= h.count else { return nil }
            guard h.count - start >= n.count else { return nil }
            return (start...(h.count - n.count)).first { Array(h[$0..<($0 + n.count)]) == n }
        }
        let texts = ["", "a", "aaa", "abab", "xabcabc", "é abc é", "aab", "ba\u{0}ab"]
        let needles = ["", "a", "ab", "abc", "aab", "é", "\u{0}a", "zz"]
        for text in texts {
            for needle in needles {
                for start in -1...(text.utf8.count + 1) {
                    let offset = ByteSearch.firstOffset(of: needle, in: text, from: start)
                    #expect(
                        offset == reference(needle, text, from: start),
                        "\(needle.debugDescription) in \(text.debugDescription) from \(start)")
                }
            }
        }
    }

    @Test func asciiResolveMatchesCharacterResolve() {
        let parts = ["", "a", "b.md", ".", "..", "...", ".a", "a.", "/", "//", "x y", "\r\n", "a\r\n"]
        var paths: [String] = []
        for a in parts {
            for b in parts {
                for c in parts { paths.append([a, b, c].joined(separator: "/")) }
                paths.append(a + b)
            }
        }
        let bases = ["", "docs", "docs/deep", "/abs/root", "a/../b", "./x", "docs//y/", ".."]
        for base in bases {
            for path in paths {
                #expect(
                    ProjectPath.resolveASCII(path, relativeTo: base)
                        == ProjectPath.resolveCharacters(path, relativeTo: base),
                    "\(path.debugDescription) from \(base.debugDescription)")
            }
        }
        #expect(ProjectPath.resolve("../é.md", relativeTo: "docs/a") == "docs/é.md")
        #expect(ProjectPath.resolve("../../..", relativeTo: "docs/a") == nil)
    }
}
