import DossierFormats
import Testing

/// The one JSON grammar: order, number text, positions, and bounded nesting.
@Suite struct JSONParserTests {
    @Test func keepsMemberOrderNumberTextAndLines() throws {
        let text = "{\n  \"b\": 1.0,\n  \"a\": [39, true, null],\n  \"c\": {\"d\": \"x\"}\n}"
        let node = try JSONParser.parse(Array(text.utf8))
        guard case let .object(members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"])
        guard case let .number(number, isInteger) = members[0].node.value else { Issue.record("not a number"); return }
        #expect(number == "1.0" && !isInteger)
        #expect(members[1].node.line == 3)
        #expect(String(decoding: Array(text.utf8)[members[2].node.range], as: UTF8.self) == "{\"d\": \"x\"}")
    }

    @Test func failuresSayLineAndColumn() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{\"a\": 1,\n  }".utf8)) }
        do {
            _ = try JSONParser.parse(Array("{\"a\": 1,\n  }".utf8))
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 3)
            #expect(error.message == "expected a quoted key")
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("100,000 nested arrays parsed")
        } catch {
            #expect(error.message.contains("nested deeper"))
        }
    }

    @Test func escapesAndSurrogatePairs() throws {
        let node = try JSONParser.parse(Array(#""tab\t \u00e9 \ud83d\ude00""#.utf8))
        guard case let .string(text) = node.value else { Issue.record("not a string"); return }
        #expect(text == "tab\t é 😀")
    }
}
