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
            "a: 1\na: 2\n", "a: [1, 2\n", "a:\n  b: 1\n", "a:\n- x\n", "a: &x 1\nb: *x\n", "a: !!str 3\n",
            "a: |\n  text\n", "a: b\n  c\n", "a: b # note\n", "a: \"x\\ty\"\n", "a: 'it''s'\n", "a: café\n",
            "a:\tb\n", "a: b\r\n", "---\na: b\n", "a: b:\n", "a: b: c\n", "a:\n", "a: \n", "- a\n", "\"a\": b\n",
            "a : b\n", "a: [b, [c]]\n", "a: {b: {c: d}}\n", "a: [b, ]\n", "a: {}\n", "a: .nan\n", "a: -1\n",
            "a: [x: y]\n", "a: {b: c, b: d}\n", "  a: b\n", "a: 'b\n", "a: b\u{7F}\n", "",
        ]
        for text in texts {
            #expect(SimpleFrontMatter.parse(text, lineOffset: 1) == nil, "\(text.debugDescription)")
        }
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
