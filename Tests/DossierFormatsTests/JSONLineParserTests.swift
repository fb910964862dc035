@testable import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Testing

@Suite struct JSONLineParserTests {
    static func members(_ line: String) throws -> [(key: String, value: JSONLineValue)] {
        try JSONLineParser.members(of: Array(line.utf8))
    }

    @Test func keepsKeyOrderAndNumberSpelling() throws {
        let members = try Self.members(#"{"b": 1, "a": 1.0, "c": -2e3, "d": 0}"#)
        #expect(members.map(\.key) == ["b", "a", "c", "d"])
        #expect(
            members.map(\.value) == [
                .number("1", isInteger: true), .number("1.0", isInteger: false),
                .number("-2e3", isInteger: false), .number("0", isInteger: true),
            ])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let members = try Self.members(#"{"s": "a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "lone": "\ud800x"}"#)
        #expect(members[0].value == .string("a\"b\\c/d\n\té😀"))
        #expect(members[1].value == .string("\u{FFFD}x"))
    }

    @Test func keepsNestedValuesAsText() throws {
        let members = try Self.members(#"{"n": {"x": [1, {"y": null}]}, "e": [], "o": {}}"#)
        #expect(members.map(\.value) == [.nested(#"{"x": [1, {"y": null}]}"#), .nested("[]"), .nested("{}")])
    }

    @Test func aRepeatedKeyKeepsItsLastValue() throws {
        let members = try Self.members(#"{"a": 1, "b": true, "a": null}"#)
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members.map(\.value) == [.null, .bool(true)])
    }

    @Test func reportsTheColumnOfAnError() {
        do {
            _ = try JSONLineParser.members(of: Array(#"{"a": 1,}"#.utf8))
            Issue.record("a trailing comma was accepted")
        } catch {
            #expect(error.column == 9)
            #expect(error.message == "expected a quoted key")
        }
    }

    @Test func readsCRLFLines() throws {
        let profile = try DriftFixture.profile("{\"a\": 1}\r\n{\"a\": 2}\r\n", named: "s.jsonl")
        #expect(profile.rowsRead == 2)
        #expect(profile.column(named: "a")?.maximum == 2)
    }
}

@Suite struct UTF8ValidationTests {
    @Test(
        arguments: [
            ([0x61, 0xC3, 0xA9], true),  // aé
            ([0xF0, 0x9F, 0x98, 0x80], true),  // 😀
            ([0xEF, 0xBF, 0xBD], true),  // U+FFFD itself
            ([0xE9], false),  // Latin-1 é
            ([0xC0, 0xAF], false),  // overlong /
            ([0xE0, 0x80, 0xAF], false),  // overlong
            ([0xED, 0xA0, 0x80], false),  // surrogate
            ([0xF4, 0x90, 0x80, 0x80], false),  // past U+10FFFF
            ([0xF0, 0x9F, 0x98], false),  // truncated
            ([0xE2, 0x82, 0x41], false),  // bad continuation
        ] as [([UInt8], Bool)])
    func validatesUTF8(bytes: [UInt8], valid: Bool) {
        #expect(UTF8Validation.isValid(bytes) == valid)
    }
}
