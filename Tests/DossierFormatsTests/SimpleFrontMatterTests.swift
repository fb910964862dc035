@testable import DossierFormats
import Testing

/// `SimpleFrontMatter` (the Yams-free fast path) must give exactly what Yams gives — content,
/// text, line and column of every value — or step aside (nil) for Yams.
@Suite struct SimpleFrontMatterTests {
    func yams(_ yaml: String) -> YAMLValue? {
        if case let .success(value) = FrontMatter.parseWithYams(yaml, path: "a.md") { return value }
        return nil
    }

    /// Front matter as the bench corpus and the example project write it: the fast path takes it.
    @Test func typicalFrontMatterIsReadWithoutYamsAlike() throws {
        let texts = [
            "kind: schema\nid: sche-00001\ntitle: Metric Revenue Record sche-00001\nowner: team-6\n"
                + "tags: [metric, stream]\ncode: [src/schemas/mod_000.py]\nsource: data-00095\n"
                + "sample: data/samples/sche-00001.csv\n",
            "kind: labeling\nmethod: manual\nclasses: [positive, negative]\n"
                + "agreement: {metric: cohen_kappa, value: 0.81}\nimplements: [src/p/mod_074.py#build_074]\n",
            "# leading comment\n\nkind: environment\npython: '3.11'\nos: \"Ubuntu 22.04\"\nseeds: {global: 42}\n\n",
            "summary: One sentence, with a comma; and [brackets] {braces} 'quotes' \"too\"\nverified: abc123\n",
            "order: 3\nweight: 10\nratio: 0.5e3\nflag: yes\noff_key: Off\nhex: 0x1F\noct: 017\nnothing: null\n",
            "location: s3://bucket/path/\ntime: 10:30\ntags: []\nlist: [ a ,  b  ]\nx: a#b\n",
            "empty_quotes: ''\ndq: \"\"\nlabel: 'a \"b\" c'\nmix: [1, 2.5, true, null, 'q', \"r s\"]\n",
        ]
        for text in texts {
            let fast = SimpleFrontMatter.parse(text, lineOffset: 1)
            let slow = yams(text)
            #expect(fast != nil, "\(text.debugDescription)")
            #expect(fast == slow, "\(text.debugDescription)")
        }
    }

    /// What the fast path must leave to Yams: errors, nesting, aliases, tags, multi-line values,
    /// comments after values, escapes, non-ASCII, tabs and CR.
    @Test func anythingElseGoesToYams() {
        let texts = [
            "a: 1\na: 2\n", "a: [1, 2\n", "a:\n- x\n", "a: &x 1\nb: *x\n", "a: !!str 3\n",
            "a: |\n  text\n", "a: b\n  c\n", "a: b # note\n", "a: \"x\\ty\"\n", "a: 'it''s'\n", "a: café\n",
            "a:\tb\n", "a: b\r\n", "---\na: b\n", "a: b:\n", "a: b: c\n", "a:\n", "a: \n", "- a\n", "\"a\": b\n",
            "a : b\n", "a: [b, [c]]\n", "a: {b: {c: d}}\n", "a: [b, ]\n", "a: {}\n", "a: .nan\n", "a: -1\n",
            "a: [x: y]\n", "a: {b: c, b: d}\n", "  a: b\n", "a: 'b\n", "a: b\u{7F}\n", "",
            // One-level block mappings that step outside the subset.
            "a:\n  b:\n    c: 1\n", "a:\n  b: 1\n   c: 2\n", "a:\n    b: 1\n  c: 2\n", "a:\n  b: 1\n\n  c: 2\n",
            "a:\n  b: 1\n  # c\n  d: 2\n", "a:\n  b: 1\n# c\n  d: 2\n", "a:\n  - x\n", "a:\n  b: 1\n  b: 2\n",
            "a:\n  b: 1 # c\n", "a:\n  b\n", "a:\n  b: 1\n  c\n", "a: \n  b: 1\n", "a:\n\n  b: 1\n", "a:\n  'b': 1\n",
            "a:\n  b: 1\na:\n  c: 2\n", "a:\n\tb: 1\n", "a:\n  b: 1\n \n", "a:\n  b: 1\n  \nc: 2\n",
        ]
        for text in texts {
            #expect(SimpleFrontMatter.parse(text, lineOffset: 1) == nil, "\(text.debugDescription)")
        }
    }

