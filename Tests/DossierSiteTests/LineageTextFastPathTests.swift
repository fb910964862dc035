@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The byte-level fast paths of the lineage drawing give what the Character-level code gives.
@Suite struct LineageTextFastPathTests {

    @Test func asciiWrappingMatchesCharacterWrapping() {
        var random = SeededGenerator(seed: 15)
        // Spaces in runs, tabs and line breaks (CR LF is one Character), control bytes, long words.
        let pieces = [
            "a", "bb", "word", "experiment", String(repeating: "x", count: 25), " ", "  ", "\t", "\r\n", "\n",
            "\u{1}", "\u{7F}", "-", "&", "\"",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...14, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            let line = LineageGraph.oneLine(text)
            guard line.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            for maxUnits in [2, 3, 5, 18, 21] {
                for maxLines in [0, 1, 2, 3] {
                    #expect(
                        LineageGraph.wrappedASCII(line, maxUnits: maxUnits, maxLines: maxLines)
                            == LineageGraph.wrappedCharacters(line, maxUnits: maxUnits, maxLines: maxLines),
                        "\(text.debugDescription) \(maxUnits) \(maxLines)")
                }
            }
        }
    }

    /// A line with runs of spaces, or spaces at its ends (not folded by `oneLine`), wraps as the
    /// Character-level code wraps it: its lines are not runs of the text, and are gathered apart.
    @Test func asciiWrappingOfUnfoldedLines() {
        var random = SeededGenerator(seed: 17)
        let pieces = ["a", "bb", "word", "experiment", String(repeating: "x", count: 25), " ", "  ", "   "]
        for _ in 0..<2000 {
            let line = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            for maxUnits in [2, 3, 5, 18, 21] {
                for maxLines in [0, 1, 3] {
                    #expect(
                        LineageGraph.wrappedASCII(line, maxUnits: maxUnits, maxLines: maxLines)
                            == LineageGraph.wrappedCharacters(line, maxUnits: maxUnits, maxLines: maxLines),
                        "\(line.debugDescription) \(maxUnits) \(maxLines)")
                }
            }
        }
    }

    /// `oneLine` and `displayUnits` read contiguous bytes when they can; they give what the
    /// Character-level definition and the UTF8View scan they replaced give.
    @Test func oneLineAndUnitsMatchTheirDefinitions() {
        var random = SeededGenerator(seed: 16)
        let pieces = [
            "a", "word", " ", "  ", "\t", "\r\n", "\n", "\u{1}", "\u{7F}", "é", "日本", "👩‍👩‍👧", "\u{A0}", "e\u{301}", "",
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                pieces.randomElement(using: &random)!
            }.joined()
            let line = LineageGraph.oneLine(text)
            #expect(
                Array(line.utf8) == Array(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").utf8),
                "\(text.debugDescription)")
            // As written before the byte scan: an ASCII text counts its bytes (CR LF is two units).
            let units =
                text.utf8.allSatisfy({ $0 < 0x80 })
                ? text.utf8.count
                : text.reduce(0) { total, character in
                    let value = character.unicodeScalars.first!.value
                    return total + ((0x2E80...0xA4CF).contains(value) || (0x1F300...0x1FAFF).contains(value) ? 2 : 1)
                }
            #expect(LineageGraph.displayUnits(text) == units, "\(text.debugDescription)")
        }
    }

    /// `safeHref` before its fast path for hrefs with no colon and nothing to trim.
    static func referenceSafeHref(_ href: String) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        guard !trimmed.isEmpty else { return nil }
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(where: { "/?#".contains($0) }) {
            let scheme = trimmed[..<colon].lowercased()
            return ["http", "https", "mailto"].contains(scheme) ? trimmed : nil
        }
        return trimmed
    }

    @Test func safeHrefFastPathMatchesTheFullCheck() {
        let hrefs = [
            "", " ", "a", "../x.html", "x.html#a", "a b.html", "dir/é.html", "x\u{301}.html", ":x", "a:b", "/a:b",
            "javascript:alert(1)", " javascript:x", "java\u{0}script:x", "x.html\u{7F}", "\u{85}x.html", "HTTP:x",
            "mailto:a@b", "?:x", "#:x", "a\u{200B}:x", ":\u{301}x", "x\n", "\tx",
        ]
        for href in hrefs {
            #expect(LineageGraph.safeHref(href) == Self.referenceSafeHref(href), "\(href.debugDescription)")
        }
    }
}
