import DossierCore
import Foundation
import Testing

/// `HTML.escape` scans contiguous UTF-8 and appends entities in place; it must give exactly what
/// the Character-level replacement it stands for gives, on every kind of text.
@Suite struct HTMLEscapeTests {
    /// The plain definition: each of the five characters replaced, everything else kept.
    private static func reference(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    @Test func matchesTheCharacterLevelDefinition() {
        let samples = [
            "", "plain text", "&", "<>\"'&", "it's", "a < b && c > d", "&amp; already escaped",
            "'leading", "trailing\"", "é & ü", "日本語 <タグ>", "emoji 👩‍👩‍👧 & flags 🇩🇪", "e\u{301}'",
            "tab\tnew\nline\r<", "\u{0}nul & \u{7F}", String(repeating: "x", count: 300) + "&",
            String(repeating: "<>", count: 200),
        ]
        for text in samples {
            #expect(HTML.escape(text) == Self.reference(text), "\(text.debugDescription)")
            // A Substring-made String and a Foundation-made one take the same path.
            let sliced = String(("[" + text + "]").dropFirst().dropLast())
            #expect(HTML.escape(sliced) == Self.reference(text))
            let bridged = NSString(string: text) as String
            #expect(HTML.escape(bridged) == Self.reference(text))
        }
    }

    /// The byte writers' form copies the runs between special bytes in one piece: the same
    /// bytes, appended after what the buffer already holds.
    @Test func appendingEscapedBytesMatchesTheDefinition() {
        let samples = [
            "", "plain", "&", "<>\"'&", "a<b", "<a", "a>", "&&", "é & ü", "日本語 <タグ>", "e\u{301}'x",
            String(repeating: "x", count: 300) + "&" + String(repeating: "y", count: 40),
            String(repeating: "<>", count: 50),
        ]
        for text in samples {
            var out = Array("prefix".utf8)
            var copy = text
            copy.withUTF8 { HTML.appendEscaped($0, to: &out) }
            #expect(out == Array(("prefix" + Self.reference(text)).utf8), "\(text.debugDescription)")
        }
    }

    @Test func returnsUnchangedTextAsIs() {
        let text = "nothing to escape here, ünïcödé included"
        #expect(HTML.escape(text) == text)
        #expect(HTML.escape(text).utf8.elementsEqual(text.utf8))
    }
}
