@testable import DossierChecks
import Foundation
import Testing

/// `DataStructure.trimmed` trims a data file's header field as `trimmingCharacters(in:
/// .whitespaces)` does, byte by byte where the field's ends are ASCII.
@Suite struct HeaderFieldTrimTests {
    @Test func trimsAsFoundationDoes() {
        let fields = [
            "", " ", "\t", "  \t ", "id", " id ", "\tid\t", "a b", " a b  ", "\u{A0}id\u{A0}", " \u{3000}id",
            "id\u{2009}",
            " \u{301}x", "x\u{301} ", "é", " é ", "\r id \n", "\u{0B}id\u{0C}", "\u{FEFF}id", " \u{1680} ",
            "naïve name",
        ]
        var inputs = fields.map { Array($0.utf8) }
        // Bytes that are not UTF-8, at the ends and inside.
        inputs += [
            [0x20, 0xFF, 0x41, 0x20], [0x41, 0xC3, 0x20], [0x20, 0x41, 0xE2, 0x82, 0x42, 0x09], [0xC2], [0x09, 0xA0],
        ]
        for bytes in inputs {
            let expected = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            #expect(DataStructure.trimmed(bytes) == expected, "\(bytes)")
        }
    }
}
