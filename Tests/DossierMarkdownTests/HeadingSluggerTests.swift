@testable import DossierMarkdown
import Testing

@Suite struct HeadingSluggerTests {
    @Test func followsGitHub() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "Running the pipeline") == "running-the-pipeline")
        #expect(slugger.slug(for: "What's new? (v2.0)") == "whats-new-v20")
        #expect(slugger.slug(for: "snake_case and-dash") == "snake_case-and-dash")
        #expect(slugger.slug(for: "Café Ünïcode") == "café-ünïcode")
    }

    @Test func numbersRepeats() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "Notes") == "notes")
        #expect(slugger.slug(for: "Notes") == "notes-1")
        #expect(slugger.slug(for: "Notes") == "notes-2")
        #expect(slugger.slug(for: "Notes 1") == "notes-1-1")
    }

    @Test func emptyHeadingGetsAnID() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: "!!!") == "section")
    }

    /// The slug as it was before the ASCII fast path: a Character walk.
    static func slugByCharacters(_ text: String) -> String {
        var out = ""
        for char in text.lowercased() {
            if char.isLetter || char.isNumber || char == "-" || char == "_" {
                out.append(char)
            } else if char == " " {
                out.append("-")
            }
        }
        return out.isEmpty ? "section" : out
    }

    @Test func asciiFastPathMatchesCharacterWalk() {
        var every = ""
        for value in UInt8(0)..<0x80 { every.append(Character(Unicode.Scalar(value))) }
        let texts = [
            every, "", " ", "A-Z a_z 0-9", "Line\r\nbreak", "Tab\there", "UPPER lower MiXeD", "x\u{301}y", "Ünï",
            "___", "--", "v2.0 (beta)!", "#hash", "日本 語", "👍🏽 ok",
        ]
        for text in texts {
            #expect(HeadingSlugger.baseSlug(text) == Self.slugByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func wikiLinksNeedTwoOpeningBrackets() {
        #expect(MarkdownAnalysis.wikiLinks(in: "a [b] ] [ [c]").isEmpty)
        #expect(MarkdownAnalysis.wikiLinks(in: "[[x]]").map(\.target) == ["x"])
        #expect(MarkdownAnalysis.wikiLinks(in: "é [[y|label]] [z]").map(\.target) == ["y"])
        #expect(MarkdownAnalysis.wikiLinks(in: "[[").isEmpty)
    }
}
