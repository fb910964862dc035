@testable import DossierMarkdown
import Testing

/// No depth or density of Markdown crashes or stalls the parser: deep nesting is flattened past
/// `CMarkParser.maxDepth` and bracket-dense paragraphs are shown as text, each with a note.
@Suite struct HostileMarkdownParserTests {
    static let depth = 100_000

    static let nested: [(String, String)] = [
        ("block-quotes", String(repeating: ">", count: depth) + " deep\n"),
        ("bullet-lists", String(repeating: "- ", count: depth) + "deep\n"),
        ("ordered-lists", String(repeating: "1. ", count: depth) + "deep\n"),
        ("emphasis", String(repeating: "*", count: depth) + "deep" + String(repeating: "*", count: depth) + "\n"),
        ("strong", String(repeating: "**", count: depth) + "deep" + String(repeating: "**", count: depth) + "\n"),
        // Images nest; 1,000 deep stays under the bracket-density budget, so the depth limit applies.
        ("images", String(repeating: "![", count: 1_000) + "deep" + String(repeating: "](x.png)", count: 1_000) + "\n"),
        (
            "strikethrough",
            String(repeating: "~~a ", count: depth) + "deep" + String(repeating: " b~~", count: depth) + "\n"
        ),
        ("quoted-lists", String(repeating: "> - ", count: depth / 2) + "deep\n"),
    ]

    func maxDepth(_ node: MarkdownNode) -> Int {
        var deepest = 0
        var stack = [(node, 1)]
        while let (current, level) = stack.popLast() {
            deepest = max(deepest, level)
            for child in current.children { stack.append((child, level + 1)) }
        }
        return deepest
    }

    @Test(arguments: nested.map(\.0)) func deepNestingIsFlattenedWithANote(_ name: String) {
        let markdown = Self.nested.first { $0.0 == name }!.1
        let (root, notes) = CMarkParser.parseReporting(markdown)
        #expect(maxDepth(root) <= CMarkParser.maxDepth + 2)
        // 100,000-deep emphasis is 200,000 delimiters: over the delimiter budget, so it is text.
        #expect(notes.count == 1)
        #expect(["markdown.too-deep", "markdown.too-dense"].contains(notes.first?.rule ?? ""))
        #expect(notes.first?.line == 1)
        // The innermost text survives the flattening, and everything downstream can walk the tree.
        #expect(root.plainText.contains("deep"))
        let html = HTMLRenderer().render(root, links: PlainLinks())
        #expect(html.contains("deep"))
        _ = MarkdownAnalysis(root)
    }

    @Test func deepLinksAndBracketsAreShownAsTextWithANote() {
        for markdown in [
            String(repeating: "[", count: Self.depth) + "deep" + String(repeating: "](x.md)", count: Self.depth),
            String(repeating: "![", count: Self.depth) + "deep" + String(repeating: "](x.png)", count: Self.depth),
            String(repeating: "[", count: Self.depth) + "deep" + String(repeating: "]", count: Self.depth),
        ] {
            let (root, notes) = CMarkParser.parseReporting(markdown + "\n")
            #expect(notes.map(\.rule) == ["markdown.too-dense"])
            let keptText = root.plainText.contains("[[[deep]") || root.plainText.contains("![![![deep]")
            #expect(keptText)
        }
    }

    @Test(arguments: ["*", "**", "_", "~~"]) func inlineNestingWithinTheBudgetIsFlattened(_ marker: String) {
        let depth = 10_000
        let markdown =
            String(repeating: marker == "~~" ? "~~a " : marker, count: depth) + "deep"
            + String(repeating: marker == "~~" ? " b~~" : marker, count: depth) + "\n"
        let (root, notes) = CMarkParser.parseReporting(markdown)
        #expect(notes.map(\.rule) == ["markdown.too-deep"])
        #expect(maxDepth(root) <= CMarkParser.maxDepth + 2)
        #expect(root.plainText.contains("deep"))
    }

    @Test func shallowNestingIsUntouched() {
        let (root, notes) = CMarkParser.parseReporting(String(repeating: ">", count: 50) + " x\n")
        #expect(notes.isEmpty)
        #expect(maxDepth(root) == 53)
    }

    @Test func emphasisMixedWithLinksIsShownAsTextWithANote() {
        // About 1 MB in one paragraph: quadratic in Debian's cmark-gfm (minutes).
        let markdown =
            "# Title\n\nIntro [a](a.md).\n\n" + String(repeating: "word *em* [link](x.md) ", count: 45_000) + "\n"
        let (root, notes) = CMarkParser.parseReporting(markdown)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        #expect(notes.first?.line == 5)
        let analysis = MarkdownAnalysis(root)
        // The dense paragraph's links are text now; the other paragraph keeps its link.
        #expect(analysis.links.map(\.url) == ["a.md"])
        #expect(root.plainText.contains("word *em* [link](x.md) word"))
    }

    @Test func bangBracketsAreShownAsTextWithANote() {
        let (root, notes) = CMarkParser.parseReporting(String(repeating: "![[]()", count: 100_000) + "\n")
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        #expect(root.plainText.hasPrefix("![[]()![[]()"))
    }

