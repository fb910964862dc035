@testable import DossierChecks
@testable import DossierCore
@testable import DossierFormats
import DossierTestSupport
import Foundation
import Testing

@Suite struct DriftDataTests {
    @Test func yamlAliasBombIsRefusedQuickly() throws {
        // Nine levels of nine aliases: composing this would take minutes.
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: DriftFileProblem.self) { try DriftYAML.load(yaml, path: "params.yaml") }
        #expect(clock.now - started < .seconds(1))
    }

    @Test func aliasesHiddenBehindAQuoteAreRefusedAtTheAlias() throws {
        // `'x` after a space fooled the old text counter into skipping the rest of each line.
        let yaml = HostileInput.quoteHiddenYAMLBomb
        do {
            _ = try DriftYAML.load(yaml, path: "params.yaml")
            Issue.record("expected the bomb to be refused")
        } catch {
            #expect(error.reason.contains("100000"))
            #expect((error.line ?? 0) > 1)
        }
    }

    @Test func quotedStarsAndHarmlessAliasesAreRead() throws {
        let data = try DriftYAML.load("a: &x 1\nb: *x\nc: [*x, *x]\nd: \"*y\"\ne: '*z'\n", path: "params.yaml")
        #expect(data?.entries.count == 5)
    }

    @Test func jsonValuesKeepTheirTextAndLines() throws {
        let data = try DriftJSON.load(
            """
            {
              "lr": 1e-3,
              "name": "caf\\u00e9 \\"q\\" \\ud83d\\ude00",
              "nested": {"ok": true, "none": null},
              "list": [1, -2.5, []]
            }
            """, path: "x.json")
        #expect(data["lr"] == .scalar("1e-3", line: 2))
        #expect(data["name"]?.text == "café \"q\" 😀")
        #expect(data.flattened().map(\.key) == ["lr", "name", "nested.ok", "nested.none", "list"])
        #expect(data["list"]?.rendered == "[1, -2.5, []]")
        // A lone or mismatched surrogate becomes U+FFFD instead of trapping.
        #expect(try DriftJSON.load(#""\ud83d\u0041 \udc00""#, path: "x.json").text == "\u{FFFD}A \u{FFFD}")
    }

    @Test func jsonErrorsSayWhere() {
        func problem(_ text: String) -> DriftFileProblem? {
            do {
                _ = try DriftJSON.load(text, path: "m.json")
                return nil
            } catch {
                return error
            }
        }
        #expect(problem("{\"a\": 1,}")?.reason == "invalid JSON: expected a quoted key")
        #expect(problem("[1,\n 2")?.line == 2)
        #expect(problem("{\"a\": 01}")?.reason == "invalid JSON: a number cannot start with 0")
        #expect(problem("{\"a\": NaN}")?.reason == "invalid JSON: unexpected character `N`")
        #expect(problem("\"tab\there\"")?.reason == "invalid JSON: a control character must be escaped inside a string")
        #expect(problem("")?.reason == "invalid JSON: expected a value, found the end of the text")
        #expect(problem(String(repeating: "[", count: 10_000))?.reason.contains("nested deeper") == true)
    }

    @Test func paramValuesCompareAcrossSpellings() {
        #expect(ParamValue("0.10") == ParamValue("0.1"))
        #expect(ParamValue("1e-3") == ParamValue("0.001"))
        #expect(ParamValue("100") == ParamValue("100.0"))
        #expect(ParamValue("True") == ParamValue("true"))
        #expect(ParamValue("None") == ParamValue("null"))
        #expect(ParamValue("[64, 32]") == ParamValue("(64,32)"))
        #expect(ParamValue("(64,)") == ParamValue("[64]"))
        #expect(ParamValue("'adam'") == ParamValue("adam"))
        #expect(ParamValue("adam") != ParamValue("Adam"))
        #expect(ParamValue("0x10") == .text("0x10"))
        #expect(ParamValue("nan") == .text("nan"))
        #expect(ParamValue("0.1") != ParamValue("0.2"))
    }
}
