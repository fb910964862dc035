@testable import DossierChecks
import Testing

@Suite struct FrontMatterVerifierTests {
    private let hash = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432"

    @Test func replacesAnExistingValueAndNothingElse() {
        let input = """
            ---
            id: model
            verified: a1b2c3d
            tags: [x]
            ---
            # Model

            verified: not front matter
            """
        let expected = input.replacingOccurrences(of: "verified: a1b2c3d", with: "verified: \(hash)")
        #expect(FrontMatterVerifier.setVerified(hash, inDocument: input) == expected)
    }

    @Test func keepsSpacingAndTrailingComments() {
        let input = "---\nverified:   a1b2c3d   # by alice\nid: x\n---\nBody\n"
        #expect(
            FrontMatterVerifier.setVerified(hash, inDocument: input)
                == "---\nverified:   \(hash)   # by alice\nid: x\n---\nBody\n")
        let quoted = "---\nverified: \"a1b2c3d\"\n---\n"
        #expect(FrontMatterVerifier.setVerified("abc1234", inDocument: quoted) == "---\nverified: abc1234\n---\n")
        let empty = "---\nverified:\nid: x\n---\n"
        #expect(FrontMatterVerifier.setVerified("abc1234", inDocument: empty) == "---\nverified: abc1234\nid: x\n---\n")
    }

    @Test func insertsBeforeTheClosingFenceWhenMissing() {
        let input = "---\nid: model\nkind: model\n---\n# Model\n"
        #expect(
            FrontMatterVerifier.setVerified(hash, inDocument: input)
                == "---\nid: model\nkind: model\nverified: \(hash)\n---\n# Model\n")
        let emptyFrontMatter = "---\n---\nBody"
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: emptyFrontMatter)
                == "---\nverified: abc1234\n---\nBody")
        let dots = "---\nid: x\n...\nBody\n"
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: dots) == "---\nid: x\nverified: abc1234\n...\nBody\n"
        )
    }

    @Test func nestedVerifiedKeysAreNotTopLevel() {
        let input = "---\nreview:\n  verified: old\n---\n"
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: input)
                == "---\nreview:\n  verified: old\nverified: abc1234\n---\n")
        let lookalike = "---\nverified_by: bob\n---\n"
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: lookalike)
                == "---\nverified_by: bob\nverified: abc1234\n---\n")
    }

    @Test func preservesCRLF() {
        let input = "---\r\nid: model\r\nverified: old1234\r\n---\r\n# Model\r\nText\r\n"
        #expect(
            FrontMatterVerifier.setVerified(hash, inDocument: input)
                == "---\r\nid: model\r\nverified: \(hash)\r\n---\r\n# Model\r\nText\r\n")
        let missing = "---\r\nid: model\r\n---\r\n# Model\r\n"
        #expect(
            FrontMatterVerifier.setVerified(hash, inDocument: missing)
                == "---\r\nid: model\r\nverified: \(hash)\r\n---\r\n# Model\r\n")
        let noFrontMatter = "# Model\r\nText\r\n"
        #expect(
            FrontMatterVerifier.setVerified(hash, inDocument: noFrontMatter)
                == "---\r\nverified: \(hash)\r\n---\r\n# Model\r\nText\r\n")
    }

    @Test func addsFrontMatterWhenThereIsNone() {
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: "# Title\n\nBody\n")
                == "---\nverified: abc1234\n---\n# Title\n\nBody\n")
        #expect(FrontMatterVerifier.setVerified("abc1234", inDocument: "") == "---\nverified: abc1234\n---\n")
        // A lone `---` (a thematic break) is not front matter.
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: "---\nNo closing fence\n")
                == "---\nverified: abc1234\n---\n---\nNo closing fence\n")
        #expect(
            FrontMatterVerifier.setVerified("abc1234", inDocument: "\u{FEFF}# Title\n")
                == "\u{FEFF}---\nverified: abc1234\n---\n# Title\n")
    }

    @Test func roundTripChangesOnlyTheVerifiedLine() {
        let input = "---\ntitle: \"Ünïcode: ok\"\nverified: 1111111\nlist:\n  - a\n  - b\n---\n\n# Body  \n\ttabs\n"
        let once = FrontMatterVerifier.setVerified("2222222", inDocument: input)
        let twice = FrontMatterVerifier.setVerified("1111111", inDocument: once)
        #expect(twice == input)
        let before = input.split(separator: "\n", omittingEmptySubsequences: false)
        let after = once.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let differing = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing == [2])
        // Setting the same commit twice is a no-op.
        #expect(FrontMatterVerifier.setVerified("2222222", inDocument: once) == once)
    }

    @Test func oddValuesAreQuoted() {
        #expect(FrontMatterVerifier.setVerified("a: b", inDocument: "") == "---\nverified: \"a: b\"\n---\n")
    }
}