    @Test func crowdedBareURLsAreNotAutolinkedWithANote() {
        let crowded = "See https://example.org.\n\n" + String(repeating: "<http://a", count: 30_000) + "\n"
        let (root, notes) = CMarkParser.parseReporting(crowded)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        #expect(notes.first?.line == 3)
        #expect(MarkdownAnalysis(root).links.isEmpty)
        // A few bare URLs are still linked.
        let (few, fewNotes) = CMarkParser.parseReporting("See https://example.org and www.example.com.\n")
        #expect(fewNotes.isEmpty)
        #expect(MarkdownAnalysis(few).links.count == 2)
    }

    @Test func ordinaryLinkListsAndCodeAreNotDegraded() {
        var markdown = ""
        for i in 0..<3_000 { markdown += "- [item \(i)](page\(i).md) *note*\n" }
        markdown += "\n```\n" + String(repeating: "a[i] = b[j] * c[k]\n", count: 3_000) + "```\n"
        let (root, notes) = CMarkParser.parseReporting(markdown)
        #expect(notes.isEmpty)
        #expect(MarkdownAnalysis(root).links.count == 3_000)
    }
}

struct PlainLinks: MarkdownLinkResolver {
    func href(for url: String, isImage: Bool) -> String? { url }
    func wikiLink(_ target: String) -> (href: String, text: String)? { nil }
}

/// Line-level caps applied before cmark-gfm builds millions of nodes.
@Suite struct MarkdownInputGuardTests {
    @Test func blockNestingIsCutAtTheLimitOnEachLine() {
        let (root, notes) = CMarkParser.parseReporting("intro\n\n" + String(repeating: "> ", count: 5_000) + "deep\n")
        #expect(notes.map(\.rule) == ["markdown.too-deep"])
        #expect(notes.first?.line == 3)
        #expect(notes.first?.column == 2 * MarkdownInputGuard.maxBlockDepth + 1)
        var quotes = 0
        var node = root.children.last
        while let current = node, case .blockQuote = current.kind {
            quotes += 1
            node = current.children.first
        }
        #expect(quotes == MarkdownInputGuard.maxBlockDepth)
        #expect(root.plainText.contains("> > > deep"))
    }

    @Test func orderedListMarkersAreCutWithoutAVisibleBackslash() {
        let (root, notes) = CMarkParser.parseReporting(String(repeating: "1. ", count: 200) + "x\n")
        #expect(notes.map(\.rule) == ["markdown.too-deep"])
        #expect(root.plainText.contains("1. 1. x"))
        #expect(!root.plainText.contains("\\"))
    }

    @Test func wideTablesAreShownAsText() {
        let columns = MarkdownInputGuard.maxTableColumns + 1
        let table =
            "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "|" + String(repeating: "b|", count: columns) + "\n", count: 3)
        let (root, notes) = CMarkParser.parseReporting("# T\n\n" + table)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        #expect(notes.first?.line == 4)
        #expect(MarkdownAnalysis(root).tables.isEmpty)
        let (narrow, narrowNotes) = CMarkParser.parseReporting("|a|b|\n|-|-|\n|1|2|\n")
        #expect(narrowNotes.isEmpty)
        #expect(MarkdownAnalysis(narrow).tables.count == 1)
    }

    @Test func fencedCodeIsLeftAlone() {
        let code =
            "```\n" + String(repeating: "> ", count: 500) + "\n|" + String(repeating: "-|", count: 300) + "\n```\n"
        let (root, notes) = CMarkParser.parseReporting(code)
        #expect(notes.isEmpty)
        #expect(!root.plainText.contains("\\"))
    }
}

@Suite struct DelimiterBudgetTests {
    @Test func aFloodOfEmphasisIsShownAsTextWithOneNote() {
        let paragraph = String(repeating: "word *em* link ", count: 30) + "\n\n"
        let markdown = String(repeating: paragraph, count: 4_000)
        let (root, notes) = CMarkParser.parseReporting(markdown)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        #expect(notes.first?.message.contains("more paragraphs") == true)
        // The budget keeps emphasis in the later paragraphs only.
        var emphasis = 0
        root.walk { if case .emphasis = $0.kind { emphasis += 1 } }
        #expect(emphasis > 0 && emphasis <= MarkdownInputGuard.maxDocumentDelimiters / 2)
        #expect(root.plainText.hasPrefix("word *em* link"))
        #expect(!root.plainText.contains("\u{E000}"))
    }

    @Test func aDenseListItemStaysAListItemWithPlainText() {
        let item = "- " + String(repeating: "word *em* [link](x.md) ", count: 2_000) + "\n- second *item*\n"
        let (root, notes) = CMarkParser.parseReporting(item)
        #expect(notes.map(\.rule) == ["markdown.too-dense"])
        guard case .list = root.children.first?.kind else {
            Issue.record("expected a list")
            return
        }
        let items = root.children[0].children
        #expect(items.count == 2)
        #expect(items.first?.plainText.hasPrefix("word *em* [link](x.md) word") == true)
        var emphasis = 0
        root.walk { if case .emphasis = $0.kind { emphasis += 1 } }
        #expect(emphasis == 1)
    }

    @Test func ordinaryEmphasisIsUntouched() {
        let (_, notes) = CMarkParser.parseReporting(
            String(repeating: "Some *emphasis* and **strong** text.\n\n", count: 1_000))
        #expect(notes.isEmpty)
    }
}
