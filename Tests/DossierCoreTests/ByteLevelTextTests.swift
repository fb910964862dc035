import DossierCore
import Foundation
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

    /// Text that tells byte-level and Character-level handling apart: non-ASCII, combining marks
    /// after ASCII (one Character, several scalars), Unicode spaces, CR LF, emoji sequences.
    static let trickyTexts = [
        "", " ", "  ", "`", "``", "*", "_x_", "**name**", "`key`", " `a b` ", "\tcol\t", "a\r\n", "\r\n",
        " \u{301}a", "a` \u{301}", "`\u{301}", "é", "`é`", "\u{00A0}a\u{00A0}", "\u{2003}x\u{2003}",
        "\u{3000}全角\u{3000}", "日本`", "👍🏽`", "`👨‍👩‍👧`", "x\u{FE0F}`", "'quoted'", "\"dq\"", " ' ` \" ",
        "\u{200B}zero-width\u{200B}", "a\u{0085}", "\u{1680}ogham", "tab\tinside", "__init__", "*_*_*",
    ]

    @Test func trimmingASCIIMatchesFoundation() {
        let sets = [" `*_\t", " `'\"", " \t", " "]
        for characters in sets {
            let bytes = Set(characters.utf8)
            for text in Self.trickyTexts {
                let old = text.trimmingCharacters(in: CharacterSet(charactersIn: characters))
                #expect(text.trimmingASCII { bytes.contains($0) } == old, "\(text.debugDescription) in \(characters)")
                let substring = ("<" + text + ">").dropFirst().dropLast()
                #expect(substring.trimmingASCII { bytes.contains($0) } == old)
            }
        }
    }

    @Test func trimmedSpacesMatchesTheArrayScan() {
        func old(_ text: Substring) -> String {
            let bytes = Array(text.utf8)
            var start = 0
            var end = bytes.count
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        // Short (in-line) and long strings, with and without anything to trim, and a bridged one:
        // `String.trimmedSpaces` reads each in place and returns an untrimmed one as it is.
        let more = [
            "\r\n a \r\n", "\n\n", " \t\r\n", "a", " a b ", "", "é", " é\u{301} ", "\u{FEFF} x",
            String(repeating: "long text ", count: 8), " " + String(repeating: "long text ", count: 8) + "\t",
            String(NSString(string: " a bridged string of more than fifteen bytes\n")),
        ]
        for text in Self.trickyTexts + more {
            #expect(text.trimmedSpaces() == old(Substring(text)), "\(text.debugDescription)")
            let inner = ("<" + text + ">").dropFirst().dropLast()
            #expect(inner.trimmedSpaces() == old(inner))
        }
    }

    /// `ProjectPath.resolve` against the Character split it had before its ASCII fast path
    /// (`resolveCharacters`).
    @Test func resolveMatchesCharacterSplit() {
        let paths = [
            "", ".", "..", "/", "//", "a", "a/b", "./a", "../a", "a/..", "a/../..", "a/./b/../c", "/abs/x", "/..",
            "a//b/", "...", ".../x", "a/.../..", ".hidden/..x", "x\r\n/y", "data/raw/file.csv", "../../docs/a.md",
            "é/../b", "a/\u{301}b", "a/\u{301}/..", "/\u{301}x", "\u{301}/..", "日本/../x", "👍🏽/..", "a b/c d",
        ]
        let bases = ["", "docs", "docs/sub", "/", "a//b", ".", "..", "é", "docs/\u{301}", "x/./y"]
        for path in paths {
            for base in bases {
                let expected = ProjectPath.resolveCharacters(path, relativeTo: base)
                #expect(
                    ProjectPath.resolve(path, relativeTo: base) == expected,
                    "\(path.debugDescription) from \(base.debugDescription)")
            }
        }
    }

    @Test func pathSearchesMatchCharacterSearches() {
        let texts = [
            "", "#", "a#b", "a.md#x#y", "#top", "a?b#c", "?", "é#x", "a#\u{301}b", "a/\u{301}b/c", "x/y/", "/",
            "a\r\n#b", "日本/x#y", "👍🏽/a?q", "//a//b//", "docs/schemas/sche-00001.md", "a/b/", "x", "/y", "a/\u{301}",
            "\u{301}/b",
        ]
        for text in texts {
            let split = ProjectPath.splitFragment(text)
            let oldSplit = text.firstIndex(of: "#").map { (String(text[..<$0]), String(text[$0...])) } ?? (text, "")
            #expect(split.path == oldSplit.0 && split.fragment == oldSplit.1, "\(text.debugDescription)")
            let oldDirectory = text.lastIndex(of: "/").map { String(text[..<$0]) } ?? ""
            #expect(ProjectPath.directory(of: text) == oldDirectory, "\(text.debugDescription)")
            #expect(ProjectPath.components(text) == text.split(separator: "/"), "\(text.debugDescription)")
            #expect(ProjectPath.lastComponent(text) == text.split(separator: "/").last, "\(text.debugDescription)")
            let query = ProjectPath.firstIndex(of: "?", in: text).map { String(text[..<$0]) }
            #expect(query == text.firstIndex(of: "?").map { String(text[..<$0]) }, "\(text.debugDescription)")
        }
    }

    @Test func firstOffsetIsTheFirstMatchFromStart() {
        /// The offset by a plain scan of every position, the obvious reference.
        func reference(_ needle: String, _ text: String, from start: Int) -> Int? {
            let (h, n) = (Array(text.utf8), Array(needle.utf8))
            guard start >= 0, start <= h.count else { return nil }
            guard h.count - start >= n.count else { return nil }
            return (start...(h.count - n.count)).first { Array(h[$0..<($0 + n.count)]) == n }
        }
        // Texts where a needle's first and last bytes match around a different middle.
        let texts = ["", "a", "aaa", "abab", "xabcabc", "é abc é", "aab", "ba\u{0}ab", "abaacaaba", "cxxc cxyc"]
        let needles = ["", "a", "ab", "abc", "aab", "é", "\u{0}a", "zz", "aba", "aca", "cxyc", "c c"]
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