    /// Environment pages' `packages:` block mapping (one level, as the bench corpus writes it) is
    /// read without Yams, alike in content, lines and columns, between other keys and at the end.
    @Test func nestedBlockMappingsAreReadWithoutYamsAlike() throws {
        let texts = [
            "kind: environment\nid: envi-00024\npython: '3.11'\nrequirements: requirements.txt\npackages:\n"
                + "  xgboost: '2.0.3'\n  lightgbm: '4.3.0'\n  scikit-learn: '1.5.0.post1'\n"
                + "seeds: {global: 42, numpy: 42}\n",
            "packages:\n  torch: '2.3.1'\n", "a:\n    b: 1\n    c: [x, y]\n    d: {e: f}\n\n# end\n",
            "a:\n  b: x y  \n  c: \"q\"\n\n\nd: 2\n# c\ne:\n  f: true\n  g: null\n  h: 0x1F\n",
            "a:\n  b: 1\n# c\nd: 2\n", "a:\n  a: 1\nb:\n  a: 2\n", "a:\n  b: 1", "a:\n  b: 1\n  c: 2",
        ]
        for text in texts {
            let fast = SimpleFrontMatter.parse(text, lineOffset: 1)
            let slow = yams(text)
            #expect(fast != nil, "\(text.debugDescription)")
            #expect(fast == slow, "\(text.debugDescription)")
        }
    }

    /// Random front matter with block mappings whose lines wander off the subset (other indents,
    /// blank and comment lines, nesting, list items): whenever the fast path answers, Yams answers
    /// the same.
    @Test func randomNestedMappingsAgreeWithYams() {
        let lines = [
            "k: v", "k: 1", "k: 'q'", "k: [a, b]", "k: {c: d}", "j: x y", "l: '1.5.0'", "k:", "j:", "- x", "# c", "",
            " ", "k: v # c", "k v", "k: a: b", "'k': v", "k: |",
        ]
        let indents = ["", "  ", "  ", "  ", "  ", "    ", " ", "\t"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(count))
        }
        var fastCount = 0
        for _ in 0..<6000 {
            var text = next(3) == 0 ? "kind: environment\n" : ""
            text += ["packages", "a", "kind"][next(3)] + ":\n"
            for _ in 0..<(1 + next(4)) {
                text += indents[next(indents.count)] + lines[next(lines.count)] + "\n"
            }
            if next(2) == 0 { text += ["seeds: 1\n", "packages:\n  x: 1\n", "b:\n  y: 2\n", "# end\n"][next(4)] }
            let slow = yams(text)
            guard let fast = SimpleFrontMatter.parse(text, lineOffset: 1) else { continue }
            fastCount += 1
            #expect(fast == slow, "\(text.debugDescription)")
        }
        // The generator must reach the fast path often, or this test would check nothing.
        #expect(fastCount > 300)
    }

    /// Random front matter from fragments that sit on the subset's edges: whenever the fast path
    /// answers, Yams answers the same; when Yams refuses, the fast path does too.
    @Test func randomFrontMatterAgreesWithYams() {
        let keys = ["kind", "a", "B_c", "x-y", "_u", "id9", "on", "null", "k"]
        let separators = [": ", ": ", ": ", ":  ", ":", " : ", ": \n  "]
        let values = [
            "x", "x y", "x  y ", "1", "-1", "+1", "0.5", "1e3", "1_000", "0x1F", "yes", "No", "~", "null", "", "'q'",
            "\"d\"", "'a''b'", "\"a\\\"b\"", "[a, b]", "[a,b]", "[]", "[ a ]", "[a, [b]]", "{k: v}", "{k: v, l: 2}",
            "{k:v}", "a, b", "a: b", "a:b", "a #c", "a#c", "#c", "[a #b]", "[a, 'b c', \"d\"]", "s3://x/y", "x:", "é",
            "[1.5, true, ~]", "{a: [b]}", "&a x", "*a", "!t x", "|", ">", "%x", "@x", "`x`", "?x", "- x", ".inf",
        ]
        let endings = ["\n", "\n", "\n", "  \n", " # c\n", "\n\n", "\n# c\n", "\r\n", ""]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ count: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(count))
        }
        var fastCount = 0
        for _ in 0..<6000 {
            var text = next(4) == 0 ? "# head\n" : ""
            for _ in 0..<(1 + next(3)) {
                text += keys[next(keys.count)] + separators[next(separators.count)] + values[next(values.count)]
                text += endings[next(endings.count)]
            }
            let slow = yams(text)
            guard let fast = SimpleFrontMatter.parse(text, lineOffset: 1) else { continue }
            fastCount += 1
            #expect(fast == slow, "\(text.debugDescription)")
        }
        // The generator must reach the fast path often, or this test would check nothing.
        #expect(fastCount > 300)
    }
}
