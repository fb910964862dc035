@testable import DossierModel
import DossierTestSupport
import Testing

/// A field's anchor made byte by byte from a printable ASCII key is the anchor the
/// Character-level mapping makes, and keys outside printable ASCII still take that mapping.
@Suite struct SchemaFieldAnchorTests {
    static func reference(_ key: String) -> String {
        "field-"
            + key.lowercased().map {
                $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? String($0) : "-"
            }.joined()
    }

    @Test func byteAnchorsMatchCharacterAnchors() {
        var random = SeededGenerator(seed: 57)
        let pieces = [
            "user_id", "A", "z", "Z", "0", "9", ".", "_", "-", " ", "/", "@", "[", "`", "{", "~", "\u{7F}", "\t",
            "\r\n", "é", "É", "日本", "½", "Σ",
        ]
        var keys = ["", "UserID", "signal_9", "a b", "x.y-z_w", "ÀB", "\r\n"]
        for _ in 0..<3000 {
            keys.append(
                (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                    .joined())
        }
        for key in keys {
            let field = SchemaField(key: key, name: key, type: nil, rawType: "string", line: 1)
            #expect(field.anchor == Self.reference(key), "\(key.debugDescription)")
        }
    }
}
