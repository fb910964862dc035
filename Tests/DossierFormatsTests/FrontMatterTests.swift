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

    /// `FrontMatter.split` as it was before it scanned bytes (Substring lines, Character trims).
    static func splitBySubstrings(_ text: String) -> FrontMatter.Split {
        var utf8 = Substring(text).utf8
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8 = utf8.dropFirst(3) }
        let isTOML = utf8.starts(with: Array("+++".utf8))
        let fence = isTOML ? "+++" : "---"
        guard utf8.starts(with: Array(fence.utf8)) else {
            return FrontMatter.Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
        }
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        while index < utf8.endIndex, utf8[index] == 0x20 || utf8[index] == 0x09 { index = utf8.index(after: index) }
        if index < utf8.endIndex, utf8[index] == 0x0D { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == 0x0A else {
            return FrontMatter.Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
        }
        let yamlStart = utf8.index(after: index)
        var lineStart = yamlStart
        var lines = 1
        while lineStart < utf8.endIndex {
            var lineEnd = lineStart
            while lineEnd < utf8.endIndex, utf8[lineEnd] != 0x0A { lineEnd = utf8.index(after: lineEnd) }
            var content = Substring(utf8[lineStart..<lineEnd])
            if content.hasSuffix("\r") { content = content.dropLast() }
            let trimmed = content.trimmingTrailingSpaces()
            if trimmed == fence || (!isTOML && trimmed == "...") {
                let yaml = String(Substring(utf8[yamlStart..<lineStart]))
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                let body = String(Substring(utf8[bodyStart...]))
                if isTOML {
                    return FrontMatter.Split(
                        yaml: nil, toml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: lines + 1)
                }
                return FrontMatter.Split(yaml: yaml, yamlStartLine: 1, body: body, bodyLineOffset: lines + 1)
            }
            lines += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return FrontMatter.Split(yaml: nil, yamlStartLine: 1, body: text, bodyLineOffset: 0)
    }

    @Test func byteScanSplitsAsBefore() {
        let texts = [
            "", "-", "--", "---", "---\n", "---\n---", "---\n---\n", "---\na: b\n---\nbody", "---\na: b\n...\nbody",
            "\u{FEFF}---\na: 1\n---\n# T\n", "---\r\na: 1\r\n---\r\nbody\r\n", "--- \t\na: 1\n--- \t\r\nx",
            "----\na\n---\n", "---x\na\n---\n", "---\na\n---x\nb\n---\nc", "---\na\n---\u{301}\nb\n---\nc",
            "---\na\n -- -\n", "---\na\n---\r\r\nb\n---\n", "---\na\n\r---\n", "+++\na = 1\n+++\nbody",
            "+++\na = 1\n...\n+++\n", "---\né: ü\n---\n日本\n", "---\na\n---", "---\na\n\n\n---\n\n\nx",
            "\u{FEFF}+++\nx\n+++", "---\u{301}\na\n---\n", "--- \u{301}\na\n---\n", "-\u{301}--\na\n---\n",
            "---\na\n---\t \t\nz", "---\na\n...\r\n",
        ]
        for text in texts {
            let new = FrontMatter.split(text)
            let old = Self.splitBySubstrings(text)
            #expect(
                new.yaml == old.yaml && new.toml == old.toml && new.body == old.body
                    && new.bodyLineOffset == old.bodyLineOffset && new.yamlStartLine == old.yamlStartLine,
                "\(text.debugDescription)")
        }
    }
}
