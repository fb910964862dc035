@testable import DossierFormats
import DossierTestSupport
import Testing

/// The one YAML gateway: the expanded size is computed from libyaml's events before composing.
@Suite struct SafeYAMLTests {
    @Test func quoteHiddenAliasesAreCountedAtTheirExpandedSize() {
        do {
            _ = try SafeYAML.compose(HostileInput.quoteHiddenYAMLBomb)
            Issue.record("expected the bomb to be refused")
        } catch {
            #expect(error.reason == .aliasExpansion)
            // a0 is 11 values, a1 112, a2 1,122, a3 11,222: a4 passes 100,000 on its line (line 5).
            #expect(error.line == 5)
            #expect(error.message.contains("*a3"))
        }
    }

    @Test func starsThatAreNotAliasesCostNothing() throws {
        let node = try SafeYAML.compose("glob: '*.csv'\nnote: \"*a *b\"\nplain: 2*3\n# *x\n")
        #expect(node?["glob"]?.string == "*.csv")
    }

    @Test func aliasesWithinTheBudgetAreRead() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...3 {
            yaml +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(try SafeYAML.compose(yaml) != nil)
    }

    @Test func manyPlainValuesWithAnAliasAreTooLarge() {
        let yaml = "a: &a 1\nb: *a\nlist:\n" + String(repeating: "  - v\n", count: SafeYAML.maxNodes + 1)
        #expect(throws: SafeYAML.Failure.self) { try SafeYAML.compose(yaml) }
    }

    @Test func syntaxErrorsKeepTheirLocation() {
        do {
            _ = try SafeYAML.compose("a: 1\nb: [1, 2\nc: 3\n")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.reason == .syntax)
            #expect(error.line >= 2)
        }
    }
}
