import DossierTestSupport
@testable import DossierModel
import Testing

/// A field's anchor is made over bytes for an ASCII key (`SchemaField.asciiAnchor`); it must be
/// the anchor the Character walk makes (`characterAnchor`), which every other key still takes.
@Suite struct SchemaFieldAnchorTests {
    private func field(_ key: String) -> SchemaField {
        SchemaField(key: key, name: key, type: nil, rawType: "", line: 1)
    }

    @Test func asciiKeysGetTheCharacterWalksAnchor() {
        for key in ["species", "Person.survey_score", "Bill Length (mm)", "a-b_c.d", "", "ÄBC", "x\r\ny", "%20/?#"] {
            #expect(field(key).anchor == SchemaField.characterAnchor(key), "\(key.debugDescription)")
        }
        #expect(field("Bill Length (mm)").anchor == "field-bill-length--mm-")
        // CR LF is one Character (one `-`), and a non-ASCII key is left to the walk.
        #expect(SchemaField.asciiAnchor("x\r\ny") == nil)
        #expect(SchemaField.asciiAnchor("Kelvin \u{212A}") == nil)
    }

    @Test func randomKeysGetTheCharacterWalksAnchor() {
        let alphabet = Array("aZ09._- \t\r\n()/%#:|*\u{7F}\u{1}ÄéK\u{212A}\u{301}٣²ß")
        var generator = SeededGenerator(seed: 0x5C4E_3A00)
        for _ in 0..<500 {
            let length = Int(generator.next() % 12)
            let key = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(field(key).anchor == SchemaField.characterAnchor(key), "\(key.debugDescription)")
        }
    }
}
