@testable import DossierFormats
import DossierTestSupport
import Testing

@Suite struct FrontMatterTests {
    @Test func splitsFrontMatterAndCountsLines() {
        let split = FrontMatter.split("---\nkind: schema\nid: x\n---\n# Title\n")
        #expect(split.yaml == "kind: schema\nid: x\n")
        #expect(split.body == "# Title\n")
        #expect(split.bodyLineOffset == 4)
    }

    @Test func crlfAndBOMAreAccepted() {
        let split = FrontMatter.split("\u{FEFF}---\r\nid: x\r\n---\r\nbody")
        #expect(split.yaml == "id: x\r\n")
        #expect(split.body == "body")
    }

    @Test func noClosingFenceMeansNoFrontMatter() {
        let split = FrontMatter.split("---\nid: x\n\nno end")
        #expect(split.yaml == nil)
        #expect(split.bodyLineOffset == 0)
    }

    @Test func valuesKeepTypesAndLines() throws {
        let value = try FrontMatter.parse(
            "id: x\nclasses: [a, b]\nn: 3\nf: 0.10\nok: true\nquoted: '3'\nnested:\n  k: v\n", path: "d.md"
        ).get()
        #expect(value["id"]?.string == "x")
        #expect(value["classes"]?.stringList == ["a", "b"])
        #expect(value["n"]?.content == .int(3))
        #expect(value["f"]?.text == "0.10")
        #expect(value["ok"]?.content == .bool(true))
        #expect(value["quoted"]?.content == .string("3"))
        #expect(value["nested"]?["k"]?.string == "v")
        // Lines are lines of the file: the YAML starts after the opening `---` on line 1.
        #expect(value.entry("classes")?.line == 3)
    }

    @Test func malformedYAMLIsAFindingWithYamsMessage() {
        guard case let .failure(finding) = FrontMatter.parse("id: x\nclasses: [a, b\nkind: schema\n", path: "d.md")
        else {
            Issue.record("expected a failure")
            return
        }
        #expect(finding.rule == "front-matter.yaml")
        #expect(finding.severity == .error)
        #expect(finding.location.path == "d.md")
        #expect(finding.location.line >= 3)
        #expect(finding.message.contains("malformed YAML front matter"))
        #expect(finding.formatted.hasPrefix("d.md:\(finding.location.line):\(finding.location.column): error: "))
    }

    @Test func billionLaughsIsRefusedQuickly() {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        guard case let .failure(finding) = FrontMatter.parse(yaml, path: "bomb.md") else {
            Issue.record("expected the bomb to be refused")
            return
        }
        #expect(finding.rule == "front-matter.aliases")
    }

    @Test func aFewAliasesAreFine() throws {
        let value = try FrontMatter.parse("base: &b {lr: 0.1}\nrun1: *b\nrun2: *b\n", path: "d.md").get()
        #expect(value["run1"]?["lr"]?.number == 0.1)
    }

    @Test func deepNestingIsAFindingNotACrash() {
        let yaml = "a: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        if case .success = FrontMatter.parse(yaml, path: "deep.md") {
            Issue.record("expected deep nesting to be refused")
        }
    }

    @Test func aliasesHiddenBehindAQuoteAreRefusedAtTheAlias() {
        guard case let .failure(finding) = FrontMatter.parse(HostileInput.quoteHiddenYAMLBomb, path: "bomb.md") else {
            Issue.record("expected the bomb to be refused")
            return
        }
        #expect(finding.rule == "front-matter.aliases")
        // The first line that overflows, plus the opening `---`.
        #expect(finding.location.line > 2)
    }

    @Test func quotedStarsAreNotAliases() throws {
        let value = try FrontMatter.parse("glob: '*.csv'\n# *not an alias\nbase: &b 1\nx: *b\n", path: "d.md").get()
        #expect(value["glob"]?.string == "*.csv")
        #expect(value["x"]?.number == 1)
    }
}
